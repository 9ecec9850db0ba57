import { RESTART_PINS, type BlockPins } from '../core/pins.js';

/** The pin semantics of SF_TestableSafetySensor (see core/pins.ts for what each field means). */
export const PINS: BlockPins = {
  roles: { S_OSSD_In: 'device', ...RESTART_PINS },
  safetyInputs: [],
  timeInputs: ['TestTime'],
  implications: [
    { output: 'S_OSSD_Out', requires: [{ pin: 'S_OSSD_In', value: true }] },
  ],
};
