import { backgroundColour, loadSvgImage, standaloneSvg, svgText } from '../charts/export-image';

/** Height of the caption band under the stage, as a share of the frame's height. */
export const CAPTION_SHARE = 0.16;

/** The lines of `text` that fit `width` pixels in the canvas's current font (at most `maxLines`). */
export function wrapLines(text: string, width: number, measure: (s: string) => number, maxLines: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/).filter(Boolean)) {
    const next = line ? `${line} ${word}` : word;
    if (measure(next) <= width || !line) line = next;
    else {
      lines.push(line);
      line = word;
    }
  }
  if (line) lines.push(line);
  if (lines.length <= maxLines) return lines;
  const kept = lines.slice(0, maxLines);
  kept[maxLines - 1] = `${kept[maxLines - 1]} …`;
  return kept;
}

/**
 * Draws one video frame: the stage's svg with its computed styles inlined (so theme, presenter
 * sizes and the spotlight look as on screen), then, when asked, the caption band beneath it.
 * A pure function of what the off-screen stage shows: the same moment gives the same pixels.
 */
export async function drawFrame(context: CanvasRenderingContext2D, svg: SVGSVGElement, caption: string | null): Promise<void> {
  const { width, height } = context.canvas;
  const stageHeight = caption === null ? height : Math.round(height * (1 - CAPTION_SHARE));
  const background = backgroundColour(svg);
  context.fillStyle = background;
  context.fillRect(0, 0, width, height);
  const image = await loadSvgImage(svgText(standaloneSvg(svg, width, stageHeight)));
  context.drawImage(image, 0, 0, width, stageHeight);
  if (caption === null) return;
  const style = getComputedStyle(svg);
  const fontSize = Math.round(height * 0.034);
  context.font = `600 ${fontSize}px ${style.fontFamily}`;
  context.fillStyle = style.color;
  context.textBaseline = 'top';
  context.textAlign = 'left';
  const margin = Math.round(width * 0.03);
  const lines = wrapLines(caption, width - 2 * margin, (s) => context.measureText(s).width, 2);
  const lineHeight = Math.round(fontSize * 1.3);
  const top = stageHeight + Math.round((height - stageHeight - lines.length * lineHeight) / 2);
  lines.forEach((line, i) => context.fillText(line, margin, top + i * lineHeight));
}
