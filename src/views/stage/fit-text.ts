/**
 * Text on the stage is laid out to fit, never cut: SVG text neither wraps nor ellipsizes by
 * itself, so labels are measured with glyph widths of the usual system sans-serif (DejaVu Sans,
 * one of the widest, so the estimate errs on the long side) and a shorter designed label, or a
 * second line, is chosen when the long one would not fit.
 */
const NARROW = new Set('.,:;!|il\'I'.split(''));
const EM: Record<string, number> = {
  ' ': 0.318, '#': 0.838, '–': 0.5, '—': 1, '→': 0.838, '…': 1, '_': 0.5, '(': 0.39, ')': 0.39, '/': 0.337,
  '-': 0.361, '+': 0.838, '×': 0.838, '✓': 0.84, '=': 0.838, '·': 0.318, m: 0.974, w: 0.818, M: 0.863, W: 0.989,
  r: 0.411, t: 0.392, f: 0.352, j: 0.278, '%': 0.95,
};
const BOLD = 1.1;

function glyphEm(ch: string): number {
  const known = EM[ch];
  if (known !== undefined) return known;
  if (NARROW.has(ch)) return 0.3;
  if (ch >= '0' && ch <= '9') return 0.636;
  if (ch >= 'A' && ch <= 'Z') return 0.74;
  if (ch >= 'a' && ch <= 'z') return 0.62;
  return 0.84;
}

/** Estimated width of a text in CSS pixels at `fontPx`. */
export function textWidth(text: string, fontPx: number, bold = false): number {
  let em = 0;
  for (const ch of text) em += glyphEm(ch);
  return em * fontPx * (bold ? BOLD : 1);
}

export function fits(text: string, widthPx: number, fontPx: number, bold = false): boolean {
  return textWidth(text, fontPx, bold) <= widthPx;
}

/** The first of the labels (longest first) that fits; the last, shortest one, if none does. */
export function pickLabel(labels: readonly string[], widthPx: number, fontPx: number, bold = false): string {
  return labels.find((l) => fits(l, widthPx, fontPx, bold)) ?? labels[labels.length - 1] ?? '';
}

/** Breaks a text at spaces into lines that fit a width (a single word wider than that gets a line of its own). */
export function wrapText(text: string, widthPx: number, fontPx: number, bold = false): string[] {
  const lines: string[] = [];
  for (const word of text.split(' ')) {
    const last = lines.at(-1);
    if (last !== undefined && fits(`${last} ${word}`, widthPx, fontPx, bold)) lines[lines.length - 1] = `${last} ${word}`;
    else lines.push(word);
  }
  return lines;
}
