/**
 * SF_EnableSwitch (PLCopen TC5 Safety Part 1 v2.01): a three-position enabling switch, effective only while the
 * safe operating mode is confirmed (S_SafetyActive, e.g. safely limited speed). Contact wiring (spec §interface):
 * S_EnableSwitchCh1 TRUE only in position 2 (enable); S_EnableSwitchCh2 FALSE only in position 3 (panic).
 * Position 1 = released (Ch1 FALSE, Ch2 TRUE); any combination with Ch2 FALSE counts as position 3, so the
 * invalid Ch1 TRUE / Ch2 FALSE never enables (conservative).
 * DiagCodes per the v2.01 table: 8002 safe mode not active; 8004 safe mode just activated (the switch must be
 * in position 1); 8802 position 1; 8000 position 2, output TRUE; 8804 position 3; C010 switch not in
 * position 1 when S_SafetyActive rose; C020 back in position 1 after C010, waiting for Reset; C030 position 2
 * reached directly from position 3; C040 left position 2 after C030, waiting for Reset; C001 / C011 static
 * Reset in C020 / C040. S_AutoReset replaces the Reset in C020 / C040. The v2.01 enum has no Init state:
 * activation enters 8002. Errors stay latched when S_SafetyActive drops (conservative).
 */
import { ACTIVATE, DIAG, ERROR, READY, RESET, defineSafetyFb, safeBool, type Ctx } from '../core/state-machine.js';

function position(c: Ctx): 1 | 2 | 3 {
  const ch1 = c.b('S_EnableSwitchCh1');
  const ch2 = c.b('S_EnableSwitchCh2');
  if (!ch2) return 3;
  return ch1 ? 2 : 1;
}

export const SF_EnableSwitch = defineSafetyFb({
  name: 'SF_EnableSwitch',
  inputs: [ACTIVATE, safeBool('S_SafetyActive'), safeBool('S_EnableSwitchCh1'), safeBool('S_EnableSwitchCh2'), safeBool('S_AutoReset'), RESET],
  outputs: [READY, safeBool('S_EnableSwitchOut'), ERROR, DIAG],
  codes: [0x8002, 0x8004, 0x8802, 0x8000, 0x8804, 0xc010, 0xc020, 0xc030, 0xc040, 0xc001, 0xc011],
  init: 0x8002,
  next(c) {
    const pos = position(c);
    const safe = c.b('S_SafetyActive');
    const acknowledged = (): boolean => c.b('S_AutoReset') || c.resetEdge();
    switch (c.state) {
      case 0x8002:
        return safe ? 0x8004 : 0x8002;
      case 0x8004:
        if (!safe) return 0x8002;
        return pos === 1 ? 0x8802 : 0xc010;
      case 0x8802:
      case 0x8000:
        if (!safe) return 0x8002;
        return pos === 1 ? 0x8802 : pos === 2 ? 0x8000 : 0x8804;
      case 0x8804:
        if (!safe) return 0x8002;
        return pos === 1 ? 0x8802 : pos === 2 ? 0xc030 : 0x8804;
      case 0xc010:
        return pos === 1 ? 0xc020 : 0xc010;
      case 0xc020:
        if (pos !== 1) return 0xc010;
        if (acknowledged()) return 0x8802;
        return c.resetStatic() ? 0xc001 : 0xc020;
      case 0xc030:
        return pos === 2 ? 0xc030 : 0xc040;
      case 0xc040:
        if (pos === 2) return 0xc030;
        if (acknowledged()) return pos === 1 ? 0x8802 : 0x8804;
        return c.resetStatic() ? 0xc011 : 0xc040;
      case 0xc001:
        return c.b('Reset') ? 0xc001 : 0xc020;
      default: // C011
        return c.b('Reset') ? 0xc011 : 0xc040;
    }
  },
  out: (_c, s) => ({ S_ENABLESWITCHOUT: s === 0x8000 }),
});
