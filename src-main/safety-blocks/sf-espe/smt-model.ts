/** The SMT model of SF_ESPE: the restart-interlock machine over its pins (see core/smt-restart-interlock.ts). */
import { smtRestartInterlock } from '../core/smt-restart-interlock.js';

export const SMT_MODEL = smtRestartInterlock('S_ESPE_IN', 'S_ESPE_OUT');
