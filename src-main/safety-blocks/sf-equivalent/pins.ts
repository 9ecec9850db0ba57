import type { BlockPins } from '../core/pins.js';

/** The pin semantics of SF_Equivalent (see core/pins.ts for what each field means). */
export const PINS: BlockPins = {
  roles: { S_ChannelA: 'device', S_ChannelB: 'device' },
  safetyInputs: [],
  timeInputs: ['DiscrepancyTime'],
  implications: [
    { output: 'S_EquivalentOut', requires: [{ pin: 'S_ChannelA', value: true }, { pin: 'S_ChannelB', value: true }] },
  ],
};
