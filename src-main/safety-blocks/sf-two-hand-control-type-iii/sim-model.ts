/**
 * SF_TwoHandControlTypeIII (PLCopen TC5 Safety Part 1 v2.01; EN 574 / ISO 13851 type III): as type II, and
 * both buttons must be actuated within 500 ms of each other (fixed, spec §"Functional description").
 * When the second button does not follow within 500 ms the block goes to an error (the v2.01 table lists the
 * monitoring timer in 8804/8806; the error codes of the sync violation are not in the excerpts we could check):
 * C004 = button 1 first, button 2 late; C005 = button 2 first, button 1 late. Conservative: an error, not a
 * silent wait, so the late press can never enable; it is left when both buttons are released.
 */
import { twoHandControl } from '../core/two-hand-control.js';

/** The fixed synchronisation window of type III, in milliseconds. */
export const TWO_HAND_SYNC_MS = 500;

export const SF_TwoHandControlTypeIII = twoHandControl('SF_TwoHandControlTypeIII', TWO_HAND_SYNC_MS, [0xc004, 0xc005]);
