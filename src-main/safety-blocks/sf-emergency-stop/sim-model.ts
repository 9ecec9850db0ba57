/**
 * SF_EmergencyStop (PLCopen TC5 Safety Part 1 v2.01): monitors an emergency stop button. S_EStopOut is TRUE only
 * in 16#8000; pressing the button (S_EStopIn FALSE) drops it in the same call. Restart needs a rising Reset
 * (or S_AutoReset after a demand, S_StartReset at start-up). State machine: see restartInterlock.
 */
import { restartInterlock } from '../core/restart-interlock.js';

export const SF_EmergencyStop = restartInterlock('SF_EmergencyStop', 'S_EStopIn', 'S_EStopOut');
