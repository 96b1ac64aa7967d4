/**
 * CSV for spreadsheets (RFC 4180, CRLF lines, a UTF-8 byte order mark so Excel reads names as UTF-8). Candidate
 * text lands in these cells, so a cell a spreadsheet would take for a formula (it starts with `=`, `+`, `-`, `@`,
 * a tab or a carriage return, or their full-width forms ＝＋－＠) is prefixed with a `'`, which shows it as text
 * (OWASP, CSV injection). Excel in de/fr locales splits on `;`, and a cell may hold line breaks, so the same holds
 * after every `;`, `,`, tab or line break inside a cell: each of those may start a field somewhere.
 */
export type CsvValue = string | number | boolean | undefined;

const FORMULA_START = /^[=+\-@\t\r\uFF1D\uFF0B\uFF0D\uFF20]/;
const FORMULA_AFTER_SEPARATOR = /([;,\t\r\n]\s*)([=+\-@\uFF1D\uFF0B\uFF0D\uFF20])/g;
const NEEDS_QUOTES = /[",\r\n]|^\s|\s$/;

export function csvCell(value: CsvValue): string {
  if (value === undefined) return '';
  const text = String(value);
  const inner = text.replace(FORMULA_AFTER_SEPARATOR, "$1'$2");
  const guarded = FORMULA_START.test(inner) ? `'${inner}` : inner;
  return NEEDS_QUOTES.test(guarded) ? `"${guarded.replaceAll('"', '""')}"` : guarded;
}

export function csvDocument(header: readonly string[], rows: readonly (readonly CsvValue[])[]): string {
  const lines = [header, ...rows].map((row) => row.map(csvCell).join(','));
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}

/** Whether the client asked for CSV: `format=csv`, or an Accept header that names text/csv. */
export function wantsCsv(format: string | undefined, accept: string | undefined): boolean {
  if (format !== undefined) return format === 'csv';
  return (accept ?? '').toLowerCase().includes('text/csv');
}

/** The headers of a CSV download named `<name>.csv`, or `<name>-<day>.csv` given the day it was taken. */
export function csvHeaders(name: string, at?: Date): Record<string, string> {
  const file = at === undefined ? name : `${name}-${at.toISOString().slice(0, 10)}`;
  return {
    'content-type': 'text/csv; charset=utf-8',
    'content-disposition': `attachment; filename="${file}.csv"`,
    'x-content-type-options': 'nosniff',
  };
}
