import type { ExplorerState } from '../../store/create-store';
import { drawFrame } from './draw-frame';
import { gifSink, stillSink, videoSink, type FrameSink } from './frame-sinks';
import { OffscreenExplorer } from './offscreen-explorer';
import { CAPTION_SHARE } from './draw-frame';
import type { FramePlan, RecordOptions } from './record-options';

export interface RecordProgress {
  done: number;
  total: number;
}

/** The playhead at frame `index`: whole events of play since the start, at the plan's rate. */
export function positionAtFrame(plan: FramePlan, index: number, end: number): number {
  const events = Math.floor((index * plan.frameMs * plan.eventsPerSecond) / 1000 + 1e-9);
  return Math.min(end, plan.startPosition + events);
}

/** The caption of a frame: the sentence of the event that led there (or what happens first). */
function captionOf(explorer: OffscreenExplorer): string {
  const line = explorer.store.getState().frame?.log.at(-1);
  return line ? `${line.index + 1}. ${line.sentence}` : 'Press play: the first packet is on its way to the sequencer.';
}

/**
 * Renders the plan frame by frame on an off-screen explorer and a stepped clock, independent of
 * real time: frame i shows the playhead `positionAtFrame(plan, i)` with every animation at
 * i × frameMs. The screen's explorer is never touched; the page stays responsive (one frame, then
 * a return to the event loop). Cancelling stops at the next frame and leaves no file.
 */
export async function record(source: ExplorerState, options: RecordOptions, plan: FramePlan, onProgress: (p: RecordProgress) => void, signal: AbortSignal): Promise<Blob> {
  const explorer = new OffscreenExplorer(source, {
    width: options.width,
    height: options.frame === 'stage-caption' ? Math.round(options.height * (1 - CAPTION_SHARE)) : options.height,
    theme: options.theme,
    frameMs: plan.frameMs,
    position: plan.startPosition,
    playing: options.format !== 'png',
  });
  let sink: FrameSink | null = null;
  try {
    await explorer.ready(plan.startPosition);
    const canvas = document.createElement('canvas');
    canvas.width = options.width;
    canvas.height = options.height;
    const context = canvas.getContext('2d');
    if (!context) throw new Error('This browser cannot draw on a canvas.');
    sink = options.format === 'gif' ? gifSink(canvas) : options.format === 'png' ? stillSink(canvas) : await videoSink(canvas, options.format, options.fps);
    const end = options.range.kind === 'loop' ? options.range.to : (explorer.store.getState().run?.eventCount ?? plan.startPosition);
    for (let i = 0; i < plan.frames; i++) {
      if (signal.aborted) throw new DOMException('Recording cancelled', 'AbortError');
      if (i > 0) explorer.clock.frame();
      await explorer.show(positionAtFrame(plan, i, end));
      const svg = explorer.svg();
      if (!svg) throw new Error('The stage was not drawn.');
      await drawFrame(context, svg, options.frame === 'stage-caption' ? captionOf(explorer) : null);
      await sink.add(i);
      onProgress({ done: i + 1, total: plan.frames });
      await new Promise((r) => setTimeout(r, 0));
    }
    if (signal.aborted) throw new DOMException('Recording cancelled', 'AbortError');
    return await sink.finish();
  } catch (error) {
    await sink?.cancel().catch(() => {});
    throw error;
  } finally {
    explorer.dispose();
  }
}
