import type { LiteralKind } from './ast.js';

const NS: Record<string, bigint> = { D: 86_400_000_000_000n, H: 3_600_000_000_000n, M: 60_000_000_000n, S: 1_000_000_000n, MS: 1_000_000n, US: 1_000n, NS: 1n };

const TIME_PREFIXES: Record<string, LiteralKind> = {
  T: 'time',
  TIME: 'time',
  LT: 'ltime',
  LTIME: 'ltime',
  D: 'date',
  DATE: 'date',
  LD: 'ldate',
  LDATE: 'ldate',
  TOD: 'tod',
  TIME_OF_DAY: 'tod',
  LTOD: 'ltod',
  LTIME_OF_DAY: 'ltod',
  DT: 'dt',
  DATE_AND_TIME: 'dt',
  LDT: 'ldt',
  LDATE_AND_TIME: 'ldt',
};

const INT_TYPES = new Set(['SINT', 'INT', 'DINT', 'LINT', 'USINT', 'UINT', 'UDINT', 'ULINT', 'BYTE', 'WORD', 'DWORD', 'LWORD']);
const REAL_TYPES = new Set(['REAL', 'LREAL']);

/** Integer literal text (`1_000`, `16#FF`, `2#1010_1010`) to its value; null when malformed. */
export function decodeInt(text: string): number | bigint | null {
  const t = text.replace(/_/g, '');
  const hash = t.indexOf('#');
  let v: bigint;
  if (hash < 0) {
    if (!/^\d+$/.test(t)) return null;
    v = BigInt(t);
  } else {
    const base = t.slice(0, hash);
    const digits = t.slice(hash + 1);
    const re = base === '2' ? /^[01]+$/ : base === '8' ? /^[0-7]+$/ : base === '16' ? /^[0-9A-Fa-f]+$/ : base === '10' ? /^\d+$/ : null;
    if (!re || !re.test(digits)) return null;
    v = BigInt((base === '2' ? '0b' : base === '8' ? '0o' : base === '16' ? '0x' : '') + digits);
  }
  return v <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(v) : v;
}

export function decodeReal(text: string): number | null {
  const v = Number(text.replace(/_/g, ''));
  return Number.isFinite(v) ? v : null;
}

/** `$`-escapes of IEC strings: `$'`, `$"`, `$$`, `$L`/`$N` (line feed), `$P`, `$R`, `$T`, `$hh` / `$hhhh`. */
export function decodeString(body: string, wide: boolean): string | null {
  let out = '';
  for (let i = 0; i < body.length; i++) {
    const c = body[i]!;
    if (c !== '$') {
      out += c;
      continue;
    }
    const e = body[++i];
    if (e === undefined) return null;
    const u = e.toUpperCase();
    if (u === 'L' || u === 'N') out += '\n';
    else if (u === 'P') out += '\f';
    else if (u === 'R') out += '\r';
    else if (u === 'T') out += '\t';
    else if (e === '$' || e === "'" || e === '"') out += e;
    else {
      const n = wide ? 4 : 2;
      const hex = body.slice(i, i + n);
      if (!new RegExp(`^[0-9A-Fa-f]{${n}}$`).test(hex)) return null;
      out += String.fromCharCode(parseInt(hex, 16));
      i += n - 1;
    }
  }
  return out;
}

/** `1d2h3m4s5ms6us7ns`, `1.5s`, `-5s` to nanoseconds. */
export function decodeDuration(text: string): bigint | null {
  let t = text.replace(/_/g, '').toUpperCase();
  let sign = 1n;
  if (t.startsWith('-')) {
    sign = -1n;
    t = t.slice(1);
  } else if (t.startsWith('+')) t = t.slice(1);
  if (t === '') return null;
  const part = /(\d+(?:\.\d+)?)(MS|US|NS|D|H|M|S)/y;
  let total = 0n;
  let pos = 0;
  let lastRank = -1;
  const rank = ['D', 'H', 'M', 'S', 'MS', 'US', 'NS'];
  while (pos < t.length) {
    part.lastIndex = pos;
    const m = part.exec(t);
    if (!m) return null;
    const r = rank.indexOf(m[2]!);
    if (r <= lastRank) return null;
    lastRank = r;
    const [whole, frac = ''] = m[1]!.split('.');
    total += BigInt(whole!) * NS[m[2]!]!;
    if (frac) total += (BigInt(frac.padEnd(12, '0').slice(0, 12)) * NS[m[2]!]!) / 1_000_000_000_000n;
    pos = part.lastIndex;
  }
  return sign * total;
}

function daysFromCivil(y: number, m: number, d: number): number {
  const a = Date.UTC(y, m - 1, d);
  const back = new Date(a);
  if (back.getUTCFullYear() !== y || back.getUTCMonth() !== m - 1 || back.getUTCDate() !== d) return NaN;
  return a / 86_400_000;
}

function decodeDate(t: string): bigint | null {
  const m = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(t);
  if (!m) return null;
  const days = daysFromCivil(Number(m[1]), Number(m[2]), Number(m[3]));
  return Number.isNaN(days) ? null : BigInt(days) * NS['D']!;
}

function decodeTimeOfDay(t: string): bigint | null {
  const m = /^(\d{1,2}):(\d{1,2})(?::(\d{1,2})(?:\.(\d{1,9}))?)?$/.exec(t);
  if (!m) return null;
  const h = Number(m[1]);
  const min = Number(m[2]);
  const s = Number(m[3] ?? 0);
  if (h > 23 || min > 59 || s > 59) return null;
  return BigInt(h) * NS['H']! + BigInt(min) * NS['M']! + BigInt(s) * NS['S']! + BigInt((m[4] ?? '').padEnd(9, '0') || '0');
}

export interface DecodedTyped {
  litKind: LiteralKind;
  typePrefix: string | null;
  value: number | bigint | boolean | string | null;
  /** For `Name#Ident`: an enum value rather than a literal. */
  enumValue: boolean;
}

/** Decodes `PREFIX#value` (typed numbers and strings, time and date literals, `Enum#Value`). */
export function decodeTyped(text: string): DecodedTyped {
  const hash = text.indexOf('#');
  const prefix = text.slice(0, hash).toUpperCase();
  const rest = text.slice(hash + 1);
  const timeKind = TIME_PREFIXES[prefix];
  if (timeKind) {
    const v = rest.replace(/_/g, '');
    let value: bigint | null;
    if (timeKind === 'time' || timeKind === 'ltime') value = decodeDuration(v);
    else if (timeKind === 'date' || timeKind === 'ldate') value = decodeDate(v);
    else if (timeKind === 'tod' || timeKind === 'ltod') value = decodeTimeOfDay(v);
    else {
      const m = /^(\d{4}-\d{1,2}-\d{1,2})-(.+)$/.exec(v);
      const d = m ? decodeDate(m[1]!) : null;
      const tod = m ? decodeTimeOfDay(m[2]!) : null;
      value = d !== null && tod !== null ? d + tod : null;
    }
    return { litKind: timeKind, typePrefix: null, value, enumValue: false };
  }
  if (prefix === 'BOOL') {
    const u = rest.toUpperCase();
    const value = u === 'TRUE' || u === '1' ? true : u === 'FALSE' || u === '0' ? false : null;
    return { litKind: 'bool', typePrefix: prefix, value, enumValue: false };
  }
  if (prefix === 'STRING' || prefix === 'WSTRING' || prefix === 'CHAR' || prefix === 'WCHAR') {
    const wide = prefix.startsWith('W');
    const q = rest[0];
    const ok = (q === "'" || q === '"') && rest.length >= 2 && rest.endsWith(q);
    return { litKind: wide ? 'wstring' : 'string', typePrefix: prefix, value: ok ? decodeString(rest.slice(1, -1), wide) : null, enumValue: false };
  }
  if (INT_TYPES.has(prefix) || REAL_TYPES.has(prefix)) {
    const neg = rest.startsWith('-');
    const body = rest.replace(/^[+-]/, '');
    if (REAL_TYPES.has(prefix) || /[.eE]/.test(body.replace(/^\d+#.*/, ''))) {
      const r = decodeReal(body);
      return { litKind: 'real', typePrefix: prefix, value: r === null ? null : neg ? -r : r, enumValue: false };
    }
    const i = decodeInt(body);
    const value = i === null ? null : neg ? (typeof i === 'bigint' ? -i : -i) : i;
    return { litKind: 'int', typePrefix: prefix, value, enumValue: false };
  }
  // Any other prefix names an enumeration type: `E_State#Idle`.
  return { litKind: 'int', typePrefix: text.slice(0, hash), value: rest, enumValue: /^[A-Za-z_]\w*$/.test(rest) };
}
