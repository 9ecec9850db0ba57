import type { BlockPins } from '../core/pins.js';

/** The pin semantics of SF_TwoHandControlTypeIII (see core/pins.ts for what each field means). */
export const PINS: BlockPins = {
  roles: { S_Button1: 'device', S_Button2: 'device' },
  safetyInputs: [],
  timeInputs: [],
  implications: [
    { output: 'S_TwoHandOut', requires: [{ pin: 'S_Button1', value: true }, { pin: 'S_Button2', value: true }] },
  ],
};
