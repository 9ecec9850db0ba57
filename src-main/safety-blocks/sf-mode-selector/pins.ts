import type { BlockPins } from '../core/pins.js';

/** The pin semantics of SF_ModeSelector (see core/pins.ts for what each field means). */
export const PINS: BlockPins = {
  roles: {
    S_Mode0: 'setting', S_Mode1: 'setting', S_Mode2: 'setting', S_Mode3: 'setting', S_Mode4: 'setting', S_Mode5: 'setting',
    S_Mode6: 'setting', S_Mode7: 'setting', S_Unlock: 'setting', S_SetMode: 'setting',
  },
  safetyInputs: [],
  timeInputs: ['ModeMonitorTime'],
  implications: [],
};
