/**
 * The SMT model of the two-hand control machine shared by SF_TwoHandControlTypeII and SF_TwoHandControlTypeIII,
 * over the abstract algebra; the states and DiagCodes are the ones documented in two-hand-control.ts, written
 * independently of it (the differential test in tests/unit/formal compares both). The blocks have no Reset: an
 * error and every "locked" state are left only when both buttons are released. Type III's synchronisation
 * window is the state's own timer `_T0` on the clock, compared with the fixed window like a TON (ET >= PT).
 */
import type { SmtPin } from './smt-algebra.js';
import { SMT_BOOL, SMT_CLOCK, SMT_PRIVATE_NO_RESET, SMT_WORD, byState, type SmtCall, type SmtModel, type Transition } from './smt-machine.js';

/** Type III: the window in ms and the error codes of a late second button (button 1 first, button 2 first). */
export interface SmtTwoHandSync {
  ms: number;
  late1: number;
  late2: number;
}

/** `sync` null = type II (no timer). */
export function smtTwoHandControl(sync: SmtTwoHandSync | null): SmtModel {
  const pins: Record<string, SmtPin> = {
    ACTIVATE: SMT_BOOL, S_BUTTON1: SMT_BOOL, S_BUTTON2: SMT_BOOL, READY: SMT_BOOL, S_TWOHANDOUT: SMT_BOOL, ERROR: SMT_BOOL,
    DIAGCODE: SMT_WORD, ...SMT_PRIVATE_NO_RESET, ...(sync ? { _T0: SMT_CLOCK } : {}),
  };
  return {
    pins,
    output: 'S_TWOHANDOUT',
    init: 0x8001,
    next<B, V>(c: SmtCall<B, V>): Transition<B, V> {
      const { a, code } = c;
      const b1 = c.b('S_BUTTON1');
      const b2 = c.b('S_BUTTON2');
      const both = a.and(b1, b2);
      const only1 = a.and(b1, a.not(b2));
      const only2 = a.and(a.not(b1), b2);
      const none = a.and(a.not(b1), a.not(b2));
      /** The code for each of the four button combinations. */
      const byButtons = (whenBoth: V, when1: V, when2: V, whenNone: V): V => a.ite(both, whenBoth, a.ite(only1, when1, a.ite(only2, when2, whenNone)));
      const k = (n: number): V => code(n);
      const go = (to: V): Transition<B, V> => ({ to, consumed: a.bool(false) });
      // Once the output was (or could have been) on, a re-grip is locked out until both buttons are released.
      const locked = byButtons(k(0x880c), k(0x8808), k(0x880a), k(0x8802));
      const late = sync ? a.sge(c.elapsed, a.bv(sync.ms, a.clockBits)) : a.bool(false);
      const waitFor = (self: number, lateCode: number): V => (sync ? a.ite(late, k(lateCode), k(self)) : k(self));
      return byState(
        c,
        [
          [0x8001, go(byButtons(k(0xc003), k(0xc001), k(0xc002), k(0x8802)))],
          [0x8802, go(byButtons(k(0x8000), k(0x8804), k(0x8806), k(0x8802)))],
          [0x8804, go(byButtons(k(0x8000), waitFor(0x8804, sync?.late1 ?? 0), k(0x8806), k(0x8802)))],
          [0x8806, go(byButtons(k(0x8000), k(0x8804), waitFor(0x8806, sync?.late2 ?? 0), k(0x8802)))],
          [0x8000, go(a.ite(both, k(0x8000), locked))],
          [0x8808, go(locked)],
          [0x880a, go(locked)],
          [0x880c, go(locked)],
        ],
        // C001..C005: left only when both buttons are released.
        go(a.ite(none, k(0x8802), c.state)),
      );
    },
  };
}
