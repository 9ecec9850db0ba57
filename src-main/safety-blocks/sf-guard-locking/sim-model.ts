/**
 * SF_GuardLocking (PLCopen TC5 Safety Part 1, v1.0 interface as declared by the checker; v2.01 replaced it by
 * SF_GuardLocking_2 with other inputs, so the v2.01 DiagCode table does not apply). Controls a guard with a
 * lock: S_GuardMonitoring = guard closed, S_GuardLock = lock feedback (TRUE = locked), S_SafetyActive = the
 * machine is in a safe state (e.g. standstill), UnlockRequest = operator asks to open.
 * States (v1.0 diagram; numbering in the 16#8xxx/16#Cxxx scheme of the other blocks):
 *   8001 Init; 8003 closed and locked, waiting for Reset; 8000 closed and locked, S_GuardLocked TRUE;
 *   8011 unlock requested, waiting for S_SafetyActive (S_GuardLocked already FALSE so the machine stops);
 *   8012 safe state confirmed, S_UnlockGuard TRUE; 8013 guard open or not locked, waiting for close and lock;
 *   C001 static Reset in Init; C002 static Reset in 8003; C010 guard opened or lock lost while locked without
 *   an unlock request (tampering or a broken lock).
 * Conservative choices: C010 is left only by a rising Reset while the guard is closed and locked again, and goes
 * back to Init so start-up behaviour (S_StartReset / Reset) applies anew; withdrawing the unlock request in 8011
 * (guard never unlocked) returns to 8000.
 */
import { ACTIVATE, DIAG, ERROR, READY, RESET, bool, defineSafetyFb, safeBool } from '../core/state-machine.js';

export const SF_GuardLocking = defineSafetyFb({
  name: 'SF_GuardLocking',
  inputs: [
    ACTIVATE, safeBool('S_GuardMonitoring'), safeBool('S_SafetyActive'), safeBool('S_GuardLock'), bool('UnlockRequest'),
    safeBool('S_StartReset'), safeBool('S_AutoReset'), RESET,
  ],
  outputs: [READY, safeBool('S_GuardLocked'), safeBool('S_UnlockGuard'), ERROR, DIAG],
  codes: [0x8001, 0x8000, 0x8003, 0x8011, 0x8012, 0x8013, 0xc001, 0xc002, 0xc010],
  init: 0x8001,
  next(c) {
    const locked = c.b('S_GuardMonitoring') && c.b('S_GuardLock');
    switch (c.state) {
      case 0x8001:
        if (!locked) return 0x8013;
        if (c.b('S_StartReset')) return 0x8000;
        return c.resetStatic() ? 0xc001 : 0x8003;
      case 0x8003:
        if (!locked) return 0x8013;
        if (c.resetEdge()) return 0x8000;
        return c.resetStatic() ? 0xc002 : 0x8003;
      case 0x8000:
        if (!locked) return 0xc010;
        return c.b('UnlockRequest') ? 0x8011 : 0x8000;
      case 0x8011:
        if (!locked) return 0xc010;
        if (!c.b('UnlockRequest')) return 0x8000;
        return c.b('S_SafetyActive') ? 0x8012 : 0x8011;
      case 0x8012:
        if (!c.b('S_GuardMonitoring')) return 0x8013;
        return c.b('UnlockRequest') ? 0x8012 : 0x8013;
      case 0x8013:
        if (!locked) return 0x8013;
        return c.b('S_AutoReset') ? 0x8000 : 0x8003;
      case 0xc001:
        return c.b('Reset') ? 0xc001 : 0x8001;
      case 0xc002:
        return c.b('Reset') ? 0xc002 : 0x8003;
      default: // C010
        return locked && c.resetEdge() ? 0x8001 : 0xc010;
    }
  },
  out: (_c, s) => ({ S_GUARDLOCKED: s === 0x8000, S_UNLOCKGUARD: s === 0x8012 }),
});
