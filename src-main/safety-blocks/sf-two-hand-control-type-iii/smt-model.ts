/**
 * The SMT model of SF_TwoHandControlTypeIII: the two-hand machine with the 500 ms synchronisation window on the
 * state timer; C004 / C005 when button 2 / button 1 comes late (see core/smt-two-hand-control.ts).
 */
import { smtTwoHandControl } from '../core/smt-two-hand-control.js';

export const SMT_MODEL = smtTwoHandControl({ ms: 500, late1: 0xc004, late2: 0xc005 });
