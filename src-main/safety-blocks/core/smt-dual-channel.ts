/**
 * The SMT model of the two-channel discrepancy machine shared by SF_Equivalent and SF_Antivalent, over the
 * abstract algebra, written independently of their sim models (the differential test in tests/unit/formal compares
 * both). A channel is "active" when it signals no demand (SF_Antivalent: NC TRUE, NO FALSE). DiagCodes (v2.01):
 * 8801 Init / both inactive, 8802 first channel active - wait for the second, 8804 the reverse, 8000 enabled,
 * 8806 one channel dropped, C010 / C020 / C030 discrepancy time elapsed in 8802 / 8804 / 8806. No Reset input:
 * 8806 and the errors are left only when both channels are inactive again. The discrepancy timer is the state's
 * own timer `_T0` on the clock, compared with DiscrepancyTime like a TON (ET >= PT).
 */
import { SMT_BOOL, SMT_CLOCK, SMT_PRIVATE_NO_RESET, SMT_TIME, SMT_WORD, byState, type SmtCall, type SmtModel, type Transition } from './smt-machine.js';

/** A channel pin (upper-case) and whether TRUE on it means active. */
export interface SmtChannel {
  pin: string;
  activeWhen: boolean;
}

export function smtDualChannel(first: SmtChannel, second: SmtChannel, output: string): SmtModel {
  return {
    pins: {
      ACTIVATE: SMT_BOOL, [first.pin]: SMT_BOOL, [second.pin]: SMT_BOOL, DISCREPANCYTIME: SMT_TIME, READY: SMT_BOOL,
      [output]: SMT_BOOL, ERROR: SMT_BOOL, DIAGCODE: SMT_WORD, ...SMT_PRIVATE_NO_RESET, _T0: SMT_CLOCK,
    },
    output,
    init: 0x8801,
    next<B, V>(c: SmtCall<B, V>): Transition<B, V> {
      const { a, code } = c;
      const active = (ch: SmtChannel): B => (ch.activeWhen ? c.b(ch.pin) : a.not(c.b(ch.pin)));
      const x = active(first);
      const y = active(second);
      const both = a.and(x, y);
      const neither = a.and(a.not(x), a.not(y));
      const late = a.sge(c.elapsed, a.signExt(c.bv('DISCREPANCYTIME'), a.clockBits - 32));
      const go = (to: V): Transition<B, V> => ({ to, consumed: a.bool(false) });
      const hold = (self: number, err: number): V => a.ite(late, code(err), code(self));
      return byState(
        c,
        [
          [0x8801, go(a.ite(both, code(0x8000), a.ite(x, code(0x8802), a.ite(y, code(0x8804), code(0x8801)))))],
          [0x8802, go(a.ite(a.not(x), code(0x8801), a.ite(y, code(0x8000), hold(0x8802, 0xc010))))],
          [0x8804, go(a.ite(a.not(y), code(0x8801), a.ite(x, code(0x8000), hold(0x8804, 0xc020))))],
          [0x8000, go(a.ite(both, code(0x8000), a.ite(neither, code(0x8801), code(0x8806))))],
          [0x8806, go(a.ite(neither, code(0x8801), hold(0x8806, 0xc030)))],
        ],
        // C010, C020, C030
        go(a.ite(neither, code(0x8801), c.state)),
      );
    },
  };
}
