import type { BlockPins } from '../core/pins.js';

/** The pin semantics of SF_SafetyRequest (see core/pins.ts for what each field means). */
export const PINS: BlockPins = {
  roles: { S_OpMode: 'device', S_Acknowledge: 'device' },
  safetyInputs: [],
  timeInputs: ['MonitoringTime'],
  implications: [],
};
