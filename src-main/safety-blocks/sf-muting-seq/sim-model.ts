/**
 * SF_MutingSeq (PLCopen TC5 Safety Part 1, v1.0 interface as declared by the checker): sequential muting of an
 * AOPD (light curtain) with four muting sensors, 11 and 12 before the curtain, 21 and 22 after it, actuated in
 * that order by a passing workpiece. The v2.01 DiagCode table was not available to us; the states use the
 * 16#8xxx/16#Cxxx scheme of the other blocks:
 *   8001 Init; 8002 AOPD free and no muting sensor actuated, waiting for Reset; 8004 AOPD interrupted without
 *   muting (safety demand); 8000 AOPD free, not muted; 8011 MutingSwitch11 actuated, waiting for 12 within
 *   DiscTimeEntry; 8012 muting active (S_MutingActive, S_AOPD_Out TRUE even with the curtain interrupted);
 *   8013 workpiece leaving (fewer than two sensors actuated), muting over, output follows the AOPD;
 *   C001 / C002 static Reset in Init / 8002; C010 muting sensor sequence error; C011 DiscTimeEntry elapsed;
 *   C012 MaxMutingTime elapsed (timer from the first muting sensor); C013 muting lamp faulty when muting.
 * Conservative choices: only the forward sequence 11 -> 12 -> 21 -> 22 mutes (21/22 first is a sequence error);
 * muting starts only while MutingEnable is TRUE (without it the sensors are ignored and the AOPD acts alone);
 * muting lasts while at least two sensors are actuated; errors are left by a rising Reset once the AOPD is free,
 * no muting sensor is actuated and the lamp is healthy, and the output is then enabled (the Reset is the
 * operator's acknowledgement).
 */
import { ACTIVATE, DIAG, ERROR, READY, RESET, bool, defineSafetyFb, safeBool, time } from '../core/state-machine.js';

export const SF_MutingSeq = defineSafetyFb({
  name: 'SF_MutingSeq',
  inputs: [
    ACTIVATE, safeBool('S_AOPD_In'), bool('MutingSwitch11'), bool('MutingSwitch12'), bool('MutingSwitch21'),
    bool('MutingSwitch22'), safeBool('S_MutingLamp'), time('DiscTimeEntry'), time('MaxMutingTime'), bool('MutingEnable'),
    safeBool('S_StartReset'), RESET,
  ],
  outputs: [READY, safeBool('S_AOPD_Out'), safeBool('S_MutingActive'), ERROR, DIAG],
  codes: [0x8001, 0x8002, 0x8004, 0x8000, 0x8011, 0x8012, 0x8013, 0xc001, 0xc002, 0xc010, 0xc011, 0xc012, 0xc013],
  init: 0x8001,
  scratch: { T1: 0 },
  next(c) {
    const aopd = c.b('S_AOPD_In');
    const m11 = c.b('MutingSwitch11');
    const m12 = c.b('MutingSwitch12');
    const m21 = c.b('MutingSwitch21');
    const m22 = c.b('MutingSwitch22');
    const count = [m11, m12, m21, m22].filter(Boolean).length;
    const clear = aopd && count === 0;
    const lamp = c.b('S_MutingLamp');
    switch (c.state) {
      case 0x8001:
        if (clear && c.b('S_StartReset')) return 0x8000;
        return c.resetStatic() ? 0xc001 : 0x8002;
      case 0x8002:
        if (!aopd) return 0x8004;
        if (clear && c.resetEdge()) return 0x8000;
        return c.resetStatic() ? 0xc002 : 0x8002;
      case 0x8004:
        return clear ? 0x8002 : 0x8004;
      case 0x8000:
        if (c.b('MutingEnable') && count > 0) {
          if (!m11 || m21 || m22) return 0xc010;
          if (m12) return lamp ? 0x8012 : 0xc013;
          return aopd ? 0x8011 : 0x8004;
        }
        return aopd ? 0x8000 : 0x8004;
      case 0x8011:
        if (m21 || m22) return 0xc010;
        if (m11 && m12) return lamp ? 0x8012 : 0xc013;
        if (!aopd) return 0x8004;
        if (!m11) return m12 ? 0xc010 : 0x8000;
        return c.timedOut(c.n('DiscTimeEntry')) ? 0xc011 : 0x8011;
      case 0x8012:
        if (!lamp) return 0xc013;
        if (c.now - c.get('T1') >= c.n('MaxMutingTime')) return 0xc012;
        if (count >= 2) return 0x8012;
        if (count === 1) return aopd ? 0x8013 : 0x8004;
        return aopd ? 0x8000 : 0x8004;
      case 0x8013:
        if (!aopd) return 0x8004;
        return count === 0 ? 0x8000 : 0x8013;
      case 0xc001:
        return c.b('Reset') ? 0xc001 : 0x8001;
      case 0xc002:
        return c.b('Reset') ? 0xc002 : 0x8002;
      default: // C010..C013
        return clear && lamp && c.resetEdge() ? 0x8000 : c.state;
    }
  },
  onEnter(c, s, from) {
    if ((s === 0x8011 || s === 0x8012) && from === 0x8000) c.set('T1', c.now);
  },
  out: (_c, s) => ({
    S_AOPD_OUT: s === 0x8000 || s === 0x8011 || s === 0x8012 || s === 0x8013, // 8011/8013: AOPD free (else 8004)
    S_MUTINGACTIVE: s === 0x8012,
  }),
});
