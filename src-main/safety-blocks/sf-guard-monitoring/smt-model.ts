/**
 * The SMT model of SF_GuardMonitoring: the transitions of sim-model.ts over the abstract algebra, written
 * independently of it (the differential test in tests/unit/formal compares both). The discrepancy timer is the
 * state's own timer `_T0` on the clock, compared with DiscrepancyTime like a TON (ET >= PT).
 */
import { SMT_BOOL, SMT_CLOCK, SMT_PRIVATE, SMT_TIME, SMT_WORD, byState, type SmtCall, type SmtModel, type Transition } from '../core/smt-machine.js';

export const SMT_MODEL: SmtModel = {
  pins: {
    ACTIVATE: SMT_BOOL, S_GUARDSWITCH1: SMT_BOOL, S_GUARDSWITCH2: SMT_BOOL, DISCREPANCYTIME: SMT_TIME,
    S_STARTRESET: SMT_BOOL, S_AUTORESET: SMT_BOOL, RESET: SMT_BOOL, READY: SMT_BOOL, S_GUARDMONITORING: SMT_BOOL, ERROR: SMT_BOOL,
    DIAGCODE: SMT_WORD, ...SMT_PRIVATE, _T0: SMT_CLOCK,
  },
  output: 'S_GUARDMONITORING',
  init: 0x8001,
  next<B, V>(c: SmtCall<B, V>): Transition<B, V> {
    const { a, code } = c;
    const s1 = c.b('S_GUARDSWITCH1');
    const s2 = c.b('S_GUARDSWITCH2');
    const open = a.and(a.not(s1), a.not(s2));
    const closed = a.and(s1, s2);
    const disc = a.signExt(c.bv('DISCREPANCYTIME'), a.clockBits - 32);
    const timedOut = a.sge(c.elapsed, disc);
    const no = a.bool(false);
    const go = (to: V, consumed: B = no): Transition<B, V> => ({ to, consumed });
    const leave = a.ite(open, code(0x8804), code(0x8802));
    const waiting = (self: number, other: number, mine: B, theirs: B, err: number): V =>
      a.ite(a.not(mine), a.ite(theirs, code(other), code(0x8804)), a.ite(theirs, code(0x8002), a.ite(timedOut, code(err), code(self))));
    return byState(
      c,
      [
        [0x8001, go(a.ite(a.and(closed, c.b('S_STARTRESET')), code(0x8000), code(0x8802)))],
        [0x8802, go(a.ite(open, code(0x8804), code(0x8802)))],
        [0x8804, go(a.ite(closed, code(0x8002), a.ite(s1, code(0x8806), a.ite(s2, code(0x8808), code(0x8804)))))],
        [0x8806, go(waiting(0x8806, 0x8808, s1, s2, 0xc010))],
        [0x8808, go(waiting(0x8808, 0x8806, s2, s1, 0xc020))],
        [0x8002, go(a.ite(a.not(closed), leave, a.ite(c.b('S_AUTORESET'), code(0x8000), code(0x8402))))],
        [
          0x8402,
          go(a.ite(a.not(closed), leave, a.ite(c.rise, code(0x8000), a.ite(a.and(c.resetHeld, a.not(c.rise)), code(0xc001), code(0x8402)))), a.and(closed, c.rise)),
        ],
        [0x8000, go(a.ite(closed, code(0x8000), leave))],
        [0xc001, go(a.ite(c.b('RESET'), code(0xc001), code(0x8402)))],
      ],
      // C010 / C020: left by a rising Reset once the guard is completely open again.
      { to: a.ite(a.and(open, c.rise), code(0x8804), c.state), consumed: a.and(open, c.rise) },
    );
  },
};
