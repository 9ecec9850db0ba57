/**
 * The SMT model of the restart-interlock machine shared by SF_EmergencyStop and SF_ESPE; the transitions are the
 * ones documented in restart-interlock.ts, written over the abstract algebra.
 */
import type { SmtPin } from './smt-algebra.js';
import { SMT_BOOL, SMT_PRIVATE, SMT_WORD, byState, type SmtCall, type SmtModel, type Transition } from './smt-machine.js';

const restartPins = (input: string, output: string): Record<string, SmtPin> => ({
  ACTIVATE: SMT_BOOL, [input]: SMT_BOOL, S_STARTRESET: SMT_BOOL, S_AUTORESET: SMT_BOOL, RESET: SMT_BOOL,
  READY: SMT_BOOL, [output]: SMT_BOOL, ERROR: SMT_BOOL, DIAGCODE: SMT_WORD, ...SMT_PRIVATE,
});

/** `input` and `output` upper-case, as instances key them. */
export function smtRestartInterlock(input: string, output: string): SmtModel {
  return {
    pins: restartPins(input, output),
    output,
    init: 0x8001,
    next<B, V>(c: SmtCall<B, V>): Transition<B, V> {
      const { a } = c;
      const inOk = c.b(input);
      const no = a.bool(false);
      const go = (to: V, consumed: B = no): Transition<B, V> => ({ to, consumed });
      const pick = (cond: B, x: number, y: number): V => a.ite(cond, c.code(x), c.code(y));
      const autoOrEdge = a.or(c.b('S_AUTORESET'), c.rise);
      return byState(
        c,
        [
          [0x8001, go(pick(a.and(c.b('S_STARTRESET'), inOk), 0x8000, 0x8802))],
          [0x8802, go(a.ite(c.resetHeld, c.code(0xc001), pick(inOk, 0x8402, 0x8802)))],
          [0x8402, go(a.ite(a.not(inOk), c.code(0x8802), pick(c.rise, 0x8000, 0x8402)), a.and(inOk, c.rise))],
          [0x8000, go(pick(inOk, 0x8000, 0x8804))],
          [0x8804, go(a.ite(c.resetHeld, c.code(0xc011), pick(inOk, 0x8404, 0x8804)))],
          [0x8404, go(a.ite(a.not(inOk), c.code(0x8804), pick(autoOrEdge, 0x8000, 0x8404)), a.and(inOk, a.not(c.b('S_AUTORESET')), c.rise))],
          [0xc001, go(pick(c.b('RESET'), 0xc001, 0x8802))],
          [0xc011, go(pick(c.b('RESET'), 0xc011, 0x8804))],
        ],
        go(c.code(0x8001)),
      );
    },
  };
}
