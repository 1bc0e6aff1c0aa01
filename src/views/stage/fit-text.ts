/**
 * Shortens a label to fit a width in an SVG, where text does not wrap or ellipsize by itself.
 * Uses an average glyph width for the system sans-serif fonts (about 0.56 em), which is close
 * enough for labels; the full text stays available in a tooltip.
 */
const AVERAGE_GLYPH_EM = 0.56;

export function fitText(text: string, widthPx: number, fontPx: number): string {
  const max = Math.floor(widthPx / (fontPx * AVERAGE_GLYPH_EM));
  if (text.length <= max) return text;
  if (max <= 1) return '';
  return `${text.slice(0, max - 1)}…`;
}
