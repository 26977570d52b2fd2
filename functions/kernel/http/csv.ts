/**
 * CSV (RFC 4180) for exports: a header row and one line per row, CRLF line ends. A field with a
 * comma, a quote or a line break is quoted (quotes doubled). A field starting with `=`, `+`, `-`,
 * `@`, a tab or a carriage return is prefixed with `'`, so a spreadsheet opening the file shows
 * it as text instead of running it as a formula (CSV injection).
 */

export type CsvValue = string | number | null;

const formulaStart = /^[=+\-@\t\r]/;
const needsQuotes = /[",\r\n]/;

export const csvField = (value: CsvValue): string => {
  if (value === null) return '';
  // Numbers are written as numbers: a negative one is a value, not a formula.
  if (typeof value === 'number') return String(value);
  const text = formulaStart.test(value) ? `'${value}` : value;
  return needsQuotes.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
};

export const toCsv = (header: readonly string[], rows: readonly (readonly CsvValue[])[]): string =>
  [header, ...rows].map((row) => `${row.map(csvField).join(',')}\r\n`).join('');
