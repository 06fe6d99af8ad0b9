// CSV for spreadsheets: RFC 4180 quoting, CRLF rows, a UTF-8 BOM so Excel reads accents right, and
// text cells that a spreadsheet would run as a formula defused with a leading apostrophe.

export type CsvCell = string | number | boolean | null | undefined;

const NEEDS_QUOTES = /[",\r\n]/;
/** Cells Excel, LibreOffice and Google Sheets treat as formulas (OWASP "CSV injection"). */
const FORMULA_START = /^[=+\-@\t\r]/;

export function csvCell(value: CsvCell): string {
  if (value === null || value === undefined) return '';
  // Numbers and booleans are Tandem's own: a negative number stays a number.
  let text = typeof value === 'string' ? (FORMULA_START.test(value) ? `'${value}` : value) : String(value);
  if (NEEDS_QUOTES.test(text)) text = `"${text.replaceAll('"', '""')}"`;
  return text;
}

/** A whole file: header row, then one row per record. */
export function toCsv(header: string[], rows: CsvCell[][]): string {
  const lines = [header, ...rows].map((row) => row.map(csvCell).join(','));
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}
