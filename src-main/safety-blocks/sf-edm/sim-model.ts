/**
 * SF_EDM (PLCopen TC5 Safety Part 1 v2.01): external device monitoring. S_EDM_Out follows S_OutControl while
 * the feedback contacts S_EDM1/S_EDM2 (TRUE = actuator in its initial, de-energised state) behave.
 * DiagCodes per the v2.01 table:
 *   8401 Init, start-up inhibit (rising Reset, or S_StartReset); 8810 output disabled (state timer);
 *   8000 output enabled (state timer); C001 static Reset in 8401; C100 rising Reset and rising S_OutControl in
 *   the same call in 8401 (programming error); C010 / C020 / C030 EDM1 / EDM2 / both FALSE when S_OutControl
 *   asks to enable in 8810; C040 / C050 / C060 EDM1 / EDM2 / both still FALSE after MonitoringTime in 8810
 *   (actuator did not drop out); C070 / C080 / C090 EDM1 / EDM2 / both still TRUE after MonitoringTime in 8000
 *   (actuator did not pull in). The v2.01 excerpt we could check ends at C060; C070-C090 follow its pattern.
 * Errors are left only by a rising Reset once S_OutControl is FALSE (spec: feedback is re-checked in 8810, whose
 * monitoring restarts on entry).
 */
import { ACTIVATE, DIAG, ERROR, READY, RESET, defineSafetyFb, safeBool, time } from '../core/state-machine.js';

/** 16#Cx0 code of a feedback fault: base for EDM1, +0x10 for EDM2, +0x20 for both. */
const fault = (base: number, bad1: boolean, bad2: boolean): number => (bad1 && bad2 ? base + 0x20 : bad1 ? base : base + 0x10);

export const SF_EDM = defineSafetyFb({
  name: 'SF_EDM',
  inputs: [ACTIVATE, safeBool('S_OutControl'), safeBool('S_EDM1'), safeBool('S_EDM2'), time('MonitoringTime'), safeBool('S_StartReset'), RESET],
  outputs: [READY, safeBool('S_EDM_Out'), ERROR, DIAG],
  codes: [0x8401, 0x8810, 0x8000, 0xc001, 0xc100, 0xc010, 0xc020, 0xc030, 0xc040, 0xc050, 0xc060, 0xc070, 0xc080, 0xc090],
  init: 0x8401,
  edges: ['S_OutControl'],
  next(c) {
    const ctl = c.b('S_OutControl');
    const e1 = c.b('S_EDM1');
    const e2 = c.b('S_EDM2');
    const mon = c.n('MonitoringTime');
    switch (c.state) {
      case 0x8401:
        if (c.b('S_StartReset')) return 0x8810;
        if (c.rise('Reset') && c.rise('S_OutControl')) return 0xc100;
        if (c.resetEdge()) return 0x8810;
        return c.resetStatic() ? 0xc001 : 0x8401;
      case 0x8810:
        if (ctl) return e1 && e2 ? 0x8000 : fault(0xc010, !e1, !e2);
        return (!e1 || !e2) && c.timedOut(mon) ? fault(0xc040, !e1, !e2) : 0x8810;
      case 0x8000:
        if (!ctl) return 0x8810;
        return (e1 || e2) && c.timedOut(mon) ? fault(0xc070, e1, e2) : 0x8000;
      case 0xc001:
        return c.b('Reset') ? 0xc001 : 0x8401;
      default: // C100 and the feedback errors
        return !ctl && c.resetEdge() ? 0x8810 : c.state;
    }
  },
  out: (_c, s) => ({ S_EDM_OUT: s === 0x8000 }),
});
