/** What an IL operand is, judged from its text alone. */
export type OperandKind = 'variable' | 'address' | 'literal';

const IDENT = /^[A-Za-z_][A-Za-z0-9_]*/;
const ADDRESS = /^%[IQM][XBWDL]?\*?(\d+(\.\d+)*)?$/i;
const DECIMAL = /^[+-]?\d[\d_]*(\.\d[\d_]*)?([eE][+-]?\d+)?$/;
const BASED = /^(2|8|16)#[0-9A-Fa-f_]+$/;
/** `INT#5`, `T#1s`, `TOD#10:00:00`, `E_Mode#Auto`, `BOOL#1`, `REAL#-1.5`, `DT#2024-01-01-10:00`. */
const TYPED = /^[A-Za-z_][A-Za-z0-9_]*#[+-]?[A-Za-z0-9_.:'"$-]+$/;

/** Type names of literals whose type the prefix fixes (`T#`, `INT#`); untyped numbers have none. */
const LITERAL_PREFIX: Readonly<Record<string, string>> = {
  T: 'TIME', TIME: 'TIME', LT: 'LTIME', LTIME: 'LTIME', D: 'DATE', DATE: 'DATE', TOD: 'TIME_OF_DAY', TIME_OF_DAY: 'TIME_OF_DAY',
  DT: 'DATE_AND_TIME', DATE_AND_TIME: 'DATE_AND_TIME',
};

export const ELEMENTARY = new Set([
  'BOOL', 'BYTE', 'WORD', 'DWORD', 'LWORD', 'SINT', 'INT', 'DINT', 'LINT', 'USINT', 'UINT', 'UDINT', 'ULINT', 'REAL', 'LREAL',
  'TIME', 'LTIME', 'DATE', 'TIME_OF_DAY', 'TOD', 'DATE_AND_TIME', 'DT', 'STRING', 'WSTRING', 'CHAR', 'WCHAR',
]);

/** Checks a variable path: `a`, `a.b`, `a[i, j].c`, `p^.x`, `w.3`; brackets must balance. */
function isVariablePath(text: string): boolean {
  const head = IDENT.exec(text);
  if (!head) return false;
  let i = head[0].length;
  while (i < text.length) {
    const c = text[i]!;
    if (c === ' ' || c === '\t') i++;
    else if (c === '^') i++;
    else if (c === '.') {
      const rest = text.slice(i + 1).trimStart();
      const m = IDENT.exec(rest) ?? /^\d+/.exec(rest);
      if (!m) return false;
      i = text.length - rest.length + m[0].length;
    } else if (c === '[') {
      let depth = 0;
      let j = i;
      for (; j < text.length; j++) {
        if (text[j] === '[') depth++;
        else if (text[j] === ']' && --depth === 0) break;
      }
      if (j >= text.length || j === i + 1) return false;
      i = j + 1;
    } else return false;
  }
  return true;
}

/** Classifies an operand; null when it is none of a variable, direct address or literal. */
export function operandKind(text: string): OperandKind | null {
  const upper = text.toUpperCase();
  if (upper === 'TRUE' || upper === 'FALSE') return 'literal';
  if (ADDRESS.test(text)) return 'address';
  if (DECIMAL.test(text) || BASED.test(text) || TYPED.test(text)) return 'literal';
  if (/^'([^'$]|\$.)*'$/.test(text) || /^"([^"$]|\$.)*"$/.test(text)) return 'literal';
  return isVariablePath(text) ? 'variable' : null;
}

/** The variable an operand names before any member or index (`a` of `a.b[i]`), upper-cased; null for literals. */
export function operandRoot(text: string): string | null {
  if (operandKind(text) !== 'variable') return null;
  return IDENT.exec(text)![0].toUpperCase();
}

/** Every identifier the operand reads (its root and any index variables), upper-cased. */
export function operandReads(text: string): string[] {
  if (operandKind(text) !== 'variable') return [];
  const out: string[] = [];
  const re = /(^|[^.A-Za-z0-9_#%])([A-Za-z_][A-Za-z0-9_]*)/g;
  for (let m = re.exec(text); m; m = re.exec(text)) out.push(m[2]!.toUpperCase());
  return out;
}

/** A plain variable or member path without index or dereference: after `ST x` it holds the stored value. */
export function isStableTarget(text: string): boolean {
  return operandKind(text) === 'variable' && /^[A-Za-z_][A-Za-z0-9_]*(\s*\.\s*[A-Za-z_][A-Za-z0-9_]*)*$/.test(text);
}

/** The IEC type of an operand where its text or declaration fixes it; null where it cannot be inferred. */
export function operandType(text: string, typeOf: (name: string) => string | undefined): string | null {
  const upper = text.toUpperCase();
  if (upper === 'TRUE' || upper === 'FALSE') return 'BOOL';
  const typed = /^([A-Za-z_][A-Za-z0-9_]*)#/.exec(text);
  if (typed && !BASED.test(text)) {
    const prefix = typed[1]!.toUpperCase();
    if (LITERAL_PREFIX[prefix]) return LITERAL_PREFIX[prefix];
    return ELEMENTARY.has(prefix) ? prefix : typed[1]!;
  }
  if (/^%[IQM]X/i.test(text) || /^%[IQM]\d/i.test(text)) return 'BOOL';
  if (/^%[IQM]B/i.test(text)) return 'BYTE';
  if (/^%[IQM]W/i.test(text)) return 'WORD';
  if (/^%[IQM]D/i.test(text)) return 'DWORD';
  if (/^%[IQM]L/i.test(text)) return 'LWORD';
  if (/^[A-Za-z_][A-Za-z0-9_]*$/.test(text)) {
    const t = typeOf(text)?.trim();
    return t && ELEMENTARY.has(t.toUpperCase()) ? t.toUpperCase() : (t ?? null);
  }
  return null;
}
