import { key } from '../plc/st/ast.js';
import { isSafetyFbType, sfOutputImplications } from '../safety-blocks/index.js';
import { and, not, type BoolExpr } from './bool-expr.js';

/**
 * What the standard and PLCopen safety FBs guarantee about an output right after a call, as sound
 * implications only (output TRUE ⇒ condition on the inputs of that call). The standard FBs are listed here;
 * each PLCopen block states its own in safety-blocks/<block>/pins.ts. Anything not listed guarantees nothing:
 * SR, TOF and TP outputs, counters and user FBs are free variables to the analysis.
 */

type ArgOf = (param: string) => BoolExpr | null;

export const TIMER_TYPES = new Set(['TON', 'TOF', 'TP', 'TON_TIME', 'TOF_TIME', 'TP_TIME', 'TON_LTIME', 'TOF_LTIME', 'TP_LTIME', 'IEC_TIMER', 'IEC_LTIMER']);

/** Implications per BOOL output (upper-case output name → condition), for a call with the given inputs. */
export function fbImplications(typeName: string, arg: ArgOf): Map<string, BoolExpr> {
  const t = key(typeName);
  const out = new Map<string, BoolExpr>();
  const a = (...ps: string[]): BoolExpr[] => ps.map((p) => arg(p)).filter((x): x is BoolExpr => x !== null);
  const first = (...ps: string[]): BoolExpr | null => ps.map((p) => arg(p)).find((x) => x !== null) ?? null;
  if (t === 'TON' || t === 'TON_TIME' || t === 'TON_LTIME') {
    const i = arg('IN');
    if (i) out.set('Q', i);
  } else if (t === 'R_TRIG') {
    const c = arg('CLK');
    if (c) out.set('Q', c);
  } else if (t === 'F_TRIG') {
    const c = arg('CLK');
    if (c) out.set('Q', not(c));
  } else if (t === 'RS') {
    const r = first('R1', 'RESET1');
    if (r) out.set('Q1', not(r));
  } else if (isSafetyFbType(t)) {
    const act = a('Activate');
    for (const { output, requires } of sfOutputImplications(t)) {
      const lits = requires.flatMap(({ pin, value }) => {
        const x = arg(pin);
        return x ? [value ? x : not(x)] : [];
      });
      out.set(key(output), and(...act, ...lits));
    }
    // Every PLCopen safety FB holds all its outputs FALSE while not activated.
    if (act.length) out.set('READY', and(...act));
  }
  return out;
}
