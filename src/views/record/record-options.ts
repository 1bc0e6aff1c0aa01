/**
 * What a recording is: which stretch of the run, what is in the frame, its size, rate, theme and
 * file format. Checked here, with a sentence for each thing a person could get wrong.
 */

export type RecordRange =
  /** From the playhead, this many seconds of play at the current speed. */
  | { kind: 'seconds'; seconds: number }
  /** The loop marks [ and ], played at the current speed. */
  | { kind: 'loop'; from: number; to: number };

export type RecordFrame = 'stage' | 'stage-caption';
export type RecordFormat = 'webm' | 'mp4' | 'gif' | 'png';
/** The look: the page's own theme (light or dark, as chosen with t), or presenter mode's large type. */
export type RecordTheme = 'screen' | 'presenter';

export interface RecordOptions {
  range: RecordRange;
  frame: RecordFrame;
  width: number;
  height: number;
  fps: 30 | 60;
  theme: RecordTheme;
  format: RecordFormat;
}

export const RECORD_SIZES = [
  { width: 1280, height: 720, label: '1280 × 720 (projector)' },
  { width: 1920, height: 1080, label: '1920 × 1080 (full HD slide)' },
] as const;

/** Longest recording offered: a clip for slides, not a film (and what a tab can hold in memory). */
export const MAX_SECONDS = 120;
/** GIFs grow fast: they are for short loops in chat and course pages. */
export const MAX_GIF_SECONDS = 15;
/** A GIF is drawn at this many frames a second whatever the video rate (GIF delays are in 1/100 s). */
export const GIF_FPS = 20;

/** The plan a recorder follows: how many frames, how long each lasts. */
export interface FramePlan {
  frames: number;
  /** Length of one frame, in milliseconds of the page's animation clock. */
  frameMs: number;
  /** Events of play per second at the speed recorded. */
  eventsPerSecond: number;
  /** The playhead the recording starts from. */
  startPosition: number;
  /** Seconds of play (frames x frameMs). */
  seconds: number;
}

/** Why these options cannot be recorded, or null when they can. */
export function recordProblem(options: RecordOptions, eventsPerSecond: number): string | null {
  if (!RECORD_SIZES.some((s) => s.width === options.width && s.height === options.height)) return `A recording is 1280 × 720 or 1920 × 1080, not ${options.width} × ${options.height}.`;
  if (options.fps !== 30 && options.fps !== 60) return `A recording has 30 or 60 frames a second, not ${String(options.fps)}.`;
  if (!(eventsPerSecond > 0)) return 'The speed must be above zero to record play.';
  const seconds = rangeSeconds(options.range, eventsPerSecond);
  if (options.range.kind === 'loop' && !(options.range.to > options.range.from)) return 'Mark a start ([) before an end (]) to record the loop.';
  if (options.format === 'png') return null;
  if (!Number.isFinite(seconds) || seconds <= 0) return 'Record at least a moment: give a number of seconds above zero.';
  if (seconds > MAX_SECONDS) return `That is ${Math.round(seconds)} s of play; a recording is at most ${MAX_SECONDS} s (play faster, or record a shorter stretch).`;
  if (options.format === 'gif' && seconds > MAX_GIF_SECONDS) return `A GIF is at most ${MAX_GIF_SECONDS} s (this would be ${Math.round(seconds)} s); record WebM or MP4 for longer clips.`;
  return null;
}

function rangeSeconds(range: RecordRange, eventsPerSecond: number): number {
  return range.kind === 'seconds' ? range.seconds : (range.to - range.from) / eventsPerSecond;
}

/** The frames to render for these options, from the playhead `position` (options already checked). */
export function framePlan(options: RecordOptions, position: number, eventsPerSecond: number): FramePlan {
  const fps = options.format === 'gif' ? GIF_FPS : options.fps;
  const frameMs = 1000 / fps;
  const startPosition = options.range.kind === 'loop' ? options.range.from : position;
  if (options.format === 'png') return { frames: 1, frameMs, eventsPerSecond, startPosition, seconds: 0 };
  const seconds = rangeSeconds(options.range, eventsPerSecond);
  const frames = Math.max(1, Math.round(seconds * fps));
  return { frames, frameMs, eventsPerSecond, startPosition, seconds: frames / fps };
}

/** A file name for the recording: program, cores, where it starts, and its kind. */
export function recordingName(programId: string, cores: number, plan: FramePlan, format: RecordFormat): string {
  return `scr-${programId}-${cores}-cores-from-event-${plan.startPosition}.${format}`;
}
