import type { BlockPins } from './pins.js';
import type { SafetyFbType } from './sim-types.js';
import type { SmtModel } from './smt-machine.js';

/**
 * Everything Plantshift knows about one PLCopen safety block, from its folder: the declaration the checker
 * parses, the pin semantics the static verifier uses, the soft-PLC model and, where there is one, the SMT model.
 */
export interface SafetyBlock {
  /** As the standard spells it (`SF_EmergencyStop`). */
  name: string;
  /** The block's ST `FUNCTION_BLOCK ... END_FUNCTION_BLOCK` text (SAFE* types are declared once for all). */
  declaration: string;
  pins: BlockPins;
  sim: SafetyFbType;
  /** Absent: formal/ leaves a program using the block unsupported, never proved. */
  smt?: SmtModel;
}
