/**
 * IPv6 addresses as text, both ways, in the canonical form of RFC 5952: lower-case hex,
 * no leading zeros, the longest run of two or more zero groups written `::` (the first
 * such run on a tie), and IPv4-mapped addresses as `::ffff:192.0.2.1`.
 * `formatIpv6` reads 16 bytes from a DataView (the capture decoder); `parseIpv6` turns text
 * back into 16 bytes (the pcap writer), accepting any valid spelling, not just the canonical one.
 */

/** Groups of the address being formatted, reused: formatting runs once per IPv6 packet read. */
const scratch: number[] = [0, 0, 0, 0, 0, 0, 0, 0];

/** Text of the 16-byte address at `offset` in `view`. */
export function formatIpv6(view: DataView, offset: number): string {
  for (let i = 0; i < 8; i++) scratch[i] = view.getUint16(offset + 2 * i);
  return formatGroups(scratch);
}

/** Text of an address given as eight 16-bit groups. */
export function formatGroups(groups: readonly number[]): string {
  const g = groups as number[];
  if (g[0] === 0 && g[1] === 0 && g[2] === 0 && g[3] === 0 && g[4] === 0 && g[5] === 0xffff) {
    const hi = g[6] as number;
    const lo = g[7] as number;
    return `::ffff:${hi >>> 8}.${hi & 255}.${lo >>> 8}.${lo & 255}`;
  }
  // Longest run of zero groups (length >= 2), the first one on a tie.
  let bestStart = -1;
  let bestLen = 1;
  let runStart = -1;
  for (let i = 0; i <= 8; i++) {
    if (i < 8 && g[i] === 0) {
      if (runStart < 0) runStart = i;
    } else if (runStart >= 0) {
      if (i - runStart > bestLen) {
        bestStart = runStart;
        bestLen = i - runStart;
      }
      runStart = -1;
    }
  }
  let text = '';
  for (let i = 0; i < 8; i++) {
    if (i === bestStart) {
      text += '::';
      i += bestLen - 1;
      continue;
    }
    if (text !== '' && !text.endsWith(':')) text += ':';
    text += (g[i] as number).toString(16);
  }
  return text;
}

/** The 16 bytes of an IPv6 address written as text, or undefined when the text is not one. */
export function parseIpv6(input: string): Uint8Array | undefined {
  let text = input.trim();
  if (text.startsWith('[') && text.endsWith(']')) text = text.slice(1, -1);
  const groups: number[] = [];
  // An embedded dotted-quad tail (e.g. ::ffff:192.0.2.1) stands for the last two groups.
  const v4 = /^(.*:)(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(text);
  let tail: number[] = [];
  if (v4) {
    const q = v4.slice(2, 6).map(Number) as [number, number, number, number];
    if (q.some((x) => x > 255)) return undefined;
    tail = [(q[0] << 8) | q[1], (q[2] << 8) | q[3]];
    text = (v4[1] as string).endsWith('::') ? (v4[1] as string) : (v4[1] as string).slice(0, -1);
  }
  const halves = text.split('::');
  if (halves.length > 2) return undefined;
  const parseHalf = (half: string): number[] | undefined => {
    if (half === '') return [];
    const out: number[] = [];
    for (const part of half.split(':')) {
      if (!/^[0-9a-fA-F]{1,4}$/.test(part)) return undefined;
      out.push(parseInt(part, 16));
    }
    return out;
  };
  const head = parseHalf(halves[0] as string);
  const rest = halves.length === 2 ? parseHalf(halves[1] as string) : [];
  if (!head || !rest) return undefined;
  const written = head.length + rest.length + tail.length;
  if (halves.length === 2) {
    if (written > 7) return undefined;
    groups.push(...head, ...new Array<number>(8 - written).fill(0), ...rest, ...tail);
  } else {
    if (written !== 8) return undefined;
    groups.push(...head, ...tail);
  }
  const bytes = new Uint8Array(16);
  groups.forEach((value, i) => {
    bytes[2 * i] = value >>> 8;
    bytes[2 * i + 1] = value & 255;
  });
  return bytes;
}
