/**
 * The SMT model of SF_SafetyRequest: the transitions of sim-model.ts over the abstract algebra, written
 * independently of it (the differential test in tests/unit/formal compares both). S_SafetyActive is the enabling
 * output (safe state confirmed, 16#8000); S_SafetyRequest is TRUE in operation mode (8802 / 8804). The
 * acknowledge timer is the state's own timer `_T0` on the clock, compared with MonitoringTime like a TON.
 * No S_StartReset in the declared interface: Init always waits for a rising Reset.
 */
import { SMT_BOOL, SMT_CLOCK, SMT_PRIVATE, SMT_TIME, SMT_WORD, byState, type SmtCall, type SmtModel, type Transition } from '../core/smt-machine.js';

export const SMT_MODEL: SmtModel = {
  pins: {
    ACTIVATE: SMT_BOOL, S_OPMODE: SMT_BOOL, S_ACKNOWLEDGE: SMT_BOOL, MONITORINGTIME: SMT_TIME, RESET: SMT_BOOL, READY: SMT_BOOL,
    S_SAFETYACTIVE: SMT_BOOL, S_SAFETYREQUEST: SMT_BOOL, ERROR: SMT_BOOL, DIAGCODE: SMT_WORD, ...SMT_PRIVATE, _T0: SMT_CLOCK,
  },
  output: 'S_SAFETYACTIVE',
  also: { S_SAFETYREQUEST: [0x8802, 0x8804] },
  init: 0x8401,
  next<B, V>(c: SmtCall<B, V>): Transition<B, V> {
    const { a, code } = c;
    const op = c.b('S_OPMODE');
    const ack = c.b('S_ACKNOWLEDGE');
    const late = a.sge(c.elapsed, a.signExt(c.bv('MONITORINGTIME'), a.clockBits - 32));
    const no = a.bool(false);
    const go = (to: V, consumed: B = no): Transition<B, V> => ({ to, consumed });
    // Operation mode requested: 8804 while the actuator still acknowledges the safe state, else 8802.
    const operate = a.ite(ack, code(0x8804), code(0x8802));
    const safeSide = (whenAck: V, otherwise: V): V => a.ite(op, operate, a.ite(ack, whenAck, otherwise));
    /** An error left by a rising Reset into 8004; a Reset held without an edge is the static-Reset error. */
    const errorReset = (self: number, stuck: number): Transition<B, V> => go(a.ite(c.rise, code(0x8004), a.ite(c.resetHeld, code(stuck), code(self))), c.rise);
    const heldReset = (self: number, back: number): Transition<B, V> => go(a.ite(c.b('RESET'), code(self), code(back)));
    return byState(
      c,
      [
        [0x8401, go(a.ite(c.rise, a.ite(op, operate, code(0x8002)), a.ite(c.resetHeld, code(0xc001), code(0x8401))), c.rise)],
        [0x8802, go(a.ite(op, operate, code(0x8002)))],
        [0x8804, go(a.ite(op, operate, code(0x8002)))],
        [0x8002, go(safeSide(code(0x8000), a.ite(late, code(0xc020), code(0x8002))))],
        [0x8000, go(safeSide(code(0x8000), code(0xc010)))],
        [0x8004, go(safeSide(code(0x8000), code(0x8004)))],
        [0xc001, heldReset(0xc001, 0x8401)],
        [0xc010, errorReset(0xc010, 0xc014)],
        [0xc020, errorReset(0xc020, 0xc011)],
        [0xc014, heldReset(0xc014, 0xc010)],
      ],
      heldReset(0xc011, 0xc020),
    );
  },
};
