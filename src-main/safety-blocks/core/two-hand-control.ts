/**
 * The two-hand control machine of SF_TwoHandControlTypeII and SF_TwoHandControlTypeIII (PLCopen TC5 Safety
 * Part 1 v2.01; EN 574 / ISO 13851 types II and III). DiagCodes per the v2.01 table (shared by both types):
 *   8001 Init, 8802 both released, 8804 only button 1, 8806 only button 2, 8000 both actuated (output TRUE),
 *   8808 / 880A / 880C output was enabled and is off again, waiting for both buttons to be released
 *   (button 1 only / button 2 only / both still held), C001 / C002 / C003 button 1 / button 2 / both TRUE when
 *   the block was activated.
 * The blocks have no Reset input (a test of the buttons is not possible, spec §"Error behaviour"): an error is
 * left, like every "locked" state, only when both buttons are released, which is the cause-gone condition.
 * Type III adds a 500 ms synchronisation window (sf-two-hand-control-type-iii/sim-model.ts).
 */
import { ACTIVATE, DIAG, ERROR, READY, defineSafetyFb, safeBool, type SafetyFbType } from './state-machine.js';

/** The state reached from the released/locked family for a combination of buttons after a disable. */
const afterDisable = (b1: boolean, b2: boolean): number => (b1 && b2 ? 0x880c : b1 ? 0x8808 : b2 ? 0x880a : 0x8802);

/** Builds the two-hand machine; `syncMs` null = type II, else the type III synchronisation window. */
export function twoHandControl(name: string, syncMs: number | null, syncCodes: readonly number[] = []): SafetyFbType {
  const [sync1 = 0, sync2 = 0] = syncCodes;
  return defineSafetyFb({
    name,
    inputs: [ACTIVATE, safeBool('S_Button1'), safeBool('S_Button2')],
    outputs: [READY, safeBool('S_TwoHandOut'), ERROR, DIAG],
    codes: [0x8001, 0x8000, 0x8802, 0x8804, 0x8806, 0x8808, 0x880a, 0x880c, 0xc001, 0xc002, 0xc003, ...syncCodes],
    init: 0x8001,
    next(c) {
      const b1 = c.b('S_Button1');
      const b2 = c.b('S_Button2');
      const none = !b1 && !b2;
      switch (c.state) {
        case 0x8001: // a button already TRUE on activation is an invalid input signal (spec "Error detection")
          if (b1 && b2) return 0xc003;
          if (b1) return 0xc001;
          return b2 ? 0xc002 : 0x8802;
        case 0x8802:
          if (b1 && b2) return 0x8000;
          if (b1) return 0x8804;
          return b2 ? 0x8806 : 0x8802;
        case 0x8804:
          if (!b1) return b2 ? 0x8806 : 0x8802;
          if (b2) return 0x8000;
          return syncMs !== null && c.timedOut(syncMs) ? sync1 : 0x8804;
        case 0x8806:
          if (!b2) return b1 ? 0x8804 : 0x8802;
          if (b1) return 0x8000;
          return syncMs !== null && c.timedOut(syncMs) ? sync2 : 0x8806;
        case 0x8000:
          return b1 && b2 ? 0x8000 : afterDisable(b1, b2);
        case 0x8808:
        case 0x880a:
        case 0x880c: // the output comes back only after both buttons were released (no re-grip)
          return afterDisable(b1, b2);
        default: // errors
          return none ? 0x8802 : c.state;
      }
    },
    out: (_c, s) => ({ S_TWOHANDOUT: s === 0x8000 }),
  });
}
