/** The SMT model of SF_EmergencyStop: the restart-interlock machine over its pins (see core/smt-restart-interlock.ts). */
import { smtRestartInterlock } from '../core/smt-restart-interlock.js';

export const SMT_MODEL = smtRestartInterlock('S_ESTOPIN', 'S_ESTOPOUT');
