import type { Expression } from '../plc/st/ast.js';
import type { Encoder, Frame } from './encoder.js';
import { convertTo, fpSort, fpVal, type Shape, type Val } from './values.js';
import type { ZBool, ZFp } from './z3-context.js';

/**
 * REAL and LREAL as the soft-PLC computes them (`sim/repr.ts`, `gen-expr.ts`): operands are doubles, the
 * operation is IEEE double arithmetic (round to nearest even), and a REAL result is rounded to float32
 * (Math.fround). Comparisons are made in double. Encoded exactly with Z3's floating point theory, which is
 * costly; the prover first tries with every REAL havocked (`realExact` false) and only encodes REAL exactly
 * to refine a counterexample the soft-PLC did not reproduce.
 */

type Fp = Extract<Val, { t: 'fp' }>;

const F64: Shape = { t: 'fp', bits: 64 };

function d(en: Encoder, v: Val): ZFp {
  return (convertTo(en.z, v, F64) as Fp).v;
}

/** `a op b` for + - * / with a REAL or LREAL result shape `rs`. */
export function realArith(en: Encoder, f: Frame, e: Expression, op: string, a: Val, b: Val, rs: Extract<Shape, { t: 'fp' }>): Val {
  const z = en.z;
  if (!en.realExact) return en.havocAt(f.file, e, 'REAL arithmetic: free value (REAL abstracted)', rs, true);
  const rm = z.FloatRM.RNE();
  const x = d(en, a);
  const y = d(en, b);
  let r: ZFp;
  switch (op) {
    case '+':
      r = x.add(rm, y);
      break;
    case '-':
      r = x.sub(rm, y);
      break;
    case '*':
      r = x.mul(rm, y);
      break;
    case '/':
      r = x.div(rm, y);
      break;
    default:
      return en.havocAt(f.file, e, `REAL operator ${op}: free value`, rs);
  }
  return convertTo(z, fpVal(r, 64), rs);
}

/** A comparison of two values of which at least one is REAL, made in double as on the soft-PLC. */
export function realCompare(en: Encoder, f: Frame, e: Expression, op: string, a: Val, b: Val): ZBool {
  const z = en.z;
  // REAL havocked: the comparison of a free value is itself free (no float circuit at all).
  if (!en.realExact) return en.havocAt(f.file, e, 'REAL comparison: free (REAL abstracted)', { t: 'bool' }, true).v as ZBool;
  const x = d(en, a);
  const y = d(en, b);
  switch (op) {
    case '=':
      return z.And(x.le(y), x.ge(y));
    case '<>':
      return z.Not(z.And(x.le(y), x.ge(y)));
    case '<':
      return x.lt(y);
    case '>':
      return x.gt(y);
    case '<=':
      return x.le(y);
    default:
      return x.ge(y);
  }
}

/** Unary minus of a REAL. */
export function realNeg(en: Encoder, v: Fp): Val {
  return fpVal(v.v.neg(), v.bits);
}

/** A REAL literal: the double the soft-PLC writes into its code; a typed REAL# literal not exact in float32 is free. */
export function realLiteral(en: Encoder, f: Frame, e: Expression, value: number, typedBits: 32 | 64 | null): Val {
  const z = en.z;
  if (typedBits === 32 && Math.fround(value) !== value) return en.havocAt(f.file, e, 'a REAL# literal not exact in float32: free', { t: 'fp', bits: 32 });
  return fpVal(z.Float.val(value, fpSort(z, 64)), 64);
}
