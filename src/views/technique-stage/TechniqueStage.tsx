import { useEffect } from 'react';
import { busyMaxOverMean, stageAt, type StageSnapshot } from '../../engine/techniques/stage-replay';
import { ALL_TECHNIQUES } from '../../store/analysis-slice';
import type { ExplorerState } from '../../store/create-store';
import { SPEEDS } from '../../store/playback-slice';
import { useExplorer, useExplorerStore } from '../../store/store-context';
import { NS_PER_SECOND_AT_1X, stageEndNs, type StageRun } from '../../store/technique-stage-slice';
import type { TechniqueId } from '../../worker/analysis-protocol';
import { TECHNIQUE_STYLE } from '../charts/technique-style';
import { useAnimationClock } from '../clock/clock-context';
import { flowColour } from '../stage/colours';
import './technique-stage.css';

/** Ring slots drawn per core: each stands for ringSize / RING_SLOTS packets. */
const RING_SLOTS = 16;
const RING_SIZE = 256;

const selectState = (s: ExplorerState) => s;

/** Advances the technique stage's simulated time on the app's animation clock while it plays. */
function useStagePlayback(): void {
  const store = useExplorerStore();
  const clock = useAnimationClock();
  const playing = useExplorer((s) => s.stagePlaying);
  useEffect(() => {
    if (!playing) return;
    let last: number | null = null;
    return clock.subscribe((now) => {
      const s = store.getState();
      const dt = last === null ? 0 : now - last;
      last = now;
      if (!s.stagePlaying || dt <= 0) return;
      const next = s.stageTimeNs + (dt / 1000) * NS_PER_SECOND_AT_1X * (SPEEDS[s.speedIndex] ?? 1);
      s.stageSeek(next);
    });
  }, [store, clock, playing]);
}

const pct = (x: number) => `${Math.round(x * 100)} %`;

function CoreRow({ c, snap, run }: { c: number; snap: StageSnapshot; run: StageRun }) {
  const core = snap.cores[c];
  if (!core) return null;
  const filled = Math.min(RING_SLOTS, Math.ceil((core.queued / RING_SIZE) * RING_SLOTS));
  const wait = core.waiting;
  const name = wait ? (run.view.lockNames[wait.lock] ?? `lock ${wait.lock}`) : '';
  return (
    <li className="ts-core" data-core={c} data-waiting={wait ? 'yes' : 'no'} data-busy={core.busyShare.toFixed(4)} data-dropped={core.dropped}>
      <span className="ts-core-name" style={{ borderColor: flowColour(c) }}>core {c}</span>
      <span className="ts-ring" aria-label={`RX ring: ${core.queued} of ${RING_SIZE} waiting`}>
        {Array.from({ length: RING_SLOTS }, (_, k) => (
          <span key={k} className={k < filled ? 'ts-slot full' : 'ts-slot'} />
        ))}
        <span className="ts-num">{core.queued}</span>
      </span>
      <span className="ts-meter" aria-label={`busy ${pct(core.busyShare)}`}>
        <span className="ts-meter-fill" style={{ width: pct(Math.min(1, core.busyShare)), background: flowColour(c) }} />
        <span className="ts-num">busy {pct(core.busyShare)}</span>
      </span>
      <span className={core.dropped > 0 ? 'ts-drops some' : 'ts-drops'}>✕ {core.dropped} dropped</span>
      <span className="ts-lock">
        {wait ? <>⏳ waits for <b>{name}</b> {((snap.t - wait.since) / 1000).toFixed(2)} µs</> : core.holding.length > 0 ? <>🔒 holds <b>{run.view.lockNames[core.holding[0] as number] ?? 'a lock'}</b></> : core.current >= 0 ? 'working' : 'idle'}
      </span>
    </li>
  );
}

function LockTable({ snap, run }: { snap: StageSnapshot; run: StageRun }) {
  const busy = snap.locks.filter((l) => l.holder >= 0 || l.waiters.length > 0).slice(0, 6);
  return (
    <div className="ts-locks" aria-label="Shared table: locks held and waited for">
      <h4>Shared table (one copy, locked per entry)</h4>
      {busy.length === 0 && <p>No entry locked right now.</p>}
      <ul>
        {busy.map((l) => (
          <li key={l.lock}>
            <b>{run.view.lockNames[l.lock] ?? `entry ${l.lock}`}</b>: 🔒 core {l.holder >= 0 ? l.holder : '–'}
            {l.waiters.length > 0 && <> · waiting: {l.waiters.map((w) => `core ${w.core}`).join(', ')}</>}
          </li>
        ))}
      </ul>
      {snap.lines.length > 0 && <p className="ts-lines">Cache line moving: {snap.lines.map((l) => `core ${l.from} → core ${l.to}`).join('; ')}</p>}
    </div>
  );
}

function RssTable({ snap, heaviest }: { snap: StageSnapshot; heaviest: number }) {
  if (!snap.table) return null;
  const moved = new Set(snap.movedBuckets);
  return (
    <div className="ts-rss" aria-label="Toeplitz hash, then the 128-entry indirection table">
      <h4>Toeplitz hash → indirection table (128 buckets, coloured and numbered by core)</h4>
      <div className="ts-grid">
        {Array.from(snap.table, (core, b) => (
          <span key={b} className={`ts-cell${b === heaviest ? ' heaviest' : ''}${moved.has(b) ? ' moved' : ''}`} style={{ background: flowColour(core) }} title={`bucket ${b} → core ${core}`}>
            {core}
          </span>
        ))}
      </div>
      {heaviest >= 0 && <p>Outlined: bucket {heaviest}, the busiest (a whole bucket moves, never a part: one flow cannot split).</p>}
    </div>
  );
}

function StagePane({ technique, run, t }: { technique: TechniqueId; run: StageRun | undefined; t: number }) {
  const style = TECHNIQUE_STYLE[technique];
  if (!run) return <section className="ts-pane" data-technique={technique}><h3>{style.title}</h3><p>Recording the run…</p></section>;
  const snap = stageAt(run.index, t);
  const ratio = busyMaxOverMean(snap);
  return (
    <section className="ts-pane" data-technique={technique} aria-label={`${style.title} stage`} data-imbalance={ratio.toFixed(3)}>
      <h3 style={{ borderColor: style.colour }}>{style.title} · {run.view.cores} {run.view.cores === 1 ? 'core' : 'cores'}</h3>
      <p className="ts-counters" data-offered={snap.offered} data-forwarded={snap.forwarded} data-dropped={snap.droppedRing + snap.droppedLink}>
        offered <b>{snap.offered}</b> · forwarded <b>{snap.forwarded}</b> · dropped <b>{snap.droppedRing + snap.droppedLink}</b> · busiest core / mean <b>{ratio.toFixed(2)}</b>
      </p>
      {run.index.rec.rss && <RssTable snap={snap} heaviest={run.index.heaviestBucket} />}
      <ul className="ts-cores">
        {snap.cores.map((_, c) => <CoreRow key={c} c={c} snap={snap} run={run} />)}
      </ul>
      {run.index.rec.lockId.some((id) => id >= 0) && <LockTable snap={snap} run={run} />}
    </section>
  );
}

/** The techniques on the timed model's own simulation, replayed at a chosen slow-down. */
export function TechniqueStage() {
  useStagePlayback();
  const s = useExplorer(selectState);
  const store = useExplorerStore();
  const main = s.stageTechnique;
  if (!main) return null;
  const shown = [main, ...(s.compareTechnique ? [s.compareTechnique] : [])];
  const end = stageEndNs(s);
  const speed = SPEEDS[s.speedIndex] ?? 1;
  return (
    <div className="technique-stage" data-stage="technique" data-time-ns={s.stageTimeNs.toFixed(0)}>
      <p className="ts-clock">
        t = {(s.stageTimeNs / 1000).toFixed(2)} µs of {(end / 1000).toFixed(1)} µs · time scale: 1 µs of the NIC = {(1 / speed).toFixed(speed > 1 ? 3 : 0)} s on screen ({speed}x)
        {s.stageError && <span role="alert"> {s.stageError}</span>}
      </p>
      <input
        type="range"
        aria-label="Simulated time"
        min={0}
        max={Math.max(1, Math.round(end))}
        value={Math.round(s.stageTimeNs)}
        onChange={(e) => store.getState().stageSeek(Number(e.target.value))}
      />
      <div className={shown.length > 1 ? 'ts-panes compare' : 'ts-panes'}>
        {shown.map((t) => <StagePane key={t} technique={t} run={s.stageRuns[t]} t={s.stageTimeNs} />)}
      </div>
    </div>
  );
}

/** Chooses what the stage shows: the SCR machine event by event, or a technique (with a second to compare). */
export function StageChooser() {
  const store = useExplorerStore();
  const main = useExplorer((s) => s.stageTechnique);
  const compare = useExplorer((s) => s.compareTechnique);
  return (
    <div className="ts-chooser">
      <label>
        Stage{' '}
        <select aria-label="Stage technique" value={main ?? 'machine'} onChange={(e) => store.getState().setStageTechnique(e.target.value === 'machine' ? null : (e.target.value as TechniqueId), compare)}>
          <option value="machine">SCR machine (event by event)</option>
          {ALL_TECHNIQUES.map((t) => <option key={t} value={t}>{TECHNIQUE_STYLE[t].title} (timed)</option>)}
        </select>
      </label>
      {main && (
        <label>
          {' '}compare with{' '}
          <select aria-label="Compare with" value={compare ?? ''} onChange={(e) => store.getState().setStageTechnique(main, e.target.value === '' ? null : (e.target.value as TechniqueId))}>
            <option value="">nothing</option>
            {ALL_TECHNIQUES.filter((t) => t !== main).map((t) => <option key={t} value={t}>{TECHNIQUE_STYLE[t].title}</option>)}
          </select>
        </label>
      )}
    </div>
  );
}
