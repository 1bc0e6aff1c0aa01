import { useEffect, useRef, useState } from 'react';
import type { ExplorerState } from '../../store/create-store';
import { EVENTS_PER_SECOND_AT_1X, SPEEDS, speedLabel } from '../../store/playback-slice';
import { useExplorer, useExplorerStore } from '../../store/store-context';
import { download } from '../charts/export-image';
import { formatProblem } from './frame-sinks';
import { framePlan, RECORD_SIZES, recordingName, recordProblem, type RecordFormat, type RecordFrame, type RecordOptions, type RecordTheme } from './record-options';
import { record, type RecordProgress } from './recorder';
import './record.css';

const selectOpen = (s: ExplorerState) => s.recordOpen;
const selectSetOpen = (s: ExplorerState) => s.setRecordOpen;

const FORMATS: { id: RecordFormat; label: string }[] = [
  { id: 'webm', label: 'WebM video (VP9)' },
  { id: 'mp4', label: 'MP4 video (H.264)' },
  { id: 'gif', label: 'Animated GIF (half size, up to 15 s)' },
  { id: 'png', label: 'A still (PNG) of this moment' },
];

type Phase = { kind: 'idle'; message: string } | { kind: 'rendering'; progress: RecordProgress; startedAt: number } | { kind: 'error'; message: string };

function fileSize(bytes: number): string {
  return bytes >= 1e6 ? `${(bytes / 1e6).toFixed(1)} MB` : `${Math.max(1, Math.round(bytes / 1e3))} kB`;
}

function timeLeft(phase: Extract<Phase, { kind: 'rendering' }>): string {
  const { done, total } = phase.progress;
  if (done === 0) return 'starting…';
  const perFrame = (performance.now() - phase.startedAt) / done;
  const seconds = Math.ceil((perFrame * (total - done)) / 1000);
  return seconds <= 1 ? 'about a second left' : `about ${seconds} s left`;
}

/**
 * Record a stretch of the run as a video, a GIF or a still, rendered offline frame by frame on
 * an off-screen copy of the stage (so what is on screen is never disturbed) with a progress bar
 * and Cancel. Options are kept when something fails.
 */
export function RecordDialog() {
  const open = useExplorer(selectOpen);
  const setOpen = useExplorer(selectSetOpen);
  const store = useExplorerStore();
  const dialog = useRef<HTMLDialogElement>(null);
  const abort = useRef<AbortController | null>(null);
  const [phase, setPhase] = useState<Phase>({ kind: 'idle', message: '' });
  const [seconds, setSeconds] = useState('3');
  const [rangeKind, setRangeKind] = useState<'seconds' | 'loop'>('seconds');
  const [frame, setFrame] = useState<RecordFrame>('stage');
  const [size, setSize] = useState(0);
  const [fps, setFps] = useState<30 | 60>(30);
  const [theme, setTheme] = useState<RecordTheme>('screen');
  const [format, setFormat] = useState<RecordFormat>('webm');
  const loop = useExplorer((s: ExplorerState) => s.loop);
  const speedIndex = useExplorer((s: ExplorerState) => s.speedIndex);

  useEffect(() => {
    const d = dialog.current;
    if (!d) return;
    if (open && !d.open) {
      const s = store.getState();
      setTheme(s.presenter ? 'presenter' : 'screen');
      setPhase({ kind: 'idle', message: '' });
      d.showModal();
    }
    if (!open && d.open) d.close();
  }, [open, store]);

  const eventsPerSecond = EVENTS_PER_SECOND_AT_1X * (SPEEDS[speedIndex] ?? 1);
  const sizeChoice = RECORD_SIZES[size] ?? RECORD_SIZES[0];
  const options: RecordOptions = {
    range: rangeKind === 'loop' && loop ? { kind: 'loop', from: loop.from, to: loop.to } : { kind: 'seconds', seconds: Number(seconds) },
    frame, width: sizeChoice.width, height: sizeChoice.height, fps, theme, format,
  };
  const problem = recordProblem(options, eventsPerSecond);
  const rendering = phase.kind === 'rendering';

  const start = async () => {
    if (problem) return;
    const unsupported = await formatProblem(format, options.width, options.height, fps);
    if (unsupported) {
      setPhase({ kind: 'error', message: unsupported });
      return;
    }
    const source = store.getState();
    const plan = framePlan(options, source.position, eventsPerSecond);
    const controller = new AbortController();
    abort.current = controller;
    const startedAt = performance.now();
    setPhase({ kind: 'rendering', progress: { done: 0, total: plan.frames }, startedAt });
    try {
      const blob = await record(source, options, plan, (progress) => setPhase({ kind: 'rendering', progress, startedAt }), controller.signal);
      const name = recordingName(source.run?.program.id ?? source.scenario.programId, source.run?.scenario.cores ?? source.scenario.cores, plan, format);
      download(blob, name);
      setPhase({ kind: 'idle', message: `Saved ${name} (${fileSize(blob.size)}, ${plan.frames} frame${plan.frames === 1 ? '' : 's'}).` });
    } catch (error) {
      if (controller.signal.aborted) setPhase({ kind: 'idle', message: 'Cancelled: nothing was saved.' });
      else setPhase({ kind: 'error', message: `The recording failed: ${(error instanceof Error ? error.message : String(error)).replace(/\.$/, '')}. Your options are kept; try again, or a smaller size.` });
    } finally {
      abort.current = null;
    }
  };

  const close = () => {
    abort.current?.abort();
    setOpen(false);
  };

  return (
    <dialog ref={dialog} className="record" aria-labelledby="record-title" onClose={close}
      onCancel={(e) => { if (rendering) { e.preventDefault(); abort.current?.abort(); } }}>
      <h2 id="record-title">Record a video</h2>
      <p className="muted">Rendered frame by frame, off screen: the video is smooth whatever this computer is doing, and what you see here stays as it is.</p>
      <form className="record-form" onSubmit={(e) => { e.preventDefault(); void start(); }}>
        <fieldset disabled={rendering}>
          <legend>What to record</legend>
          <label className="check">
            <input type="radio" name="range" checked={rangeKind === 'seconds'} onChange={() => setRangeKind('seconds')} />
            From the playhead,
            <input type="number" aria-label="Seconds of play" min={0.1} max={120} step={0.1} value={seconds} onChange={(e) => (setSeconds(e.target.value), setRangeKind('seconds'))} />
            s of play at {speedLabel(speedIndex)}
          </label>
          <label className="check">
            <input type="radio" name="range" checked={rangeKind === 'loop'} disabled={!loop || loop.to <= loop.from} onChange={() => setRangeKind('loop')} />
            {loop && loop.to > loop.from ? `The loop marks: events ${loop.from.toLocaleString('en-US')}–${loop.to.toLocaleString('en-US')}` : 'The loop marks (set them with [ and ] first)'}
          </label>
        </fieldset>
        <fieldset disabled={rendering}>
          <legend>In the frame</legend>
          <label className="check"><input type="radio" name="frame" checked={frame === 'stage'} onChange={() => setFrame('stage')} /> The stage</label>
          <label className="check"><input type="radio" name="frame" checked={frame === 'stage-caption'} onChange={() => setFrame('stage-caption')} /> The stage, with what happens as a caption</label>
        </fieldset>
        <fieldset disabled={rendering} className="record-row">
          <label>Size
            <select value={size} onChange={(e) => setSize(Number(e.target.value))}>
              {RECORD_SIZES.map((s, i) => <option key={s.label} value={i}>{s.label}</option>)}
            </select>
          </label>
          <label>Frames
            <select value={fps} onChange={(e) => setFps(Number(e.target.value) === 60 ? 60 : 30)}>
              <option value={30}>30 a second</option>
              <option value={60}>60 a second</option>
            </select>
          </label>
          <label>Look
            <select value={theme} onChange={(e) => setTheme(e.target.value as RecordTheme)}>
              <option value="screen">As on screen (light or dark: t switches)</option>
              <option value="presenter">Presenter (large, high contrast)</option>
            </select>
          </label>
          <label>File
            <select value={format} onChange={(e) => setFormat(e.target.value as RecordFormat)}>
              {FORMATS.map((f) => <option key={f.id} value={f.id}>{f.label}</option>)}
            </select>
          </label>
        </fieldset>
        {problem && <p className="record-problem" role="alert">{problem}</p>}
        {phase.kind === 'error' && <p className="record-problem" role="alert">{phase.message}</p>}
        {rendering ? (
          <div className="record-progress">
            <progress aria-label="Recording progress" max={phase.progress.total} value={phase.progress.done} />
            <span role="status">{`Frame ${phase.progress.done} of ${phase.progress.total} · ${timeLeft(phase)}`}</span>
            <button type="button" onClick={() => abort.current?.abort()}>Cancel</button>
          </div>
        ) : (
          <div className="record-actions">
            <button type="submit" disabled={problem !== null}>{format === 'png' ? 'Save the still' : 'Record'}</button>
            <button type="button" onClick={close}>Close</button>
            <span role="status">{phase.kind === 'idle' ? phase.message : ''}</span>
          </div>
        )}
      </form>
    </dialog>
  );
}
