import { RESTART_PINS, type BlockPins } from '../core/pins.js';

/** The pin semantics of SF_GuardLocking (see core/pins.ts for what each field means). */
export const PINS: BlockPins = {
  roles: { S_GuardMonitoring: 'device', S_SafetyActive: 'device', S_GuardLock: 'device', ...RESTART_PINS },
  safetyInputs: [],
  timeInputs: [],
  implications: [
    { output: 'S_GuardLocked', requires: [{ pin: 'S_GuardMonitoring', value: true }, { pin: 'S_GuardLock', value: true }] },
  ],
};
