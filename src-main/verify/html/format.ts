/**
 * Locale- and time-zone-independent formatting for the report, so the same report renders to the same bytes
 * on every machine (no `toLocaleString`, no `Date`).
 */

/** 12800 -> "12,800"; negative and fractional numbers keep their sign and fraction. */
export function groupThousands(n: number): string {
  if (!Number.isFinite(n)) return String(n);
  const [int = '', frac] = String(Math.abs(n)).split('.');
  const grouped = int.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return `${n < 0 ? '-' : ''}${grouped}${frac === undefined ? '' : `.${frac}`}`;
}

/** A stage duration: "850 ms", "12.4 s", "2 min 05 s". */
export function formatDuration(ms: number): string {
  if (!Number.isFinite(ms) || ms < 0) return '?';
  if (ms < 1000) return `${Math.round(ms)} ms`;
  if (ms < 60_000) return `${(Math.round(ms / 100) / 10).toFixed(1)} s`;
  const totalS = Math.round(ms / 1000);
  const min = Math.floor(totalS / 60);
  return `${groupThousands(min)} min ${String(totalS % 60).padStart(2, '0')} s`;
}

/** A time in ms for axes and labels: "40 ms", "1,250 ms", "2.5 ms". */
export function formatMs(ms: number): string {
  if (!Number.isFinite(ms)) return '? ms';
  const rounded = Number.isInteger(ms) ? ms : Number(ms.toFixed(3));
  return `${groupThousands(rounded)} ms`;
}

const ISO = /^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2}(?::\d{2})?)(?:\.\d+)?(Z|[+-]\d{2}:?\d{2})?$/;

/** "2026-11-25T10:00:00.000Z" -> "2026-11-25 10:00:00 UTC"; anything else is shown as given. */
export function formatCreatedAt(iso: string): string {
  const m = ISO.exec(iso.trim());
  if (!m) return iso;
  const zone = m[3] === undefined ? '' : m[3] === 'Z' ? ' UTC' : ` UTC${m[3]}`;
  return `${m[1]} ${m[2]}${zone}`;
}
