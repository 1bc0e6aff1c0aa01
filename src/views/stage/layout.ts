/**
 * Where everything sits on the stage, computed from the stage's size in pixels and the number of
 * cores (the SVG's viewBox is the pixel size, so text keeps its size and stays legible on a
 * projector). Pure: tested without a browser.
 */
export interface Box {
  x: number;
  y: number;
  w: number;
  h: number;
}

export interface StageLayout {
  width: number;
  height: number;
  source: Box;
  sequencer: Box;
  /** One box per drawn core, in core order. */
  cores: Box[];
  /** Cores not drawn (beyond the 16 the stage shows one by one). */
  hiddenCores: number;
  pass: Box;
  drop: Box;
  /** Table rows each core box has room for. */
  rowsPerCore: number;
  /** Small core boxes put their title and progress on one line. */
  compactCores: boolean;
  /** Top of the first table row, from the top of a core box. */
  coreHeader: number;
  ringCellsPerRow: number;
}

export const ROW_HEIGHT = 24;
export const CORE_HEADER = 52;
export const COMPACT_CORE_HEADER = 30;
/** Ring cells (26 px) and their gaps (4 px). */
export const RING_CELL_PITCH = 30;
/** At most this many columns of cores: more would make the tables too narrow to read. */
const MAX_CORE_COLUMNS = 2;
const GAP = 12;
const MARGIN = 16;

export function layoutStage(width: number, height: number, cores: number, historySize = cores - 1, maxDrawn = 16): StageLayout {
  const w = Math.max(520, width);
  const h = Math.max(300, height);
  const drawn = Math.min(cores, maxDrawn);
  const innerH = h - 2 * MARGIN;
  const sourceW = Math.round(Math.min(140, w * 0.1));
  const sinkW = Math.round(Math.min(130, w * 0.1));
  const sequencerW = Math.round(Math.min(250, Math.max(150, w * 0.19)));
  const source: Box = { x: MARGIN, y: h / 2 - 50, w: sourceW, h: 100 };
  // Room for the title lines and the ring: as many cells a row as the box is wide (8 at most), 42 px a row.
  const ringCellsPerRow = Math.max(1, Math.min(8, Math.floor((sequencerW - 16) / RING_CELL_PITCH)));
  const sequencerH = Math.min(innerH, 118 + Math.max(1, Math.ceil(historySize / ringCellsPerRow)) * 42);
  const sequencer: Box = { x: source.x + sourceW + w * 0.04, y: h / 2 - sequencerH / 2, w: sequencerW, h: sequencerH };
  const coresX = sequencer.x + sequencerW + w * 0.07;
  const sinkX = w - MARGIN - sinkW;
  const coresW = sinkX - w * 0.04 - coresX;

  // One column while every core keeps two table rows (or, on a narrow stage, one row in a compact
  // box); else two columns, with compact boxes if need be.
  const fullH = CORE_HEADER + 2 * ROW_HEIGHT + 8;
  const compactMinH = COMPACT_CORE_HEADER + ROW_HEIGHT + 6;
  const fitsOneColumn =
    drawn * fullH + (drawn - 1) * GAP <= innerH || ((coresW - GAP) / 2 < 210 && drawn * compactMinH + (drawn - 1) * 6 <= innerH);
  const columns = fitsOneColumn ? 1 : Math.min(MAX_CORE_COLUMNS, drawn);
  const rowsUsed = Math.ceil(drawn / columns);
  const gap = rowsUsed > 6 ? 6 : GAP;
  const colW = (coresW - (columns - 1) * GAP) / columns;
  const coreH = Math.min(230, (innerH - (rowsUsed - 1) * gap) / rowsUsed);
  const compactCores = coreH < fullH;
  const coreHeader = compactCores ? COMPACT_CORE_HEADER : CORE_HEADER;
  const blockH = rowsUsed * coreH + (rowsUsed - 1) * gap;
  const top = MARGIN + (innerH - blockH) / 2;
  const coreBoxes: Box[] = [];
  for (let c = 0; c < drawn; c++) {
    const col = Math.floor(c / rowsUsed);
    const row = c % rowsUsed;
    coreBoxes.push({ x: coresX + col * (colW + GAP), y: top + row * (coreH + gap), w: colW, h: coreH });
  }
  const sinkH = Math.min(160, innerH / 2 - GAP);
  return {
    width: w,
    height: h,
    source,
    sequencer,
    cores: coreBoxes,
    hiddenCores: cores - drawn,
    pass: { x: sinkX, y: h / 2 - GAP / 2 - sinkH, w: sinkW, h: sinkH },
    drop: { x: sinkX, y: h / 2 + GAP / 2, w: sinkW, h: sinkH },
    rowsPerCore: Math.max(0, Math.floor((coreH - coreHeader - 4) / ROW_HEIGHT)),
    compactCores,
    coreHeader,
    ringCellsPerRow,
  };
}

export const centre = (b: Box) => ({ x: b.x + b.w / 2, y: b.y + b.h / 2 });
export const leftMid = (b: Box) => ({ x: b.x, y: b.y + b.h / 2 });
export const rightMid = (b: Box) => ({ x: b.x + b.w, y: b.y + b.h / 2 });
