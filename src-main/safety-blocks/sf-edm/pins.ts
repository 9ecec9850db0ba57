import type { BlockPins } from '../core/pins.js';

/** The pin semantics of SF_EDM (see core/pins.ts for what each field means). */
export const PINS: BlockPins = {
  roles: { S_OutControl: 'setting', S_EDM1: 'device', S_EDM2: 'device', S_StartReset: 'restart' },
  safetyInputs: [],
  timeInputs: ['MonitoringTime'],
  implications: [
    { output: 'S_EDM_Out', requires: [{ pin: 'S_OutControl', value: true }] },
  ],
};
