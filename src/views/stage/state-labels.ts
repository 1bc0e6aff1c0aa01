/**
 * Short designed labels for state values that do not fit a core's table ("C1" for CLOSED_1,
 * "FW1" for FIN_WAIT_1), with the legend that explains them. Pure.
 */

/** The short form of a value, or the value itself when it has none. */
export function shortState(value: string): string {
  const closed = /^CLOSED_(\d+)$/.exec(value);
  if (closed) return `C${closed[1]}`;
  if (/^[A-Z]+(_[A-Z0-9]+)+$/.test(value)) {
    return value.split('_').map((part) => (/^\d+$/.test(part) ? part : part[0])).join('');
  }
  if (/^[A-Z]{6,}$/.test(value)) return value.slice(0, 3);
  return value;
}

/** Legend lines for the short forms among `values` ("C0–C2 = CLOSED_0–2"), in a stable order. */
export function stateLegend(values: Iterable<string>): string[] {
  const closed = new Set<number>();
  const others = new Map<string, string>();
  for (const v of values) {
    const m = /^CLOSED_(\d+)$/.exec(v);
    if (m) closed.add(Number(m[1]));
    else if (shortState(v) !== v) others.set(shortState(v), v);
  }
  const lines: string[] = [];
  if (closed.size > 0) {
    const ks = [...closed].sort((a, b) => a - b);
    const lo = ks[0] as number;
    const hi = ks[ks.length - 1] as number;
    lines.push(lo === hi ? `C${lo} = CLOSED_${lo}` : `C${lo}–C${hi} = CLOSED_${lo}–${hi}`);
  }
  for (const [s, v] of [...others].sort()) lines.push(`${s} = ${v}`);
  return lines;
}
