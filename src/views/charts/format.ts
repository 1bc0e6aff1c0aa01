/** Numbers as the charts print them: few digits, units spelled, nothing misleading. */

export function formatMpps(x: number): string {
  if (!Number.isFinite(x)) return 'no limit';
  return `${x >= 100 ? x.toFixed(0) : x >= 10 ? x.toFixed(1) : x.toFixed(2)} Mpps`;
}

export function formatPercent(fraction: number, digits = 0): string {
  if (!Number.isFinite(fraction)) return '–';
  return `${(fraction * 100).toFixed(digits)} %`;
}

export function formatCount(n: number): string {
  return Math.round(n).toLocaleString('en-US');
}

/** Nanoseconds in the largest unit that keeps the number readable. */
export function formatDuration(ns: number): string {
  if (!Number.isFinite(ns)) return '–';
  if (ns >= 1e9) return `${(ns / 1e9).toFixed(2)} s`;
  if (ns >= 1e6) return `${(ns / 1e6).toFixed(ns >= 1e8 ? 0 : 1)} ms`;
  if (ns >= 1e3) return `${(ns / 1e3).toFixed(ns >= 1e5 ? 0 : 1)} µs`;
  return `${ns.toFixed(0)} ns`;
}

/** A number for a CSV or table cell: up to 4 significant decimals, no thousands separator. */
export function plainNumber(x: number): string {
  if (!Number.isFinite(x)) return x > 0 ? 'Infinity' : '';
  if (Number.isInteger(x)) return String(x);
  return String(Number(x.toPrecision(6)));
}
