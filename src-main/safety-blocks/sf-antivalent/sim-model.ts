/**
 * SF_Antivalent (PLCopen TC5 Safety Part 1 v2.01): a normally-closed and a normally-open channel; "active"
 * (no demand) is NC TRUE and NO FALSE, "inactive" is NC FALSE and NO TRUE. DiagCodes per the v2.01 table:
 * 8801 Init, 8802 NC active - wait for NO, 8804 NO active - wait for NC, 8806 one channel inactive - wait for
 * the other, 8000 enabled, C010/C020/C030 discrepancy time elapsed in 8802/8804/8806. No Reset input: errors are
 * left when both channels are inactive again (spec), as for SF_Equivalent.
 */
import { ACTIVATE, DIAG, ERROR, READY, defineSafetyFb, safeBool, time } from '../core/state-machine.js';

export const SF_Antivalent = defineSafetyFb({
  name: 'SF_Antivalent',
  inputs: [ACTIVATE, safeBool('S_ChannelNC'), safeBool('S_ChannelNO'), time('DiscrepancyTime')],
  outputs: [READY, safeBool('S_AntivalentOut'), ERROR, DIAG],
  codes: [0x8801, 0x8000, 0x8802, 0x8804, 0x8806, 0xc010, 0xc020, 0xc030],
  init: 0x8801,
  next(c) {
    const ncActive = c.b('S_ChannelNC');
    const noActive = !c.b('S_ChannelNO');
    const disc = c.n('DiscrepancyTime');
    switch (c.state) {
      case 0x8801:
        if (ncActive && noActive) return 0x8000;
        if (ncActive) return 0x8802;
        return noActive ? 0x8804 : 0x8801;
      case 0x8802:
        if (!ncActive) return 0x8801;
        if (noActive) return 0x8000;
        return c.timedOut(disc) ? 0xc010 : 0x8802;
      case 0x8804:
        if (!noActive) return 0x8801;
        if (ncActive) return 0x8000;
        return c.timedOut(disc) ? 0xc020 : 0x8804;
      case 0x8000:
        if (ncActive && noActive) return 0x8000;
        return !ncActive && !noActive ? 0x8801 : 0x8806;
      case 0x8806:
        if (!ncActive && !noActive) return 0x8801;
        return c.timedOut(disc) ? 0xc030 : 0x8806;
      default: // C010, C020, C030
        return !ncActive && !noActive ? 0x8801 : c.state;
    }
  },
  out: (_c, s) => ({ S_ANTIVALENTOUT: s === 0x8000 }),
});
