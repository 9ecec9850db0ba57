/** Every PLCopen safety block the simulator implements, keyed by upper-case name (how compiled ST finds them). */
import type { SafetyFbType } from './safety-core.js';
import { SF_Antivalent } from './sf-antivalent.js';
import { SF_EDM } from './sf-edm.js';
import { SF_EmergencyStop } from './sf-emergency-stop.js';
import { SF_EnableSwitch } from './sf-enable-switch.js';
import { SF_Equivalent } from './sf-equivalent.js';
import { SF_ESPE } from './sf-espe.js';
import { SF_GuardLocking } from './sf-guard-locking.js';
import { SF_GuardMonitoring } from './sf-guard-monitoring.js';
import { SF_ModeSelector } from './sf-mode-selector.js';
import { SF_MutingSeq } from './sf-muting-seq.js';
import { SF_OutControl } from './sf-out-control.js';
import { SF_SafelyLimitSpeed } from './sf-safely-limit-speed.js';
import { SF_SafetyRequest } from './sf-safety-request.js';
import { SF_TestableSafetySensor } from './sf-testable-safety-sensor.js';
import { SF_TwoHandControlTypeII } from './sf-two-hand-control-type-ii.js';
import { SF_TwoHandControlTypeIII } from './sf-two-hand-control-type-iii.js';

const ALL: readonly SafetyFbType[] = [
  SF_EmergencyStop, SF_GuardMonitoring, SF_GuardLocking, SF_SafetyRequest, SF_ESPE, SF_TwoHandControlTypeII,
  SF_TwoHandControlTypeIII, SF_Equivalent, SF_Antivalent, SF_ModeSelector, SF_EnableSwitch, SF_EDM, SF_OutControl,
  SF_MutingSeq, SF_SafelyLimitSpeed, SF_TestableSafetySensor,
];

export const SAFETY_FBS: ReadonlyMap<string, SafetyFbType> = new Map(ALL.map((fb) => [fb.name.toUpperCase(), fb]));
