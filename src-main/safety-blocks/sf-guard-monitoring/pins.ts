import { RESTART_PINS, type BlockPins } from '../core/pins.js';

/** The pin semantics of SF_GuardMonitoring (see core/pins.ts for what each field means). */
export const PINS: BlockPins = {
  roles: { S_GuardSwitch1: 'device', S_GuardSwitch2: 'device', ...RESTART_PINS },
  safetyInputs: [
    { param: 'S_GuardSwitch1', role: 'guard' },
    { param: 'S_GuardSwitch2', role: 'guard' },
  ],
  timeInputs: ['DiscrepancyTime'],
  implications: [
    { output: 'S_GuardMonitoring', requires: [{ pin: 'S_GuardSwitch1', value: true }, { pin: 'S_GuardSwitch2', value: true }] },
  ],
  restartInterlock: 'S_GuardMonitoring',
};
