/**
 * SF_GuardMonitoring (PLCopen TC5 Safety Part 1; named SF_Guard in v2.01, same inputs): a guard with two
 * switches (TRUE = closed). DiagCodes per the v2.01 SF_Guard table:
 *   8001 Init; 8802 complete opening required; 8804 guard completely open; 8806 switch 1 closed, waiting for
 *   switch 2 (discrepancy timer); 8808 switch 2 closed, waiting for switch 1; 8002 guard closed; 8402 wait for
 *   rising Reset; 8000 output enabled; C001 static Reset in 8402; C010 / C020 discrepancy time elapsed in
 *   8806 / 8808.
 * After activation (and after any opening) the guard must be opened completely and closed again with both
 * switches inside DiscrepancyTime (spec: "complete switching sequence required"), unless S_StartReset is TRUE
 * and the guard is closed at start-up. S_AutoReset re-enables from 8002 without Reset.
 * Ambiguity: the v2.01 table does not say how C010/C020 are left; conservative choice: a rising Reset once the
 * guard is completely open again (cause gone), then the full closing sequence is monitored anew.
 */
import { ACTIVATE, DIAG, ERROR, READY, RESET, defineSafetyFb, safeBool, time } from '../core/state-machine.js';

export const SF_GuardMonitoring = defineSafetyFb({
  name: 'SF_GuardMonitoring',
  inputs: [
    ACTIVATE, safeBool('S_GuardSwitch1'), safeBool('S_GuardSwitch2'), time('DiscrepancyTime'),
    safeBool('S_StartReset'), safeBool('S_AutoReset'), RESET,
  ],
  outputs: [READY, safeBool('S_GuardMonitoring'), ERROR, DIAG],
  codes: [0x8001, 0x8000, 0x8802, 0x8804, 0x8806, 0x8808, 0x8002, 0x8402, 0xc001, 0xc010, 0xc020],
  init: 0x8001,
  next(c) {
    const s1 = c.b('S_GuardSwitch1');
    const s2 = c.b('S_GuardSwitch2');
    const open = !s1 && !s2;
    const closed = s1 && s2;
    const disc = c.n('DiscrepancyTime');
    switch (c.state) {
      case 0x8001:
        return closed && c.b('S_StartReset') ? 0x8000 : 0x8802;
      case 0x8802:
        return open ? 0x8804 : 0x8802;
      case 0x8804:
        if (closed) return 0x8002;
        if (s1) return 0x8806;
        return s2 ? 0x8808 : 0x8804;
      case 0x8806:
        if (!s1) return s2 ? 0x8808 : 0x8804;
        if (s2) return 0x8002;
        return c.timedOut(disc) ? 0xc010 : 0x8806;
      case 0x8808:
        if (!s2) return s1 ? 0x8806 : 0x8804;
        if (s1) return 0x8002;
        return c.timedOut(disc) ? 0xc020 : 0x8808;
      case 0x8002:
        if (!closed) return open ? 0x8804 : 0x8802;
        return c.b('S_AutoReset') ? 0x8000 : 0x8402;
      case 0x8402:
        if (!closed) return open ? 0x8804 : 0x8802;
        if (c.resetEdge()) return 0x8000;
        return c.resetStatic() ? 0xc001 : 0x8402;
      case 0x8000:
        if (closed) return 0x8000;
        return open ? 0x8804 : 0x8802;
      case 0xc001: // the cause is the held Reset itself: left when it is released
        return c.b('Reset') ? 0xc001 : 0x8402;
      default: // C010, C020
        return open && c.resetEdge() ? 0x8804 : c.state;
    }
  },
  out: (_c, s) => ({ S_GUARDMONITORING: s === 0x8000 }),
});
