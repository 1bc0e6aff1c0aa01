/** A table as CSV text (RFC 4180: comma separated, quoted when needed, CRLF line ends). */
export interface DataTable {
  header: string[];
  rows: (string | number)[][];
}

function cell(value: string | number): string {
  const text = typeof value === 'number' ? (Number.isFinite(value) ? String(value) : '') : value;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function toCsv(table: DataTable): string {
  return [table.header, ...table.rows].map((row) => row.map(cell).join(',')).join('\r\n') + '\r\n';
}
