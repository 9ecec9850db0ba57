import { RESTART_PINS, type BlockPins } from '../core/pins.js';

/** The pin semantics of SF_OutControl (see core/pins.ts for what each field means). */
export const PINS: BlockPins = {
  roles: { S_SafeControl: 'device', ...RESTART_PINS },
  safetyInputs: [],
  timeInputs: [],
  implications: [
    { output: 'S_OutControl', requires: [{ pin: 'S_SafeControl', value: true }, { pin: 'ProcessControl', value: true }] },
  ],
};
