import { RESTART_PINS, type BlockPins } from '../core/pins.js';

/** The pin semantics of SF_EmergencyStop (see core/pins.ts for what each field means). */
export const PINS: BlockPins = {
  roles: { S_EStopIn: 'device', ...RESTART_PINS },
  safetyInputs: [{ param: 'S_EStopIn', role: 'estop' }],
  timeInputs: [],
  implications: [
    { output: 'S_EStopOut', requires: [{ pin: 'S_EStopIn', value: true }] },
  ],
  restartInterlock: 'S_EStopOut',
};
