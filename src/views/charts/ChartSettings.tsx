import { useState, type FormEvent } from 'react';
import { ALL_TECHNIQUES } from '../../store/analysis-slice';
import type { ExplorerState } from '../../store/create-store';
import { useExplorer } from '../../store/store-context';
import { CostsForm } from './CostsForm';
import { formatMpps } from './format';
import { TechniqueSwatch } from './Legend';
import { TECHNIQUE_STYLE } from './technique-style';

const selectTechniques = (s: ExplorerState) => s.chartTechniques;
const selectSetTechniques = (s: ExplorerState) => s.setChartTechniques;
const selectOffered = (s: ExplorerState) => s.offeredMpps;
const selectSetOffered = (s: ExplorerState) => s.setOfferedMpps;
const selectScope = (s: ExplorerState) => s.liveScope;
const selectSetScope = (s: ExplorerState) => s.setLiveScope;
const selectAuto = (s: ExplorerState) => (s.live ? s.live.singleCoreMlffr * s.live.cores : null);

/** Which techniques, what load, over which packets, at what costs. */
export function ChartSettings() {
  const techniques = useExplorer(selectTechniques);
  const setTechniques = useExplorer(selectSetTechniques);
  const offered = useExplorer(selectOffered);
  const setOffered = useExplorer(selectSetOffered);
  const scope = useExplorer(selectScope);
  const setScope = useExplorer(selectSetScope);
  const auto = useExplorer(selectAuto);
  const [load, setLoad] = useState(offered === null ? '' : String(offered));
  const [loadError, setLoadError] = useState<string | null>(null);
  const applyLoad = (event: FormEvent) => {
    event.preventDefault();
    const text = load.trim();
    if (text === '') {
      setLoadError(null);
      setOffered(null);
      return;
    }
    const value = Number(text);
    if (!Number.isFinite(value) || value <= 0 || value > 100000) {
      setLoadError(`The offered load is a number of Mpps above 0 and at most 100000, not "${text}". Leave it empty for the default.`);
      return;
    }
    setLoadError(null);
    setOffered(value);
  };
  return (
    <details className="chart-settings">
      <summary>Settings: techniques, offered load, costs</summary>
      <fieldset className="technique-picker">
        <legend>Techniques</legend>
        {ALL_TECHNIQUES.map((t) => (
          <label key={t}>
            <input
              type="checkbox" checked={techniques.includes(t)} disabled={techniques.length === 1 && techniques.includes(t)}
              onChange={(e) => setTechniques(e.target.checked ? [...techniques, t] : techniques.filter((x) => x !== t))}
            />
            <TechniqueSwatch technique={t} />
            {TECHNIQUE_STYLE[t].label}
          </label>
        ))}
      </fieldset>
      <form className="load-form" aria-label="Offered load" onSubmit={applyLoad} noValidate>
        <label>
          Offered load for the live charts (Mpps)
          <input type="text" inputMode="decimal" value={load} placeholder={auto ? `auto: ${formatMpps(auto)}` : 'auto'}
            aria-invalid={loadError ? true : undefined} aria-describedby={loadError ? 'load-error' : 'load-help'}
            onChange={(e) => setLoad(e.target.value)} />
        </label>
        <button type="submit">Apply load</button>
        <p id="load-help" className="muted chart-note">Empty: one core&apos;s maximum loss-free rate times the number of cores.</p>
        {loadError && <p id="load-error" className="notice error" role="alert">{loadError}</p>}
      </form>
      <fieldset className="scope-picker">
        <legend>Live charts cover</legend>
        <label><input type="radio" name="live-scope" checked={scope === 'playhead'} onChange={() => setScope('playhead')} /> the packets up to the playhead</label>
        <label><input type="radio" name="live-scope" checked={scope === 'trace'} onChange={() => setScope('trace')} /> the whole trace</label>
      </fieldset>
      <CostsForm />
    </details>
  );
}
