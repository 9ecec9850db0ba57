/** The SMT model of SF_Equivalent: the two-channel machine, both channels active when TRUE (see core/smt-dual-channel.ts). */
import { smtDualChannel } from '../core/smt-dual-channel.js';

export const SMT_MODEL = smtDualChannel({ pin: 'S_CHANNELA', activeWhen: true }, { pin: 'S_CHANNELB', activeWhen: true }, 'S_EQUIVALENTOUT');
