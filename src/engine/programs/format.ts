/** Numbers for a person, the same in every locale and runtime: counts and nanosecond times. */

/** 1234567 -> "1,234,567". */
export function formatCount(n: number): string {
  const sign = n < 0 ? '-' : '';
  const digits = String(Math.abs(n));
  let out = '';
  for (let i = 0; i < digits.length; i++) {
    if (i > 0 && (digits.length - i) % 3 === 0) out += ',';
    out += digits[i];
  }
  return sign + out;
}

function trimFixed(value: number): string {
  return value.toFixed(3).replace(/\.?0+$/, '');
}

/** 1536 -> "1.536 µs", 2500000 -> "2.5 ms": a timestamp or duration for a person. */
export function formatNs(ns: number): string {
  const size = Math.abs(ns);
  if (size < 1e3) return `${ns} ns`;
  if (size < 1e6) return `${trimFixed(ns / 1e3)} µs`;
  if (size < 1e9) return `${trimFixed(ns / 1e6)} ms`;
  return `${trimFixed(ns / 1e9)} s`;
}
