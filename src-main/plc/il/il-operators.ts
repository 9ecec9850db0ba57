/** How an IL operator reads and changes the current result (CR). */
export type OperatorClass =
  | 'load' // LD: CR := operand
  | 'store' // ST: operand := CR
  | 'set' // S, R: conditional set/reset of a BOOL (or an FB input when the operand is an instance)
  | 'binary' // AND, ADD, GT ...: CR := CR op operand
  | 'not' // NOT: CR := NOT CR
  | 'fbInput' // S1, R1, CLK, CU, CD, PV, IN, PT: call the instance with that input
  | 'jump'
  | 'call'
  | 'return';

export interface OperatorInfo {
  cls: OperatorClass;
  /** The ST operator for binary operators. */
  st?: string;
  /** ST precedence of `st` (higher binds tighter). */
  prec?: number;
  /** Allowed modifiers. */
  n: boolean;
  c: boolean;
  paren: boolean;
}

const bin = (st: string, prec: number, n: boolean): OperatorInfo => ({ cls: 'binary', st, prec, n, c: false, paren: true });

export const OPERATORS: Readonly<Record<string, OperatorInfo>> = {
  LD: { cls: 'load', n: true, c: false, paren: false },
  ST: { cls: 'store', n: true, c: false, paren: false },
  S: { cls: 'set', n: false, c: false, paren: false },
  R: { cls: 'set', n: false, c: false, paren: false },
  AND: bin('AND', 3, true),
  '&': bin('AND', 3, true),
  OR: bin('OR', 1, true),
  XOR: bin('XOR', 2, true),
  ADD: bin('+', 6, false),
  SUB: bin('-', 6, false),
  MUL: bin('*', 7, false),
  DIV: bin('/', 7, false),
  MOD: bin('MOD', 7, false),
  GT: bin('>', 5, false),
  GE: bin('>=', 5, false),
  LT: bin('<', 5, false),
  LE: bin('<=', 5, false),
  EQ: bin('=', 4, false),
  NE: bin('<>', 4, false),
  NOT: { cls: 'not', n: false, c: false, paren: false },
  JMP: { cls: 'jump', n: true, c: true, paren: false },
  CAL: { cls: 'call', n: true, c: true, paren: false },
  RET: { cls: 'return', n: true, c: true, paren: false },
  S1: { cls: 'fbInput', n: false, c: false, paren: false },
  R1: { cls: 'fbInput', n: false, c: false, paren: false },
  CLK: { cls: 'fbInput', n: false, c: false, paren: false },
  CU: { cls: 'fbInput', n: false, c: false, paren: false },
  CD: { cls: 'fbInput', n: false, c: false, paren: false },
  PV: { cls: 'fbInput', n: false, c: false, paren: false },
  IN: { cls: 'fbInput', n: false, c: false, paren: false },
  PT: { cls: 'fbInput', n: false, c: false, paren: false },
};

export interface SplitOperator {
  base: string;
  info: OperatorInfo;
  n: boolean;
  c: boolean;
}

/**
 * Splits a written operator into its base and modifiers: `JMPCN` is JMP with C and N, `ANDN` is AND with N.
 * Returns null when no reading fits; `bad` is set when a base fits but with a modifier it does not take.
 */
export function splitOperator(word: string): SplitOperator | { bad: string } | null {
  const upper = word.toUpperCase();
  const candidates: [string, boolean, boolean][] = [[upper, false, false]];
  if (upper.endsWith('CN')) candidates.push([upper.slice(0, -2), true, true]);
  if (upper.endsWith('N')) candidates.push([upper.slice(0, -1), true, false]);
  if (upper.endsWith('C')) candidates.push([upper.slice(0, -1), false, true]);
  for (const [base, n, c] of candidates) {
    const info = OPERATORS[base];
    if (!info) continue;
    if ((n && !info.n) || (c && !info.c)) return { bad: base };
    // N on a conditional-only operator needs C too (JMPN is not IEC).
    if (n && info.c && !c) return { bad: base };
    return { base, info, n, c };
  }
  return null;
}

/** Standard functions (IEC 61131-3 tables of functions) usable as IL operators: CR is their first input. */
const STD_FUNCTIONS = new Set([
  'ABS', 'SQRT', 'LN', 'LOG', 'EXP', 'SIN', 'COS', 'TAN', 'ASIN', 'ACOS', 'ATAN', 'ATAN2', 'EXPT', 'MOVE', 'TRUNC',
  'SHL', 'SHR', 'ROL', 'ROR', 'SEL', 'MAX', 'MIN', 'LIMIT', 'MUX', 'LEN', 'LEFT', 'RIGHT', 'MID', 'CONCAT', 'INSERT',
  'DELETE', 'REPLACE', 'FIND', 'BCD_TO_INT', 'INT_TO_BCD', 'ADD_TIME', 'SUB_TIME', 'CONCAT_DATE_TOD',
]);

/** Standard functions have no side effects, so repeating one in the translated ST is harmless. */
export function isStandardFunction(name: string): boolean {
  const u = name.toUpperCase();
  return STD_FUNCTIONS.has(u) || /^[A-Z]+_TO_[A-Z_]+$/.test(u) || /^TO_[A-Z]+$/.test(u) || /^TRUNC_[A-Z]+$/.test(u);
}

/** The result type of a conversion function (`INT_TO_REAL` gives REAL), else null. */
export function conversionTarget(name: string): string | null {
  const m = /^(?:[A-Z]+_)?TO_([A-Z_]+)$/.exec(name.toUpperCase()) ?? /^TRUNC_([A-Z]+)$/.exec(name.toUpperCase());
  return m ? m[1]! : null;
}
