import { RESTART_PINS, type BlockPins } from '../core/pins.js';

/** The pin semantics of SF_ESPE (see core/pins.ts for what each field means). */
export const PINS: BlockPins = {
  roles: { S_ESPE_In: 'device', ...RESTART_PINS },
  safetyInputs: [{ param: 'S_ESPE_In', role: 'guard' }],
  timeInputs: [],
  implications: [
    { output: 'S_ESPE_Out', requires: [{ pin: 'S_ESPE_In', value: true }] },
  ],
  restartInterlock: 'S_ESPE_Out',
};
