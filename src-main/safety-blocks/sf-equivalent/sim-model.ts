/**
 * SF_Equivalent (PLCopen TC5 Safety Part 1 v2.01): two equivalent channels (both TRUE = no demand) with
 * discrepancy-time monitoring. DiagCodes per the v2.01 table: 8801 Init, 8802 wait for B, 8804 wait for A,
 * 8806 one channel dropped (wait for the other), 8000 enabled, C010/C020/C030 discrepancy time elapsed in
 * 8802/8804/8806. The block has no Reset input: the spec leaves its errors (and 8806) only when both channels are
 * FALSE again, which is the "cause gone" condition; a channel returning to TRUE in 8806 never re-enables the
 * output before both were FALSE (conservative reading of the 8806 transition).
 */
import { ACTIVATE, DIAG, ERROR, READY, defineSafetyFb, safeBool, time } from '../core/state-machine.js';

export const SF_Equivalent = defineSafetyFb({
  name: 'SF_Equivalent',
  inputs: [ACTIVATE, safeBool('S_ChannelA'), safeBool('S_ChannelB'), time('DiscrepancyTime')],
  outputs: [READY, safeBool('S_EquivalentOut'), ERROR, DIAG],
  codes: [0x8801, 0x8000, 0x8802, 0x8804, 0x8806, 0xc010, 0xc020, 0xc030],
  init: 0x8801,
  next(c) {
    const a = c.b('S_ChannelA');
    const b = c.b('S_ChannelB');
    const disc = c.n('DiscrepancyTime');
    switch (c.state) {
      case 0x8801:
        if (a && b) return 0x8000;
        if (a) return 0x8802;
        return b ? 0x8804 : 0x8801;
      case 0x8802:
        if (!a) return 0x8801;
        if (b) return 0x8000;
        return c.timedOut(disc) ? 0xc010 : 0x8802;
      case 0x8804:
        if (!b) return 0x8801;
        if (a) return 0x8000;
        return c.timedOut(disc) ? 0xc020 : 0x8804;
      case 0x8000:
        if (a && b) return 0x8000;
        return !a && !b ? 0x8801 : 0x8806;
      case 0x8806:
        if (!a && !b) return 0x8801;
        return c.timedOut(disc) ? 0xc030 : 0x8806;
      default: // C010, C020, C030
        return !a && !b ? 0x8801 : c.state;
    }
  },
  out: (_c, s) => ({ S_EQUIVALENTOUT: s === 0x8000 }),
});
