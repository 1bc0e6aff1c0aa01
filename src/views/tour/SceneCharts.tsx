import { useExplorerStore } from '../../store/store-context';
import type { TourChartId } from '../../tour/scene';

const CHART_TITLES: Record<TourChartId, string> = {
  throughput: 'Throughput against cores',
  'per-core-load': 'Load on each core',
  contention: 'Lock contention',
  'flow-sizes': 'Flow sizes of this trace',
  'scr-costs': 'SCR’s costs',
};

/**
 * The charts a scene talks about, as buttons that open each one in the charts pane beside the
 * stage (the narration stays above the pane, so the speaker keeps both in view).
 */
export function SceneCharts({ charts }: { charts: readonly TourChartId[] }) {
  const store = useExplorerStore();
  if (charts.length === 0) return null;
  return (
    <section className="scene-charts" aria-label="Charts for this scene" data-spotlight-target="charts">
      <span className="muted">Charts:</span>
      {charts.map((id) => (
        <button key={id} type="button" data-chart-id={id} onClick={() => store.getState().showChart(id)}>
          {CHART_TITLES[id]}
        </button>
      ))}
    </section>
  );
}
