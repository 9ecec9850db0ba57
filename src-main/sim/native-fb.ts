import type { SimValue } from './sim-types.js';

export interface NativeParam {
  /** Name as the standard spells it (`IN`, `S_EStopIn`); compiled code and scenarios match case-insensitively. */
  name: string;
  /** IEC type name: BOOL, TIME, WORD, INT, ... */
  type: string;
  /** Value before the first call (the standard's default, e.g. FALSE, T#0s, 16#0000). */
  initial: SimValue;
}

/**
 * A function block implemented natively in the simulator: the IEC standard FBs (TON, CTU, R_TRIG, ...) and
 * the PLCopen safety FBs. An instance is a plain object holding every input, output and private state field,
 * keyed by the upper-case parameter name; compiled ST writes inputs into it, calls `step`, and reads outputs.
 */
export interface NativeFbType {
  name: string;
  inputs: readonly NativeParam[];
  outputs: readonly NativeParam[];
  /** A new instance: inputs and outputs at their initial values plus private state. */
  create(): Record<string, SimValue>;
  /**
   * One call of the block. `nowMs` is the virtual time of the current scan in milliseconds; time never goes
   * backwards between calls of one instance. Must not read the wall clock or any global state.
   */
  step(self: Record<string, SimValue>, nowMs: number): void;
}

/** Builds an instance object with every parameter at its initial value, keyed by upper-case name. */
export function instanceOf(t: Pick<NativeFbType, 'inputs' | 'outputs'>, extra: Record<string, SimValue> = {}): Record<string, SimValue> {
  const o: Record<string, SimValue> = {};
  for (const p of t.inputs) o[p.name.toUpperCase()] = p.initial;
  for (const p of t.outputs) o[p.name.toUpperCase()] = p.initial;
  return Object.assign(o, extra);
}
