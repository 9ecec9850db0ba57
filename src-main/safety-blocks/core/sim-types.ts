/**
 * The minimal value and parameter types of a soft-PLC block model. They are structurally identical to the
 * simulator's `SimValue` and `NativeParam` (sim/sim-types.ts, sim/native-fb.ts), so every model here is a
 * `NativeFbType` to the soft-PLC without safety-blocks importing the simulator.
 */

/** A value in a block instance: BOOL as boolean, integers and TIME (ms) as number, 64-bit as bigint. */
export type PinValue = boolean | number | bigint | string;

export interface BlockParam {
  /** Name as the standard spells it (`S_EStopIn`); instances key it upper-case. */
  name: string;
  /** IEC type name: BOOL, SAFEBOOL, TIME, WORD, INT. */
  type: string;
  /** Value before the first call (FALSE, T#0s, 16#0000). */
  initial: PinValue;
}

/** An instance: every input, output and private state field, keyed by upper-case name. */
export type FbInstance = Record<string, PinValue>;

/** A PLCopen safety block as the soft-PLC runs it, with its documented DiagCodes and safety outputs. */
export interface SafetyFbType {
  name: string;
  inputs: readonly BlockParam[];
  outputs: readonly BlockParam[];
  /** A new instance: inputs and outputs at their initial values plus private state. */
  create(): FbInstance;
  /** One call at virtual time `nowMs` (never going backwards); no wall clock, no global state. */
  step(self: FbInstance, nowMs: number): void;
  /** Every DiagCode the block can report (16#0000 included). */
  readonly diagCodes: readonly number[];
  /** Upper-case names of the S_ outputs, the ones that must be FALSE while inactive or in error. */
  readonly safetyOutputs: readonly string[];
}
