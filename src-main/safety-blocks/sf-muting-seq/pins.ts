import type { BlockPins } from '../core/pins.js';

/** The pin semantics of SF_MutingSeq (see core/pins.ts for what each field means). */
export const PINS: BlockPins = {
  roles: { S_AOPD_In: 'device', S_MutingLamp: 'device', S_StartReset: 'restart' },
  safetyInputs: [],
  timeInputs: ['DiscTimeEntry', 'MaxMutingTime'],
  implications: [],
};
