import type { BlockPins } from '../core/pins.js';

/** The pin semantics of SF_EnableSwitch (see core/pins.ts for what each field means). */
export const PINS: BlockPins = {
  roles: { S_SafetyActive: 'device', S_EnableSwitchCh1: 'device', S_EnableSwitchCh2: 'device', S_AutoReset: 'restart' },
  safetyInputs: [],
  timeInputs: [],
  implications: [],
};
