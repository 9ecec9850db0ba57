/**
 * SF_SafelyLimitSpeed (PLCopen TC5 Safety Part 1 v1.0 interface as declared by the checker; not part of the
 * v2.01 block set, whose text we could not consult). Interface to a drive's safely-limited-speed function for
 * axis AxisID: S_OpMode FALSE requests the speed limit (MonitoredSpeed), TRUE is unrestricted operation;
 * S_Enabled is the drive's confirmation that limited-speed monitoring is active and the speed is within it.
 * S_SafetyActive TRUE means "limited speed requested and confirmed", the state the rest of the safety program
 * may rely on (e.g. SF_EnableSwitch's S_SafetyActive). Modelled on SF_SafetyRequest, conservatively:
 *   8001 Init; 8002 operation mode (no limit requested); 8003 limit requested, waiting for S_Enabled;
 *   8000 limit active and confirmed; C001 S_Enabled lost while the limit was active (speed violation or
 *   monitoring lost); C002 invalid parameters (AxisID < 0 or MonitoredSpeed <= 0), checked in every state.
 * Errors are left by a rising Reset once the cause is gone (S_Enabled TRUE again or S_OpMode TRUE; valid
 * parameters), back to Init. There is no MonitoringTime input, so 8003 waits without a timeout; its output is
 * FALSE, which is the safe side.
 */
import { ACTIVATE, DIAG, ERROR, READY, RESET, defineSafetyFb, int, safeBool } from '../core/state-machine.js';

export const SF_SafelyLimitSpeed = defineSafetyFb({
  name: 'SF_SafelyLimitSpeed',
  inputs: [ACTIVATE, safeBool('S_OpMode'), safeBool('S_Enabled'), int('AxisID'), int('MonitoredSpeed'), RESET],
  outputs: [READY, safeBool('S_SafetyActive'), ERROR, DIAG],
  codes: [0x8001, 0x8002, 0x8003, 0x8000, 0xc001, 0xc002],
  init: 0x8001,
  next(c) {
    const op = c.b('S_OpMode');
    const en = c.b('S_Enabled');
    const paramsOk = c.n('AxisID') >= 0 && c.n('MonitoredSpeed') > 0;
    const st = c.state;
    if (!paramsOk) return 0xc002;
    switch (st) {
      case 0x8001:
      case 0x8002:
      case 0x8003:
        if (op) return 0x8002;
        return en ? 0x8000 : 0x8003;
      case 0x8000:
        if (op) return 0x8002;
        return en ? 0x8000 : 0xc001;
      default: // C001, C002 (parameters are valid here, see above)
        return (st === 0xc002 || en || op) && c.resetEdge() ? 0x8001 : st;
    }
  },
  out: (_c, s) => ({ S_SAFETYACTIVE: s === 0x8000 }),
});
