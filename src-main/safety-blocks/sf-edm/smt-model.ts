/**
 * The SMT model of SF_EDM: the transitions of sim-model.ts over the abstract algebra, written independently of it
 * (the differential test in tests/unit/formal compares both). S_OutControl's rising edge is tracked like Reset's
 * (`_PREV_S_OUTCONTROL`); the feedback monitoring timer is the state's own timer `_T0` on the clock, compared with
 * MonitoringTime like a TON (ET >= PT).
 */
import { SMT_BOOL, SMT_CLOCK, SMT_PRIVATE, SMT_TIME, SMT_WORD, byState, type SmtCall, type SmtModel, type Transition } from '../core/smt-machine.js';

export const SMT_MODEL: SmtModel = {
  pins: {
    ACTIVATE: SMT_BOOL, S_OUTCONTROL: SMT_BOOL, S_EDM1: SMT_BOOL, S_EDM2: SMT_BOOL, MONITORINGTIME: SMT_TIME, S_STARTRESET: SMT_BOOL,
    RESET: SMT_BOOL, READY: SMT_BOOL, S_EDM_OUT: SMT_BOOL, ERROR: SMT_BOOL, DIAGCODE: SMT_WORD, ...SMT_PRIVATE, _PREV_S_OUTCONTROL: SMT_BOOL,
    _T0: SMT_CLOCK,
  },
  output: 'S_EDM_OUT',
  init: 0x8401,
  edges: ['S_OUTCONTROL'],
  next<B, V>(c: SmtCall<B, V>): Transition<B, V> {
    const { a, code } = c;
    const ctl = c.b('S_OUTCONTROL');
    const e1 = c.b('S_EDM1');
    const e2 = c.b('S_EDM2');
    const late = a.sge(c.elapsed, a.signExt(c.bv('MONITORINGTIME'), a.clockBits - 32));
    const no = a.bool(false);
    const go = (to: V, consumed: B = no): Transition<B, V> => ({ to, consumed });
    /** The fault code of a family (base = contact 1 only, +0x10 contact 2 only, +0x20 both) for the bad contacts. */
    const fault = (base: number, bad1: B, bad2: B): V => a.ite(a.and(bad1, bad2), code(base + 0x20), a.ite(bad1, code(base), code(base + 0x10)));
    const start = c.b('S_STARTRESET');
    const both = a.and(c.rise, c.riseOf('S_OUTCONTROL'));
    const n1 = a.not(e1);
    const n2 = a.not(e2);
    return byState(
      c,
      [
        [
          0x8401,
          go(
            a.ite(start, code(0x8810), a.ite(both, code(0xc100), a.ite(c.rise, code(0x8810), a.ite(c.resetHeld, code(0xc001), code(0x8401))))),
            a.and(a.not(start), a.not(both), c.rise),
          ),
        ],
        // Disabled: the contacts must be closed (de-energised) before enabling, and drop out within MonitoringTime.
        [0x8810, go(a.ite(ctl, a.ite(a.and(e1, e2), code(0x8000), fault(0xc010, n1, n2)), a.ite(a.and(a.or(n1, n2), late), fault(0xc040, n1, n2), code(0x8810))))],
        // Enabled: the contacts must open (pull in) within MonitoringTime.
        [0x8000, go(a.ite(a.not(ctl), code(0x8810), a.ite(a.and(a.or(e1, e2), late), fault(0xc070, e1, e2), code(0x8000))))],
        [0xc001, go(a.ite(c.b('RESET'), code(0xc001), code(0x8401)))],
      ],
      // C100 and the feedback errors: a rising Reset once S_OutControl is FALSE.
      go(a.ite(a.and(a.not(ctl), c.rise), code(0x8810), c.state), a.and(a.not(ctl), c.rise)),
    );
  },
};
