/**
 * SF_TestableSafetySensor (PLCopen TC5 Safety Part 1 v2.01): a type 2 ESPE with periodic test. S_TestOut FALSE
 * asks the sensor to test itself (its OSSD must drop, then return within TestTime each); S_OSSD_Out reports the
 * sensor. DiagCodes from the v2.01 table where we could check them: 8401 Init; 8802 demand before any test;
 * 8402 waiting for Reset after 8802; 8010 sensor free, not tested yet; 8002 / 8804 / 8404 external manual test
 * after a failed automatic test (wait for OSSD FALSE / TRUE / Reset). Codes we could not check, in the same
 * scheme: 8012 test running, waiting for OSSD FALSE; 8014 test running, waiting for OSSD TRUE again; 8000 free
 * and tested; C001 static Reset in Init; C011 static Reset in 8402; C010 OSSD did not drop within TestTime;
 * C020 OSSD did not return within TestTime.
 * During a test (8012/8014, at most TestTime each, spec range 0..150 ms) S_OSSD_Out stays TRUE as the spec
 * describes, because the drop is the expected test response. A failed test is acknowledged with a rising Reset;
 * with NoExternalTest FALSE the sensor must then be switched manually (8002 -> 8804 -> 8404 + Reset) before
 * the output comes back; with NoExternalTest TRUE it only needs the OSSD TRUE and Reset (via 8802/8402).
 * Outputs in Idle are all FALSE as for every block (the spec table lists S_OSSD_Out / S_TestOut initial TRUE;
 * FALSE is the safe side and also requests a test from a wired sensor).
 */
import { ACTIVATE, DIAG, ERROR, READY, RESET, bool, defineSafetyFb, safeBool, time } from '../core/state-machine.js';

const TESTING = new Set([0x8012, 0x8014]);

export const SF_TestableSafetySensor = defineSafetyFb({
  name: 'SF_TestableSafetySensor',
  inputs: [
    ACTIVATE, safeBool('S_OSSD_In'), bool('StartTest'), time('TestTime', 10), bool('NoExternalTest'),
    safeBool('S_StartReset'), safeBool('S_AutoReset'), RESET,
  ],
  outputs: [
    READY, safeBool('S_OSSD_Out'), safeBool('S_TestOut'), bool('TestPossible'), bool('TestExecuted'), ERROR, DIAG,
  ],
  codes: [
    0x8401, 0x8802, 0x8402, 0x8010, 0x8012, 0x8014, 0x8000, 0x8002, 0x8804, 0x8404, 0xc001, 0xc011, 0xc010, 0xc020,
  ],
  init: 0x8401,
  edges: ['StartTest'],
  next(c) {
    const ossd = c.b('S_OSSD_In');
    const testTime = c.n('TestTime');
    switch (c.state) {
      case 0x8401:
        if (!ossd) return 0x8802;
        if (c.b('S_StartReset') || c.resetEdge()) return 0x8010;
        return c.resetStatic() ? 0xc001 : 0x8401;
      case 0x8802:
        if (!ossd) return 0x8802;
        return c.b('S_AutoReset') ? 0x8010 : 0x8402;
      case 0x8402:
        if (!ossd) return 0x8802;
        if (c.resetEdge()) return 0x8010;
        return c.resetStatic() ? 0xc011 : 0x8402;
      case 0x8010:
      case 0x8000:
        if (!ossd) return 0x8802;
        return c.rise('StartTest') ? 0x8012 : c.state;
      case 0x8012:
        if (!ossd) return 0x8014;
        return c.timedOut(testTime) ? 0xc010 : 0x8012;
      case 0x8014:
        if (ossd) return 0x8000;
        return c.timedOut(testTime) ? 0xc020 : 0x8014;
      case 0x8002:
        return ossd ? 0x8002 : 0x8804;
      case 0x8804:
        return ossd ? 0x8404 : 0x8804;
      case 0x8404:
        if (!ossd) return 0x8804;
        return c.resetEdge() ? 0x8010 : 0x8404;
      case 0xc001:
        return c.b('Reset') ? 0xc001 : 0x8401;
      case 0xc011:
        return c.b('Reset') ? 0xc011 : 0x8402;
      default: // C010, C020
        if (!c.resetEdge()) return c.state;
        return c.b('NoExternalTest') ? 0x8802 : 0x8002;
    }
  },
  out: (_c, s) => ({
    S_OSSD_OUT: s === 0x8010 || s === 0x8000 || TESTING.has(s),
    S_TESTOUT: s !== 0x8012, // FALSE = test request to the sensor
    TESTPOSSIBLE: s === 0x8010 || s === 0x8000,
    TESTEXECUTED: s === 0x8000,
  }),
});
