import { useEffect, useRef, useState, type ReactNode } from 'react';
import type { ChartId } from '../../store/analysis-slice';
import type { ExplorerState } from '../../store/create-store';
import { useExplorer } from '../../store/store-context';
import { useElementSize } from '../stage/use-element-size';
import { toCsv, type DataTable } from './csv';
import { download, standaloneSvg, svgSize, svgText, svgToPng } from './export-image';

const selectFocus = (s: ExplorerState) => `${s.focusedChart ?? ''}#${s.focusRequest}`;

interface ChartCardProps {
  id: ChartId;
  title: string;
  /** The chart's status, when not all of it is in (e.g. "sweep: 12 of 80 figures"). */
  status?: string | null;
  summary: string;
  /** The table view's data (the same numbers the chart draws). */
  table: DataTable | null;
  /** The CSV's data (often more columns than the table view). */
  csv: DataTable | null;
  /** File names start with this (chart, program, trace). */
  fileStem: string;
  height: number;
  controls?: ReactNode;
  legend?: ReactNode;
  /** Draws the chart's <svg> at this size; null while there is nothing to draw. */
  children: (size: { width: number; height: number }) => ReactNode;
  empty?: string;
}

/** A chart with its title, tools (table view, SVG, PNG, CSV), legend, figure and plain-words summary. */
export function ChartCard({ id, title, status, summary, table, csv, fileStem, height, controls, legend, children, empty }: ChartCardProps) {
  const figure = useRef<HTMLDivElement>(null);
  const heading = useRef<HTMLHeadingElement>(null);
  const { width } = useElementSize(figure);
  const [tableView, setTableView] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const focus = useExplorer(selectFocus);

  useEffect(() => {
    if (!focus.startsWith(`${id}#`)) return;
    const card = heading.current?.closest('.chart-card');
    card?.scrollIntoView({ block: 'start', behavior: window.matchMedia('(prefers-reduced-motion: reduce)').matches ? 'auto' : 'smooth' });
    heading.current?.focus({ preventScroll: true });
  }, [focus, id]);

  const svg = () => figure.current?.querySelector('svg') ?? null;
  const exportImage = async (kind: 'svg' | 'png') => {
    setProblem(null);
    const el = svg();
    if (!el) return setProblem('There is no chart to export yet.');
    try {
      const { width: w, height: h } = svgSize(el);
      const text = svgText(standaloneSvg(el, w, h));
      const blob = kind === 'svg' ? new Blob([text], { type: 'image/svg+xml' }) : await svgToPng(text, w, h, 2);
      download(blob, `${fileStem}.${kind}`);
    } catch (error) {
      setProblem(`The ${kind.toUpperCase()} could not be made: ${error instanceof Error ? error.message : String(error)}`);
    }
  };
  const exportCsv = () => {
    if (!csv) return setProblem('There are no figures to export yet.');
    download(new Blob([toCsv(csv)], { type: 'text/csv' }), `${fileStem}.csv`);
  };

  const titleId = `chart-${id}-title`;
  const summaryId = `chart-${id}-summary`;
  const drawn = width > 0 ? children({ width, height }) : null;
  return (
    <section className="chart-card" id={`chart-${id}`} data-chart={id} aria-labelledby={titleId}>
      <header className="chart-head">
        <h3 id={titleId} ref={heading} tabIndex={-1}>{title}</h3>
        {status && <span className="chart-status" role="status">{status}</span>}
        <div className="chart-tools" role="group" aria-label={`${title}: views and exports`}>
          <button type="button" aria-pressed={tableView} onClick={() => setTableView(!tableView)} title="Show the numbers as a table">Table</button>
          <button type="button" onClick={() => void exportImage('svg')} title="Download the chart as SVG" aria-label={`Export ${title} as SVG`}>SVG</button>
          <button type="button" onClick={() => void exportImage('png')} title="Download the chart as PNG" aria-label={`Export ${title} as PNG`}>PNG</button>
          <button type="button" onClick={exportCsv} title="Download the data as CSV" aria-label={`Export ${title} data as CSV`}>CSV</button>
        </div>
      </header>
      {controls}
      {legend}
      <div className="chart-figure" ref={figure} style={{ height }} role="img" aria-labelledby={titleId} aria-describedby={summaryId}>
        {drawn ?? <p className="muted chart-empty">{empty ?? 'Waiting for the first figures…'}</p>}
      </div>
      <p className="chart-summary" id={summaryId}>{summary}</p>
      {problem && <p className="notice error" role="alert">{problem}</p>}
      {tableView && table && <ChartTable title={title} table={table} />}
    </section>
  );
}

function ChartTable({ title, table }: { title: string; table: DataTable }) {
  return (
    // Focusable, so a keyboard can scroll a long table.
    <div className="chart-table-wrap" tabIndex={0} role="region" aria-label={`${title}: table`}>
      <table className="chart-table">
        <caption className="visually-hidden">{`${title}: the numbers`}</caption>
        <thead>
          <tr>{table.header.map((h) => <th key={h} scope="col">{h}</th>)}</tr>
        </thead>
        <tbody>
          {table.rows.map((row, i) => (
            <tr key={i}>{row.map((v, j) => (j === 0 ? <th key={j} scope="row">{v}</th> : <td key={j}>{v}</td>))}</tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
