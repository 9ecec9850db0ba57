import type { BlockPins } from '../core/pins.js';

/** The pin semantics of SF_Antivalent (see core/pins.ts for what each field means). */
export const PINS: BlockPins = {
  roles: { S_ChannelNC: 'device', S_ChannelNO: 'device-inverted' },
  safetyInputs: [],
  timeInputs: ['DiscrepancyTime'],
  implications: [
    { output: 'S_AntivalentOut', requires: [{ pin: 'S_ChannelNC', value: true }, { pin: 'S_ChannelNO', value: false }] },
  ],
};
