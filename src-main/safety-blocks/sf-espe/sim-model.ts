/**
 * SF_ESPE (PLCopen TC5 Safety Part 1 v2.01): electro-sensitive protective equipment (light curtain). Same state
 * diagram and DiagCodes as SF_EmergencyStop; S_ESPE_Out is TRUE only in 16#8000.
 */
import { restartInterlock } from '../core/restart-interlock.js';

export const SF_ESPE = restartInterlock('SF_ESPE', 'S_ESPE_In', 'S_ESPE_Out');
