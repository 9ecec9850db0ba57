import { key } from '../st/ast.js';
import {
  BOOL, DINT, ELEMENTARY, INT, STRING_DEFAULT, UDINT, WSTRING_DEFAULT, type Type,
} from './types.js';

/**
 * The IEC 61131-3 standard functions (and the common vendor additions ADR, SIZEOF, REF) as signatures with
 * generic parameters: `T:ANY_NUM` means every generic input and the result share one type T out of ANY_NUM.
 * The `<A>_TO_<B>` conversions are generated for every pair of elementary types, plus `TO_<B>`.
 */

export type Constraint = 'ANY' | 'ANY_ELEM' | 'ANY_NUM' | 'ANY_INT' | 'ANY_REAL' | 'ANY_BIT' | 'ANY_STRING' | 'ANY_MAGNITUDE';

export interface StdInput {
  name: string;
  /** A fixed type, or a constraint on a generic input. */
  type: Type | Constraint;
  /** Shares the generic type T with the result and the other generic inputs. */
  generic: boolean;
}

export interface StdFunction {
  name: string;
  inputs: StdInput[];
  /** More inputs like the last one may follow (ADD, MAX, MUX, CONCAT). */
  extensible: boolean;
  /** 'T' = the generic type; 'ADR'/'REF' = a pointer/reference to the argument's type. */
  result: Type | 'T' | 'ADR' | 'REF';
}

function fn(name: string, spec: string, result: StdFunction['result'], extensible = false): StdFunction {
  const inputs: StdInput[] = [];
  for (const part of spec.split(',')) {
    const [n, t] = part.trim().split(':') as [string, string];
    const generic = t.startsWith('T=');
    const c = generic ? t.slice(2) : t;
    inputs.push({ name: n, generic, type: ELEMENTARY.get(c) ?? (c as Constraint) });
  }
  return { name, inputs, extensible, result };
}

const LIST: StdFunction[] = [
  fn('ADD', 'IN1:T=ANY_MAGNITUDE, IN2:T=ANY_MAGNITUDE', 'T', true),
  fn('MUL', 'IN1:T=ANY_MAGNITUDE, IN2:T=ANY_MAGNITUDE', 'T', true),
  fn('SUB', 'IN1:T=ANY_MAGNITUDE, IN2:T=ANY_MAGNITUDE', 'T'),
  fn('DIV', 'IN1:T=ANY_MAGNITUDE, IN2:T=ANY_MAGNITUDE', 'T'),
  fn('MOD', 'IN1:T=ANY_INT, IN2:T=ANY_INT', 'T'),
  fn('EXPT', 'IN1:T=ANY_REAL, IN2:ANY_NUM', 'T'),
  fn('ABS', 'IN:T=ANY_NUM', 'T'),
  fn('SQRT', 'IN:T=ANY_REAL', 'T'),
  fn('LN', 'IN:T=ANY_REAL', 'T'),
  fn('LOG', 'IN:T=ANY_REAL', 'T'),
  fn('EXP', 'IN:T=ANY_REAL', 'T'),
  fn('SIN', 'IN:T=ANY_REAL', 'T'),
  fn('COS', 'IN:T=ANY_REAL', 'T'),
  fn('TAN', 'IN:T=ANY_REAL', 'T'),
  fn('ASIN', 'IN:T=ANY_REAL', 'T'),
  fn('ACOS', 'IN:T=ANY_REAL', 'T'),
  fn('ATAN', 'IN:T=ANY_REAL', 'T'),
  fn('ATAN2', 'Y:T=ANY_REAL, X:T=ANY_REAL', 'T'),
  fn('TRUNC', 'IN:ANY_REAL', DINT),
  fn('SEL', 'G:BOOL, IN0:T=ANY, IN1:T=ANY', 'T'),
  fn('MUX', 'K:ANY_INT, IN0:T=ANY, IN1:T=ANY', 'T', true),
  fn('LIMIT', 'MN:T=ANY_ELEM, IN:T=ANY_ELEM, MX:T=ANY_ELEM', 'T'),
  fn('MAX', 'IN1:T=ANY_ELEM, IN2:T=ANY_ELEM', 'T', true),
  fn('MIN', 'IN1:T=ANY_ELEM, IN2:T=ANY_ELEM', 'T', true),
  fn('MOVE', 'IN:T=ANY', 'T'),
  fn('SHL', 'IN:T=ANY_BIT, N:ANY_INT', 'T'),
  fn('SHR', 'IN:T=ANY_BIT, N:ANY_INT', 'T'),
  fn('ROL', 'IN:T=ANY_BIT, N:ANY_INT', 'T'),
  fn('ROR', 'IN:T=ANY_BIT, N:ANY_INT', 'T'),
  fn('AND', 'IN1:T=ANY_BIT, IN2:T=ANY_BIT', 'T', true),
  fn('OR', 'IN1:T=ANY_BIT, IN2:T=ANY_BIT', 'T', true),
  fn('XOR', 'IN1:T=ANY_BIT, IN2:T=ANY_BIT', 'T', true),
  fn('NOT', 'IN:T=ANY_BIT', 'T'),
  fn('GT', 'IN1:T=ANY_ELEM, IN2:T=ANY_ELEM', BOOL, true),
  fn('GE', 'IN1:T=ANY_ELEM, IN2:T=ANY_ELEM', BOOL, true),
  fn('EQ', 'IN1:T=ANY_ELEM, IN2:T=ANY_ELEM', BOOL, true),
  fn('LE', 'IN1:T=ANY_ELEM, IN2:T=ANY_ELEM', BOOL, true),
  fn('LT', 'IN1:T=ANY_ELEM, IN2:T=ANY_ELEM', BOOL, true),
  fn('NE', 'IN1:T=ANY_ELEM, IN2:T=ANY_ELEM', BOOL),
  fn('LEN', 'IN:ANY_STRING', INT),
  fn('LEFT', 'IN:T=ANY_STRING, L:ANY_INT', 'T'),
  fn('RIGHT', 'IN:T=ANY_STRING, L:ANY_INT', 'T'),
  fn('MID', 'IN:T=ANY_STRING, L:ANY_INT, P:ANY_INT', 'T'),
  fn('CONCAT', 'IN1:T=ANY_STRING, IN2:T=ANY_STRING', 'T', true),
  fn('INSERT', 'IN1:T=ANY_STRING, IN2:T=ANY_STRING, P:ANY_INT', 'T'),
  fn('DELETE', 'IN:T=ANY_STRING, L:ANY_INT, P:ANY_INT', 'T'),
  fn('REPLACE', 'IN1:T=ANY_STRING, IN2:T=ANY_STRING, L:ANY_INT, P:ANY_INT', 'T'),
  fn('FIND', 'IN1:T=ANY_STRING, IN2:T=ANY_STRING', INT),
  fn('ADR', 'IN:ANY', 'ADR'),
  fn('SIZEOF', 'IN:ANY', UDINT),
  fn('REF', 'IN:ANY', 'REF'),
  fn('__ISVALIDREF', 'IN:ANY', BOOL),
];

/** Target types of the conversion functions, by the spelling used in their names. */
const CONVERTIBLE: [string, Type][] = [
  ...[...ELEMENTARY].filter(([n]) => !n.startsWith('__') && n !== 'BIT' && n !== 'S5TIME' && n !== 'DTL'),
  ['STRING', STRING_DEFAULT],
  ['WSTRING', WSTRING_DEFAULT],
];

export const STD_FUNCTIONS: ReadonlyMap<string, StdFunction> = (() => {
  const m = new Map<string, StdFunction>();
  for (const f of LIST) m.set(f.name, f);
  for (const [to, toType] of CONVERTIBLE) {
    m.set(`TO_${to}`, { name: `TO_${to}`, inputs: [{ name: 'IN', type: 'ANY_ELEM', generic: false }], extensible: false, result: toType });
    m.set(`TRUNC_${to}`, { name: `TRUNC_${to}`, inputs: [{ name: 'IN', type: 'ANY_REAL', generic: false }], extensible: false, result: toType });
    for (const [from, fromType] of CONVERTIBLE) {
      if (from === to) continue;
      const name = `${from}_TO_${to}`;
      m.set(name, { name, inputs: [{ name: 'IN', type: fromType, generic: false }], extensible: false, result: toType });
    }
  }
  return m;
})();

export function stdFunction(name: string): StdFunction | undefined {
  return STD_FUNCTIONS.get(key(name));
}
