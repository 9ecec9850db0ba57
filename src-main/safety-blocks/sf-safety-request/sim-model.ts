/**
 * SF_SafetyRequest (PLCopen TC5 Safety Part 1 v2.01): interface to a generic actuator (safe drive, valve) that
 * has its own safe state. S_OpMode FALSE requests the safe state, S_Acknowledge TRUE is the actuator's
 * confirmation. Outputs: S_SafetyRequest TRUE = operation (non-safe) mode requested, S_SafetyActive TRUE = safe
 * state confirmed. DiagCodes per the v2.01 table:
 *   8401 Init (needs a rising Reset); 8802 operation mode; 8804 operation mode but the actuator still
 *   acknowledges the safe state; 8002 safe state requested, waiting for the acknowledge (MonitoringTime);
 *   8000 safe state confirmed; 8004 error reset, waiting for S_OpMode or S_Acknowledge;
 *   C001 static Reset in Init; C010 acknowledge lost in 8000; C020 MonitoringTime elapsed in 8002;
 *   C014 / C011 static Reset in C010 / C020 (left when Reset is released).
 * The declared interface has no S_StartReset (v2.01 added it); it is taken as FALSE, the safe default, so Init
 * always waits for a rising Reset. In every state S_SafetyRequest is TRUE only in 8802/8804 (the actuator is only
 * released from its safe state in operation mode) and S_SafetyActive only in 8000.
 */
import { ACTIVATE, DIAG, ERROR, READY, RESET, defineSafetyFb, safeBool, time } from '../core/state-machine.js';

export const SF_SafetyRequest = defineSafetyFb({
  name: 'SF_SafetyRequest',
  inputs: [ACTIVATE, safeBool('S_OpMode'), safeBool('S_Acknowledge'), time('MonitoringTime'), RESET],
  outputs: [READY, safeBool('S_SafetyActive'), safeBool('S_SafetyRequest'), ERROR, DIAG],
  codes: [0x8401, 0x8802, 0x8804, 0x8002, 0x8000, 0x8004, 0xc001, 0xc010, 0xc020, 0xc014, 0xc011],
  init: 0x8401,
  next(c) {
    const op = c.b('S_OpMode');
    const ack = c.b('S_Acknowledge');
    const opState = ack ? 0x8804 : 0x8802;
    switch (c.state) {
      case 0x8401:
        if (c.resetEdge()) return op ? opState : 0x8002;
        return c.resetStatic() ? 0xc001 : 0x8401;
      case 0x8802:
      case 0x8804:
        return op ? opState : 0x8002;
      case 0x8002:
        if (op) return opState;
        if (ack) return 0x8000;
        return c.timedOut(c.n('MonitoringTime')) ? 0xc020 : 0x8002;
      case 0x8000:
        if (op) return opState;
        return ack ? 0x8000 : 0xc010;
      case 0x8004: // after an error reset the actuator must be back in a defined state first
        if (op) return opState;
        return ack ? 0x8000 : 0x8004;
      case 0xc001:
        return c.b('Reset') ? 0xc001 : 0x8401;
      case 0xc010:
        if (c.resetEdge()) return 0x8004;
        return c.resetStatic() ? 0xc014 : 0xc010;
      case 0xc020:
        if (c.resetEdge()) return 0x8004;
        return c.resetStatic() ? 0xc011 : 0xc020;
      case 0xc014:
        return c.b('Reset') ? 0xc014 : 0xc010;
      default: // C011
        return c.b('Reset') ? 0xc011 : 0xc020;
    }
  },
  out: (_c, s) => ({ S_SAFETYACTIVE: s === 0x8000, S_SAFETYREQUEST: s === 0x8802 || s === 0x8804 }),
});
