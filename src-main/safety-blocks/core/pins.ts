/**
 * Pin semantics of a PLCopen safety block (TC5 Safety Part 1 v2.01): what each safe input is for, which inputs
 * read e-stop and guard devices, which TIME inputs bound a reaction, and what an output guarantees about the
 * inputs of the same call. The static safety verifier (safety/) reads these; nothing here is a checker rule.
 */

/**
 * What a constant on an S_ input means. A constant is not suspicious as such: S_StartReset := FALSE is how a
 * manual reset is wired, and leaving the pin open only trades it for a compiler warning. What matters is whether
 * the constant is the value that defeats the function, and that depends on the pin.
 */
export type SfPinRole =
  /** A safety device or its feedback, TRUE = healthy (NC contact, OSSD, lock or standstill confirmation). */
  | 'device'
  /** The normally-open channel of an antivalent pair, FALSE = healthy. */
  | 'device-inverted'
  /** S_StartReset / S_AutoReset: FALSE requires a manual reset, TRUE restarts on its own. */
  | 'restart'
  /** A mode or control input whose constant is a design decision with no safe value in general. */
  | 'setting';

/** S_StartReset and S_AutoReset, for blocks that have both. */
export const RESTART_PINS = { S_StartReset: 'restart', S_AutoReset: 'restart' } as const;

/** An input through which a block reads an e-stop or guard device, by the role the site config gives it. */
export interface SafetyInput {
  param: string;
  role: 'estop' | 'guard';
}

/**
 * A sound implication of one call: `output` TRUE ⇒ Activate TRUE and every listed input at the given value
 * (inputs of that same call). Only what the block guarantees in every state; anything else is left free.
 */
export interface OutputImplication {
  output: string;
  requires: readonly { pin: string; value: boolean }[];
}

export interface BlockPins {
  /** The role of every S_ input, as the standard spells the pins. */
  roles: Readonly<Record<string, SfPinRole>>;
  /** Inputs that read e-stop and guard devices (the safety model infers those devices from them). */
  safetyInputs: readonly SafetyInput[];
  /** TIME inputs that bound a reaction (lengthening one delays a safety function). */
  timeInputs: readonly string[];
  /** What the BOOL outputs guarantee; Ready ⇒ Activate holds for every block and is not listed. */
  implications: readonly OutputImplication[];
  /** The enabling output of a restart interlock (after a demand it needs Reset unless S_AutoReset). */
  restartInterlock?: string;
}

/** The constant that defeats a pin of this role; null where no constant is safe in general. */
export function defeatingConstant(role: SfPinRole): boolean | null {
  switch (role) {
    case 'device':
    case 'restart':
      return true;
    case 'device-inverted':
      return false;
    case 'setting':
      return null;
  }
}

/** Any PLCopen safety block type, known to the registry or not (the SF_ prefix the standard reserves). */
export function isSafetyFbType(name: string): boolean {
  return name.toUpperCase().startsWith('SF_');
}

/** Safe outputs of an SF block that gate something (the S_* BOOL outputs). */
export function isSafeOutput(param: string): boolean {
  return /^S_/i.test(param);
}
