import { createContext, useContext, type ReactNode } from 'react';
import type { TechniqueId } from '../../engine/techniques/options';
import type { TourChartId } from '../../tour/scene';

/** Draws one chart by id for the tour; the app provides it where the charts live (see ChartRendererProvider). */
export type ChartRenderer = (id: TourChartId, technique: TechniqueId) => ReactNode;

const CHART_TITLES: Record<TourChartId, string> = {
  throughput: 'Throughput against cores, per technique',
  'per-core-load': 'Load on each core, per technique',
  contention: 'Lock contention over time',
  'flow-sizes': 'Flow sizes of this trace',
  'scr-costs': 'SCR’s costs: history bytes and compute against dispatch',
};

const ChartRendererContext = createContext<ChartRenderer | null>(null);

/** Connects the tour to the charts: `render` draws a chart by id (the charts panel's own component). */
export function ChartRendererProvider({ render, children }: { render: ChartRenderer; children: ReactNode }) {
  return <ChartRendererContext.Provider value={render}>{children}</ChartRendererContext.Provider>;
}

/**
 * The charts a scene talks about. With a renderer provided, the real charts; without one (a
 * build without the charts), their names, so the narration's references are still explained.
 */
export function SceneCharts({ charts, technique }: { charts: readonly TourChartId[]; technique: TechniqueId }) {
  const render = useContext(ChartRendererContext);
  if (charts.length === 0) return null;
  return (
    <section className="scene-charts" aria-label="Charts for this scene" data-spotlight-target="charts">
      {charts.map((id) => (
        <figure key={id} className="scene-chart" data-chart-id={id}>
          {render ? render(id, technique) : <figcaption>{CHART_TITLES[id]}</figcaption>}
        </figure>
      ))}
      {!render && <p className="muted">These charts are drawn in the charts panel of the full explorer.</p>}
    </section>
  );
}
