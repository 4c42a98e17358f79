// CSV as RFC 4180 writes it: fields separated by commas, records by CRLF, a field quoted when it holds
// a comma, quote, CR or LF, with quotes doubled. A text field a spreadsheet would run as a formula
// (=, +, -, @, tab or CR first: OWASP's list) gets a leading apostrophe, so an exported key name or
// user agent cannot execute in the auditor's spreadsheet.
const FORMULA_START = /^[=+\-@\t\r]/;
const NEEDS_QUOTES = /[",\r\n]/;

export type CsvValue = string | number | boolean | Date | null | undefined;

export function csvField(value: CsvValue): string {
  if (value === null || value === undefined) return "";
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  const text = value instanceof Date ? value.toISOString() : FORMULA_START.test(value) ? `'${value}` : value;
  return NEEDS_QUOTES.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

export function csvRecord(values: readonly CsvValue[]): string {
  return `${values.map(csvField).join(",")}\r\n`;
}
