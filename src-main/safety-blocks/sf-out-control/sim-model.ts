/**
 * SF_OutControl (PLCopen TC5 Safety Part 1 v2.01): combines a safety signal (S_SafeControl) with a process
 * signal (ProcessControl) into one safety output. DiagCodes per the v2.01 table:
 *   8401 Init, start-up inhibit; 8802 safety function triggered (S_SafeControl FALSE); 8404 restart inhibit
 *   after a demand, Reset required (S_AutoReset skips it); 8006 output disabled, waiting for ProcessControl;
 *   8000 output enabled; C001 / C011 static Reset in 8401 / 8404; C010 ProcessControl statically TRUE in 8006
 *   while StaticControl is FALSE (a rising ProcessControl is required); C020 / C030 rising Reset and rising
 *   ProcessControl in the same call in 8401 / 8404.
 * Init leaves for 8006 on S_StartReset or a rising Reset, when S_SafeControl is TRUE (else 8802).
 * C010/C020/C030 are left by a rising Reset once ProcessControl is FALSE, into 8006 (the Reset then also serves
 * as the restart acknowledgement; ProcessControl must rise again to enable). C001/C011 are left when Reset is
 * released (the held Reset is the cause).
 */
import { ACTIVATE, DIAG, ERROR, READY, RESET, bool, defineSafetyFb, safeBool } from '../core/state-machine.js';

export const SF_OutControl = defineSafetyFb({
  name: 'SF_OutControl',
  inputs: [
    ACTIVATE, safeBool('S_SafeControl'), bool('ProcessControl'), bool('StaticControl'), safeBool('S_StartReset'),
    safeBool('S_AutoReset'), RESET,
  ],
  outputs: [READY, safeBool('S_OutControl'), ERROR, DIAG],
  codes: [0x8401, 0x8802, 0x8404, 0x8006, 0x8000, 0xc001, 0xc011, 0xc010, 0xc020, 0xc030],
  init: 0x8401,
  edges: ['ProcessControl'],
  next(c) {
    const safe = c.b('S_SafeControl');
    const pc = c.b('ProcessControl');
    switch (c.state) {
      case 0x8401:
        if (c.rise('Reset') && c.rise('ProcessControl')) return 0xc020;
        if (c.b('S_StartReset') || c.resetEdge()) return safe ? 0x8006 : 0x8802;
        return c.resetStatic() ? 0xc001 : 0x8401;
      case 0x8802:
        if (!safe) return 0x8802;
        return c.b('S_AutoReset') ? 0x8006 : 0x8404;
      case 0x8404:
        if (!safe) return 0x8802;
        if (c.rise('Reset') && c.rise('ProcessControl')) return 0xc030;
        if (c.resetEdge()) return 0x8006;
        return c.resetStatic() ? 0xc011 : 0x8404;
      case 0x8006:
        if (!safe) return 0x8802;
        if (!pc) return 0x8006;
        if (c.b('StaticControl') || c.rise('ProcessControl')) return 0x8000;
        return 0xc010;
      case 0x8000:
        if (!safe) return 0x8802;
        return pc ? 0x8000 : 0x8006;
      case 0xc001:
        return c.b('Reset') ? 0xc001 : 0x8401;
      case 0xc011:
        return c.b('Reset') ? 0xc011 : 0x8404;
      default: // C010, C020, C030
        return !pc && c.resetEdge() ? 0x8006 : c.state;
    }
  },
  out: (_c, s) => ({ S_OUTCONTROL: s === 0x8000 }),
});
