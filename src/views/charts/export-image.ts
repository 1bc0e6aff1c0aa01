/**
 * Exports with the browser's own APIs: an SVG with its computed styles inlined (so the file looks
 * like the screen, in the current theme, without the page's CSS), a PNG drawn from that SVG on a
 * canvas, and a download of either (or of a CSV).
 */

/** Style properties copied onto every element of an exported SVG. */
const STYLE_PROPS = [
  'fill', 'fill-opacity', 'stroke', 'stroke-width', 'stroke-dasharray', 'stroke-linecap', 'stroke-linejoin', 'stroke-opacity',
  'opacity', 'font-family', 'font-size', 'font-weight', 'font-style', 'text-anchor', 'dominant-baseline', 'visibility', 'display',
  'paint-order', 'font-variant-numeric',
];

const SVG_NS = 'http://www.w3.org/2000/svg';

/** The page's background colour, resolved for the current theme. */
export function backgroundColour(from: Element): string {
  for (let el: Element | null = from; el; el = el.parentElement) {
    const bg = getComputedStyle(el).backgroundColor;
    if (bg && bg !== 'transparent' && !/rgba\(.*,\s*0\)$/.test(bg)) return bg;
  }
  return '#ffffff';
}

/** A standalone copy of `svg` with inline styles, a background and explicit pixel size; hover read-outs left out. */
export function standaloneSvg(svg: SVGSVGElement, width: number, height: number): SVGSVGElement {
  const clone = svg.cloneNode(true) as SVGSVGElement;
  const from = [svg, ...svg.querySelectorAll('*')];
  const to = [clone, ...clone.querySelectorAll('*')];
  from.forEach((el, i) => {
    const cs = getComputedStyle(el);
    const style = STYLE_PROPS.map((p) => `${p}:${cs.getPropertyValue(p)}`).join(';');
    to[i]?.setAttribute('style', style);
  });
  for (const tip of clone.querySelectorAll('.chart-tooltip, .chart-hover')) tip.remove();
  clone.setAttribute('xmlns', SVG_NS);
  clone.setAttribute('width', String(Math.round(width)));
  clone.setAttribute('height', String(Math.round(height)));
  if (!clone.getAttribute('viewBox')) clone.setAttribute('viewBox', `0 0 ${Math.round(width)} ${Math.round(height)}`);
  const bg = document.createElementNS(SVG_NS, 'rect');
  bg.setAttribute('width', '100%');
  bg.setAttribute('height', '100%');
  bg.setAttribute('style', `fill:${backgroundColour(svg)}`);
  clone.insertBefore(bg, clone.firstChild);
  return clone;
}

export function svgText(svg: SVGSVGElement): string {
  // No XML declaration: the file starts with <svg, and UTF-8 is the default for XML anyway.
  return new XMLSerializer().serializeToString(svg);
}

/** The size an SVG is drawn at on screen. */
export function svgSize(svg: SVGSVGElement): { width: number; height: number } {
  const box = svg.getBoundingClientRect();
  return { width: Math.max(1, box.width), height: Math.max(1, box.height) };
}

/** Loads SVG text as an image the browser can draw on a canvas (the caller revokes nothing). */
export async function loadSvgImage(text: string): Promise<HTMLImageElement> {
  const url = URL.createObjectURL(new Blob([text], { type: 'image/svg+xml' }));
  try {
    const image = new Image();
    // load/error rather than decode(): decode() of an SVG blob sometimes never settles in headless
    // Chromium; a timeout turns any other hang into a message instead of a silent no-op.
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('drawing the image took too long')), 10_000);
      image.onload = () => {
        clearTimeout(timer);
        resolve();
      };
      image.onerror = () => {
        clearTimeout(timer);
        reject(new Error('the browser could not draw the image'));
      };
      image.src = url;
    });
    return image;
  } finally {
    URL.revokeObjectURL(url);
  }
}

/** Draws SVG text on a canvas of `width` × `height` CSS pixels at `scale`, as a PNG. */
export async function svgToPng(text: string, width: number, height: number, scale = 2): Promise<Blob> {
  const image = await loadSvgImage(text);
  const canvas = document.createElement('canvas');
  canvas.width = Math.round(width * scale);
  canvas.height = Math.round(height * scale);
  const context = canvas.getContext('2d');
  if (!context) throw new Error('this browser cannot draw on a canvas');
  context.scale(scale, scale);
  context.drawImage(image, 0, 0, width, height);
  return canvasToPng(canvas);
}

/** The canvas as a PNG file. */
export function canvasToPng(canvas: HTMLCanvasElement): Promise<Blob> {
  return new Promise<Blob>((resolve, reject) => canvas.toBlob((b) => (b ? resolve(b) : reject(new Error('the image could not be encoded'))), 'image/png'));
}

/** Saves a blob as a file (the browser's download). */
export function download(blob: Blob, filename: string): void {
  const a = document.createElement('a');
  a.href = URL.createObjectURL(blob);
  a.download = filename;
  a.style.display = 'none';
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(a.href), 30_000);
}

/** A name fit for a file: letters, digits and dashes. */
export function fileStem(...parts: string[]): string {
  return parts.map((p) => p.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '')).filter(Boolean).join('-');
}
