/**
 * Where everything sits on the stage, computed from the stage's size and the number of cores.
 * Units are the SVG's own: at zoom 1 one unit is one CSS pixel; presenter mode lays the stage out
 * on a smaller canvas and scales it up (`stageZoom`), so every text on it grows with it. Pure:
 * tested without a browser.
 *
 * Columns, left to right: traffic above the sequencer; the lane where a packet waits beside its
 * core with the history it carries (never over a box, so it covers no title); the cores; the sinks.
 */
import { textWidth } from './fit-text';

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
  /** The lane between the sequencer and the cores: packets wait there, with their history. */
  lane: Box;
  /** Table rows each core box has room for. */
  rowsPerCore: number;
  /** Columns of cores (1 or 2). */
  columns: number;
  /** Top of the first table row, from the top of a core box. */
  coreHeader: number;
  ringCellsPerRow: number;
  /** Horizontal distance between ring cells (wide enough for their #seq labels). */
  ringPitch: number;
  /** A history chip's size, and how many sit in a row under (or over) the waiting packet. */
  chip: { w: number; h: number; perRow: number };
  /** The chip being applied, drawn larger beside the row it changes. */
  bigChip: { w: number; h: number };
  /** Where the legend of the stage's short labels goes (under the sequencer), if there is room. */
  legend: Box | null;
}

/** Font sizes on the stage, in stage units; presenter mode scales them with the whole stage. */
export const FONT = { title: 18, row: 15, sub: 14, chip: 15, bigChip: 19, cell: 14 } as const;
export const ROW_HEIGHT = 24;
/** The core's title line: "Core 3" and "up to #7". */
export const CORE_HEADER = 30;
export const PACKET_W = 78;
export const PACKET_H = 32;
const CHIP_H = 22;
const CHIP_GAP = 3;
const BIG_CHIP_H = 30;
/** Ring cells are 26 units square; their label sits below. */
export const RING_CELL = 26;
export const RING_ROW_PITCH = RING_CELL + 20;
/** Sequencer: title and two caption lines above the ring, two lines of what it holds below it. */
export const SEQUENCER_TOP = 94;
const SEQUENCER_BOTTOM = 44;
export const SOURCE_H = 58;
/** The gap between traffic and the sequencer, where an arriving packet waits at the door. */
export const DOOR = PACKET_H + 18;
/** The caption under the waiting packet ("carries #5–#7") is at most this wide; it wraps. */
export const CARRIES_W = 104;
/** At most this many columns of cores: more would make the tables too narrow to read. */
const MAX_CORE_COLUMNS = 2;
const MARGIN = 14;

/** Digits of the largest sequence number of a trace of `packets` packets. */
export function seqDigits(packets: number): number {
  return String(Math.max(0, packets - 1)).length;
}

/** Width of "#1234" in a font, with the room a chip's mark and padding need. */
function chipWidth(digits: number, fontPx: number, markPx: number): number {
  return Math.ceil(markPx + 4 + textWidth(`#${'0'.repeat(digits)}`, fontPx, true) + 10);
}

/**
 * How much presenter mode enlarges the stage: enough for the state text and chip labels to reach
 * 20 CSS px up to 4 cores and 16 px up to 8 (from the row font), never so much that the layout's
 * canvas shrinks below what it needs.
 */
export function stageZoom(width: number, height: number, cores: number, presenter: boolean): number {
  if (!presenter) return 1;
  const target = cores <= 4 ? 20.5 : cores <= 8 ? 16.5 : 15;
  const wanted = target / FONT.row;
  const room = Math.min(width / MIN_W, height / MIN_H);
  return Math.max(1, Math.min(wanted, room));
}

const MIN_W = 640;
const MIN_H = 400;

export function layoutStage(width: number, height: number, cores: number, historySize = cores - 1, maxDrawn = 16, packets = 1000): StageLayout {
  const w = Math.max(MIN_W, width);
  const h = Math.max(MIN_H, height);
  const drawn = Math.min(cores, maxDrawn);
  const innerH = h - 2 * MARGIN;
  const digits = Math.max(2, seqDigits(packets));

  const chipW = chipWidth(digits, FONT.chip, 10);
  const bigChip = { w: chipWidth(digits, FONT.bigChip, 16), h: BIG_CHIP_H };
  const chip = { w: chipW, h: CHIP_H, perRow: Math.max(1, Math.floor((CARRIES_W + CHIP_GAP) / (chipW + CHIP_GAP))) };

  // One column while every core keeps two table rows; else two columns.
  const minCoreH = CORE_HEADER + 2 * ROW_HEIGHT + 6;
  const oneColumnGap = 10;
  const columns = drawn * minCoreH + (drawn - 1) * oneColumnGap <= innerH ? 1 : Math.min(MAX_CORE_COLUMNS, drawn);

  // Column widths: the sequencer's column, the lane (packet + caption, then, with one column of
  // cores, the big chip), the sinks. With two columns the big chip goes in the gap between them,
  // right of a first-column core and left of a second-column one (`bigChipX`).
  const seqW = Math.round(Math.min(230, Math.max(150, w * 0.2)));
  const bigRoom = bigChip.w + 8;
  const laneW = 8 + CARRIES_W + 8 + (columns === 1 ? bigRoom : 0);
  const sinkW = Math.round(Math.min(130, Math.max(92, w * 0.11)));
  const sinkGap = Math.round(Math.min(40, Math.max(20, w * 0.03)));
  const coresX = MARGIN + seqW + laneW;
  const sinkX = w - MARGIN - sinkW;
  const coresW = sinkX - sinkGap - coresX;

  // The sequencer's ring: as many cells a row as its column is wide (8 at most).
  const ringPitch = Math.max(32, Math.ceil(textWidth(`#${'0'.repeat(digits)}`, FONT.cell) + 6));
  const ringCellsPerRow = Math.max(1, Math.min(8, Math.floor((seqW - 12 + ringPitch - RING_CELL) / ringPitch)));
  const ringRows = historySize > 0 ? Math.ceil(historySize / ringCellsPerRow) : 0;
  const sequencerH = Math.min(innerH - SOURCE_H - DOOR, SEQUENCER_TOP + ringRows * RING_ROW_PITCH + SEQUENCER_BOTTOM);
  // Top-aligned, so the legend of short labels has the room under the sequencer.
  const columnTop = MARGIN;
  const source: Box = { x: MARGIN, y: columnTop, w: seqW, h: SOURCE_H };
  const sequencer: Box = { x: MARGIN, y: columnTop + SOURCE_H + DOOR, w: seqW, h: sequencerH };
  const below = sequencer.y + sequencerH + 10;
  const legend = MARGIN + innerH - below >= 44 ? { x: MARGIN, y: below, w: seqW, h: MARGIN + innerH - below } : null;

  const rowsUsed = Math.ceil(drawn / columns);
  const gap = rowsUsed > 6 ? 6 : oneColumnGap;
  const colGap = columns === 1 ? 0 : bigRoom + 4;
  const colW = (coresW - (columns - 1) * colGap) / columns;
  const coreH = Math.min(CORE_HEADER + 4 * ROW_HEIGHT + 8, (innerH - (rowsUsed - 1) * gap) / rowsUsed);
  const blockH = rowsUsed * coreH + (rowsUsed - 1) * gap;
  const top = MARGIN + (innerH - blockH) / 2;
  const coreBoxes: Box[] = [];
  for (let c = 0; c < drawn; c++) {
    const col = Math.floor(c / rowsUsed);
    const row = c % rowsUsed;
    coreBoxes.push({ x: coresX + col * (colW + colGap), y: top + row * (coreH + gap), w: colW, h: coreH });
  }
  const sinkH = Math.min(170, innerH / 2 - 6);
  return {
    width: w,
    height: h,
    source,
    sequencer,
    cores: coreBoxes,
    hiddenCores: cores - drawn,
    pass: { x: sinkX, y: h / 2 - 6 - sinkH, w: sinkW, h: sinkH },
    drop: { x: sinkX, y: h / 2 + 6, w: sinkW, h: sinkH },
    lane: { x: MARGIN + seqW, y: MARGIN, w: laneW, h: innerH },
    rowsPerCore: Math.max(0, Math.floor((coreH - CORE_HEADER - 4) / ROW_HEIGHT)),
    coreHeader: CORE_HEADER,
    columns,
    ringCellsPerRow,
    ringPitch,
    chip,
    bigChip,
    legend,
  };
}

/** Where a core's title line meets the wire from the sequencer (and where its packet waits). */
export function coreDoorY(box: Box): number {
  return box.y + CORE_HEADER / 2;
}

/**
 * Left edge of the chip being applied, beside its core's box: in the lane (one column of cores),
 * or in the gap between two columns, on the side facing it.
 */
export function bigChipX(layout: StageLayout, box: Box, chipW: number): number {
  const firstColumn = box.x === (layout.cores[0]?.x ?? box.x);
  return layout.columns > 1 && firstColumn ? box.x + box.w + 4 : box.x - 4 - chipW;
}

/** The waiting packet's history block goes up rather than down for cores in the stage's lower half. */
export function historyGoesUp(layout: StageLayout, box: Box): boolean {
  return coreDoorY(box) > layout.height / 2;
}

export const centre = (b: Box) => ({ x: b.x + b.w / 2, y: b.y + b.h / 2 });
export const leftMid = (b: Box) => ({ x: b.x, y: b.y + b.h / 2 });
export const rightMid = (b: Box) => ({ x: b.x + b.w, y: b.y + b.h / 2 });

/**
 * Places chips of the given widths in rows no wider than `maxW`, in order, left to right: the
 * top-left corner of each, rows `rowPitch` apart (downwards; the caller mirrors them to go up).
 */
export function flowChips(widths: readonly number[], maxW: number, gap: number, rowPitch: number): { x: number; y: number }[] {
  const out: { x: number; y: number }[] = [];
  let x = 0;
  let row = 0;
  for (const w of widths) {
    if (x > 0 && x + w > maxW) {
      x = 0;
      row++;
    }
    out.push({ x, y: row * rowPitch });
    x += w + gap;
  }
  return out;
}

/** Size of a history chip showing `#seq`: the mark, the number, padding. */
export function chipSize(seq: number, big = false): { w: number; h: number } {
  return big ? { w: chipWidth(String(seq).length, FONT.bigChip, 16), h: BIG_CHIP_H } : { w: chipWidth(String(seq).length, FONT.chip, 10), h: CHIP_H };
}
export const CHIP_SPACING = CHIP_GAP;
