/** The SMT model of SF_Antivalent: the two-channel machine, NC active when TRUE, NO when FALSE (see core/smt-dual-channel.ts). */
import { smtDualChannel } from '../core/smt-dual-channel.js';

export const SMT_MODEL = smtDualChannel({ pin: 'S_CHANNELNC', activeWhen: true }, { pin: 'S_CHANNELNO', activeWhen: false }, 'S_ANTIVALENTOUT');
