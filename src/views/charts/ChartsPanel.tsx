import { useState } from 'react';
import { CHART_IDS, type ChartId } from '../../store/analysis-slice';
import type { ExplorerState } from '../../store/create-store';
import { useExplorer, useExplorerStore } from '../../store/store-context';
import { ChartSettings } from './ChartSettings';
import { exportComparison } from './ComparisonSheet';
import { ContentionChart } from './ContentionChart';
import { FlowSizeChart } from './FlowSizeChart';
import { PerCoreLoadChart } from './PerCoreLoadChart';
import { ScrCostsChart } from './ScrCostsChart';
import { ThroughputChart } from './ThroughputChart';

export const CHART_TITLES: Readonly<Record<ChartId, string>> = {
  throughput: 'Throughput',
  'per-core-load': 'Per-core load',
  contention: 'Contention',
  'flow-sizes': 'Flow sizes',
  'scr-costs': "SCR's costs",
};

const CHARTS: Readonly<Record<ChartId, () => React.JSX.Element>> = {
  throughput: ThroughputChart,
  'per-core-load': PerCoreLoadChart,
  contention: ContentionChart,
  'flow-sizes': FlowSizeChart,
  'scr-costs': ScrCostsChart,
};

const selectVisible = (s: ExplorerState) => s.visibleCharts;
const selectSetVisible = (s: ExplorerState) => s.setChartVisible;
const selectError = (s: ExplorerState) => s.analysisError;
const selectActions = (s: ExplorerState) => s.analysisActions;

/** The charts pane: which charts, their settings, the charts themselves, and the slide export. */
export function ChartsPanel() {
  const store = useExplorerStore();
  const visible = useExplorer(selectVisible);
  const setVisible = useExplorer(selectSetVisible);
  const error = useExplorer(selectError);
  const actions = useExplorer(selectActions);
  const [exporting, setExporting] = useState<string | null>(null);
  const exportAll = async () => {
    setExporting('Drawing the comparison…');
    try {
      await exportComparison(store.getState());
      setExporting(null);
    } catch (e) {
      setExporting(`The comparison could not be exported: ${e instanceof Error ? e.message : String(e)}`);
    }
  };
  return (
    <div className="charts-pane">
      <div className="charts-toolbar">
        <fieldset className="chart-picker">
          <legend className="visually-hidden">Charts shown</legend>
          {CHART_IDS.map((id) => (
            <label key={id}>
              <input type="checkbox" checked={visible.includes(id)} onChange={(e) => setVisible(id, e.target.checked)} />
              {CHART_TITLES[id]}
            </label>
          ))}
        </fieldset>
        <button type="button" onClick={() => void exportAll()} title="All five charts on one 1920 × 1080 image, for a 16:9 slide">Export comparison (PNG 16:9)</button>
      </div>
      {exporting && <p className="notice" role="status">{exporting}</p>}
      {error && (
        <div className="notice error" role="alert">
          {error}
          {actions && <button type="button" onClick={() => actions.restart()}>Restart the charts</button>}
        </div>
      )}
      <ChartSettings />
      {CHART_IDS.filter((id) => visible.includes(id)).map((id) => {
        const Chart = CHARTS[id];
        return <Chart key={id} />;
      })}
    </div>
  );
}
