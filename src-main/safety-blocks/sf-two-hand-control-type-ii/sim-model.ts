/**
 * SF_TwoHandControlTypeII (PLCopen TC5 Safety Part 1 v2.01; EN 574 / ISO 13851 type II): both buttons pressed
 * enable the output, which needs both released before it can enable again. State machine and DiagCodes: see
 * core/two-hand-control.ts.
 */
import { twoHandControl } from '../core/two-hand-control.js';

export const SF_TwoHandControlTypeII = twoHandControl('SF_TwoHandControlTypeII', null);
