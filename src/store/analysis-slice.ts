import type { StateCreator } from 'zustand';
import type {
  AnalysisRunInfo, CostOverrides, FlowSizeView, LiveView, ScrCostView, SweepCellView, TechniqueId,
} from '../worker/analysis-protocol';
import type { ExplorerState } from './create-store';

/** The charts, by the name other code (the guided tour) uses to show one. */
export type ChartId = 'throughput' | 'per-core-load' | 'contention' | 'flow-sizes' | 'scr-costs';
export const CHART_IDS: readonly ChartId[] = ['throughput', 'per-core-load', 'contention', 'flow-sizes', 'scr-costs'];

export const ALL_TECHNIQUES: readonly TechniqueId[] = ['single', 'locks', 'rss', 'rsspp', 'scr'];

/** What the panel beside the stage shows: the event log and inspector, or the charts. */
export type SidePane = 'details' | 'charts';

export interface SweepState {
  /** What the cells belong to (run, costs, core counts); cells of another key are stale. */
  key: string;
  status: 'idle' | 'running' | 'done' | 'error';
  cells: SweepCellView[];
  total: number;
}

export const EMPTY_SWEEP: SweepState = { key: '', status: 'idle', cells: [], total: 0 };

/** What the charts can ask of the analysis worker beyond following the store (set by its bridge). */
export interface AnalysisActions {
  restart(): void;
}

export interface AnalysisSlice {
  sidePane: SidePane;
  /** Charts shown in the charts pane, in CHART_IDS order. */
  visibleCharts: ChartId[];
  /** The chart last asked for by `showChart`, and a counter so asking again scrolls to it again. */
  focusedChart: ChartId | null;
  focusRequest: number;
  /** Techniques drawn (and simulated live). */
  chartTechniques: TechniqueId[];
  /** Costs the user changed; the rest are the program's defaults. */
  costOverrides: CostOverrides;
  /** Offered load for the live charts in Mpps; null: single-core MLFFR × cores. */
  offeredMpps: number | null;
  /** Live charts at the playhead's packet, or over the whole trace. */
  liveScope: 'playhead' | 'trace';
  /** Throughput chart: draw single-core × N as a reference. */
  linearReference: boolean;
  /** SCR costs chart: the compute-vs-dispatch curve chosen (index into its curves; null: the program's own). */
  computeIndex: number | null;

  analysisRun: AnalysisRunInfo | null;
  sweep: SweepState;
  live: LiveView | null;
  flows: FlowSizeView | null;
  scrCosts: ScrCostView | null;
  /** Why the charts cannot show what was asked (a bad setting, a failed worker), in words. */
  analysisError: string | null;
  analysisActions: AnalysisActions | null;

  setSidePane(pane: SidePane): void;
  /** Opens the charts pane with this chart visible, and scrolls to it. */
  showChart(id: ChartId): void;
  setChartVisible(id: ChartId, visible: boolean): void;
  setChartTechniques(techniques: readonly TechniqueId[]): void;
  setCostOverrides(costs: CostOverrides): void;
  setOfferedMpps(mpps: number | null): void;
  setLiveScope(scope: 'playhead' | 'trace'): void;
  setLinearReference(on: boolean): void;
  setComputeIndex(index: number | null): void;

  setAnalysisRun(info: AnalysisRunInfo | null): void;
  sweepStarted(key: string, total: number): void;
  sweepCells(key: string, cells: readonly SweepCellView[]): void;
  sweepFinished(key: string, status: 'done' | 'error'): void;
  setLive(live: LiveView | null): void;
  setFlows(flows: FlowSizeView | null): void;
  setScrCosts(costs: ScrCostView | null): void;
  setAnalysisError(message: string | null): void;
  setAnalysisActions(actions: AnalysisActions | null): void;
}

function inOrder<T>(all: readonly T[], chosen: readonly T[]): T[] {
  return all.filter((x) => chosen.includes(x));
}

export const createAnalysisSlice: StateCreator<ExplorerState, [], [], AnalysisSlice> = (set, get) => ({
  sidePane: 'details',
  visibleCharts: [...CHART_IDS],
  focusedChart: null,
  focusRequest: 0,
  chartTechniques: [...ALL_TECHNIQUES],
  costOverrides: {},
  offeredMpps: null,
  liveScope: 'playhead',
  linearReference: false,
  computeIndex: null,

  analysisRun: null,
  sweep: EMPTY_SWEEP,
  live: null,
  flows: null,
  scrCosts: null,
  analysisError: null,
  analysisActions: null,

  setSidePane: (sidePane) => set({ sidePane }),
  showChart: (id) => {
    if (!CHART_IDS.includes(id)) return;
    set((s) => ({
      sidePane: 'charts',
      visibleCharts: inOrder(CHART_IDS, [...s.visibleCharts, id]),
      focusedChart: id,
      focusRequest: s.focusRequest + 1,
    }));
  },
  setChartVisible: (id, visible) =>
    set((s) => ({ visibleCharts: inOrder(CHART_IDS, visible ? [...s.visibleCharts, id] : s.visibleCharts.filter((c) => c !== id)) })),
  // At least one technique stays: an empty chart explains nothing.
  setChartTechniques: (techniques) => {
    const chosen = inOrder(ALL_TECHNIQUES, techniques);
    if (chosen.length > 0) set({ chartTechniques: chosen });
  },
  setCostOverrides: (costOverrides) => set({ costOverrides: { ...costOverrides } }),
  setOfferedMpps: (mpps) => set({ offeredMpps: mpps !== null && Number.isFinite(mpps) && mpps > 0 ? mpps : null }),
  setLiveScope: (liveScope) => set({ liveScope }),
  setLinearReference: (linearReference) => set({ linearReference }),
  setComputeIndex: (computeIndex) => set({ computeIndex }),

  setAnalysisRun: (analysisRun) => set({ analysisRun }),
  sweepStarted: (key, total) => set({ sweep: { key, status: 'running', cells: [], total } }),
  sweepCells: (key, cells) => {
    const sweep = get().sweep;
    if (sweep.key !== key || cells.length === 0) return;
    set({ sweep: { ...sweep, cells: [...sweep.cells, ...cells] } });
  },
  sweepFinished: (key, status) => {
    const sweep = get().sweep;
    if (sweep.key === key) set({ sweep: { ...sweep, status } });
  },
  setLive: (live) => set({ live }),
  setFlows: (flows) => set({ flows }),
  setScrCosts: (scrCosts) => set({ scrCosts }),
  setAnalysisError: (analysisError) => set({ analysisError }),
  setAnalysisActions: (analysisActions) => set({ analysisActions }),
});
