/**
 * Every PLCopen safety block (TC5 Safety Part 1 v2.01) Plantshift knows, one folder each, in the order of the
 * standard. Everything else about the blocks (the checker's declarations, the soft-PLC's native FBs, the pin
 * tables of the static verifier, formal/'s SMT models) is derived from this list.
 */
import type { SafetyBlock } from './core/descriptor.js';
import type { BlockPins } from './core/pins.js';
import { SAFE_TYPES_ST } from './core/safe-types.js';
import type { SafetyFbType } from './core/sim-types.js';
import type { SmtModel } from './core/smt-machine.js';
import * as antivalent from './sf-antivalent/index.js';
import * as edm from './sf-edm/index.js';
import * as emergencyStop from './sf-emergency-stop/index.js';
import * as enableSwitch from './sf-enable-switch/index.js';
import * as equivalent from './sf-equivalent/index.js';
import * as espe from './sf-espe/index.js';
import * as guardLocking from './sf-guard-locking/index.js';
import * as guardMonitoring from './sf-guard-monitoring/index.js';
import * as modeSelector from './sf-mode-selector/index.js';
import * as mutingSeq from './sf-muting-seq/index.js';
import * as outControl from './sf-out-control/index.js';
import * as safelyLimitSpeed from './sf-safely-limit-speed/index.js';
import * as safetyRequest from './sf-safety-request/index.js';
import * as testableSafetySensor from './sf-testable-safety-sensor/index.js';
import * as twoHandII from './sf-two-hand-control-type-ii/index.js';
import * as twoHandIII from './sf-two-hand-control-type-iii/index.js';

const block = (folder: { DECLARATION: string; PINS: BlockPins }, sim: SafetyFbType, smt?: SmtModel): SafetyBlock => ({
  name: sim.name,
  declaration: folder.DECLARATION,
  pins: folder.PINS,
  sim,
  ...(smt ? { smt } : {}),
});

export const SAFETY_BLOCKS: readonly SafetyBlock[] = [
  block(emergencyStop, emergencyStop.SF_EmergencyStop, emergencyStop.SMT_MODEL),
  block(espe, espe.SF_ESPE, espe.SMT_MODEL),
  block(guardMonitoring, guardMonitoring.SF_GuardMonitoring, guardMonitoring.SMT_MODEL),
  block(guardLocking, guardLocking.SF_GuardLocking),
  block(safetyRequest, safetyRequest.SF_SafetyRequest, safetyRequest.SMT_MODEL),
  block(twoHandII, twoHandII.SF_TwoHandControlTypeII, twoHandII.SMT_MODEL),
  block(twoHandIII, twoHandIII.SF_TwoHandControlTypeIII, twoHandIII.SMT_MODEL),
  block(equivalent, equivalent.SF_Equivalent, equivalent.SMT_MODEL),
  block(antivalent, antivalent.SF_Antivalent, antivalent.SMT_MODEL),
  block(modeSelector, modeSelector.SF_ModeSelector),
  block(enableSwitch, enableSwitch.SF_EnableSwitch),
  block(edm, edm.SF_EDM, edm.SMT_MODEL),
  block(outControl, outControl.SF_OutControl, outControl.SMT_MODEL),
  block(mutingSeq, mutingSeq.SF_MutingSeq),
  block(safelyLimitSpeed, safelyLimitSpeed.SF_SafelyLimitSpeed),
  block(testableSafetySensor, testableSafetySensor.SF_TestableSafetySensor),
];

/** The blocks by upper-case name (how compiled ST and the checker find them). */
export const SAFETY_BLOCKS_BY_KEY: ReadonlyMap<string, SafetyBlock> = new Map(SAFETY_BLOCKS.map((b) => [b.name.toUpperCase(), b]));

/** Every soft-PLC model, keyed by upper-case name. */
export const SAFETY_FBS: ReadonlyMap<string, SafetyFbType> = new Map(SAFETY_BLOCKS.map((b) => [b.name.toUpperCase(), b.sim]));

/** The SMT models there are, keyed by upper-case block name. */
export const SMT_MODELS: ReadonlyMap<string, SmtModel> = new Map(
  SAFETY_BLOCKS.flatMap((b) => (b.smt ? [[b.name.toUpperCase(), b.smt] as const] : [])),
);

/** The declarations of every block as one ST text (SAFE* types first), parsed by the checker with the standard FBs. */
export const SAFETY_FBS_ST = SAFE_TYPES_ST + SAFETY_BLOCKS.map((b) => `\n${b.declaration}`).join('');
