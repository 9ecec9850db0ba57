/** The SMT model of SF_TwoHandControlTypeII: the two-hand machine without a timer (see core/smt-two-hand-control.ts). */
import { smtTwoHandControl } from '../core/smt-two-hand-control.js';

export const SMT_MODEL = smtTwoHandControl(null);
