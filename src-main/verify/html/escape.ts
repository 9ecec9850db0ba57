/**
 * Escaping for the HTML report. Every string that comes from a report (site ids, messages, excerpts of plant
 * code, signal names) goes through `escapeHtml` before it is placed in the page, in text and in attribute
 * values alike, so nothing in a plant file can ever become markup.
 */

const ENTITIES: Readonly<Record<string, string>> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/**
 * Escapes text for HTML and SVG text content and quoted attribute values. C0 control characters other than
 * tab, line feed and carriage return (never valid in HTML) become U+FFFD, so a stray byte from a plant file
 * cannot make the page invalid either.
 */
export function escapeHtml(text: string): string {
  return text
    .replace(/[&<>"']/g, (c) => ENTITIES[c] ?? c)
    .replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/g, '\uFFFD');
}

/** `escapeHtml` for any value the report may hold: booleans as TRUE/FALSE, numbers as written. */
export function escapeValue(value: unknown): string {
  return escapeHtml(typeof value === 'string' ? value : formatValue(value));
}

/** A signal or fact value as a PLC engineer writes it: TRUE/FALSE, integers plainly, reals to 6 digits. */
export function formatValue(value: unknown): string {
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
  if (typeof value === 'number') {
    if (Number.isInteger(value) || !Number.isFinite(value)) return String(value);
    return String(Number(value.toPrecision(6)));
  }
  if (typeof value === 'bigint') return value.toString();
  if (typeof value === 'string') return value;
  return value === undefined || value === null ? '?' : String(value);
}
