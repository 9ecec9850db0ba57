const UNIT_MS: Record<string, number> = { d: 86_400_000, h: 3_600_000, m: 60_000, s: 1000, ms: 1, us: 0.001, ns: 0.000001 };

/**
 * Reads a duration as plant engineers write it in site.yaml and scenarios: `10ms`, `1.5s`, `1m30s`, or an
 * IEC literal `T#10ms`. A bare number means milliseconds. Returns null when the text is not a duration.
 */
export function parseDurationMs(value: unknown): number | null {
  if (typeof value === 'number') return Number.isFinite(value) && value >= 0 ? value : null;
  if (typeof value !== 'string') return null;
  let text = value.trim().toLowerCase().replace(/_/g, '');
  text = text.replace(/^(t|time|ltime)#/, '');
  if (text === '') return null;
  if (/^\d+(\.\d+)?$/.test(text)) return Number(text);
  const part = /(\d+(?:\.\d+)?)(ms|us|ns|d|h|m|s)/y;
  let total = 0;
  let pos = 0;
  while (pos < text.length) {
    part.lastIndex = pos;
    const m = part.exec(text);
    if (!m) return null;
    total += Number(m[1]) * UNIT_MS[m[2]!]!;
    pos = part.lastIndex;
  }
  return total;
}
