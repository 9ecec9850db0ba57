/**
 * Shared state-machine core of the PLCopen Safety function blocks (TC5 Safety, Part 1, v2.01).
 *
 * Every block is a Moore-style state machine whose state number IS its DiagCode. The core implements the rules
 * common to all blocks (Part 1, "General rules" / "Generic diagrams"):
 *  - Activate FALSE -> Idle (16#0000) with every output FALSE, from any state and with the highest priority.
 *  - Ready is TRUE whenever Activate is TRUE.
 *  - Error is TRUE exactly in the error states (DiagCode 16#Cxxx).
 *  - Safety outputs (S_...) default to FALSE; a block only sets one TRUE in its enabling state(s), and the core
 *    forces every S_ output FALSE in an error state as defence in depth.
 *  - At most one state transition per call, and outputs are computed from the state reached in that call, so a
 *    safety demand switches the output off in the same call in which it is seen.
 *  - Reset acts only on a rising edge (FALSE -> TRUE between two calls). A rising edge that caused a transition is
 *    "consumed": holding Reset afterwards is neither a second edge nor a static-Reset error.
 *
 * Pure code: virtual time arrives as `now` (ms); no wall clock, no I/O, no global state.
 */
import type { BlockParam, FbInstance, PinValue, SafetyFbType } from './sim-types.js';

export type { FbInstance, SafetyFbType } from './sim-types.js';

export const IDLE = 0x0000;

export const isErrorCode = (code: number): boolean => (code & 0xc000) === 0xc000;

/** Parameter builders (names as the standard spells them; instances key them upper-case). */
export const bool = (name: string, initial = false): BlockParam => ({ name, type: 'BOOL', initial });
export const safeBool = (name: string, initial = false): BlockParam => ({ name, type: 'SAFEBOOL', initial });
export const time = (name: string, ms = 0): BlockParam => ({ name, type: 'TIME', initial: ms });
export const int = (name: string, v = 0): BlockParam => ({ name, type: 'INT', initial: v });
export const ACTIVATE = bool('Activate');
export const RESET = bool('Reset');
export const READY = bool('Ready');
export const ERROR = bool('Error');
export const DIAG = { name: 'DiagCode', type: 'WORD', initial: 0 } as const satisfies BlockParam;

/** What a block's transition and output functions see in one call. */
export class Ctx {
  constructor(
    readonly self: FbInstance,
    readonly now: number,
  ) {}

  get state(): number {
    return num(this.self['_STATE']);
  }
  /** Milliseconds since the current state was entered (the state's own timer, like a TON started on entry). */
  elapsed(): number {
    return this.now - num(this.self['_T0']);
  }
  /** True once `limitMs` has elapsed in the current state (TON semantics: ET >= PT). */
  timedOut(limitMs: number): boolean {
    return this.elapsed() >= Math.max(0, limitMs);
  }
  b(name: string): boolean {
    return truthy(this.self[name.toUpperCase()]);
  }
  n(name: string): number {
    return num(this.self[name.toUpperCase()]);
  }
  /** Rising edge of an input since the previous call (the block must list it in `edges`). */
  rise(name: string): boolean {
    const k = name.toUpperCase();
    return truthy(this.self[k]) && !truthy(this.self[`_PREV_${k}`]);
  }
  /** Rising edge of Reset; consumes it so the still-held Reset is not seen as a static Reset afterwards. */
  resetEdge(): boolean {
    if (!this.rise('Reset')) return false;
    this.self['_RESET_USED'] = true;
    return true;
  }
  /** Reset TRUE without a fresh rising edge and not the tail of a consumed edge: a static (stuck) Reset. */
  resetStatic(): boolean {
    return this.b('Reset') && !this.rise('Reset') && !truthy(this.self['_RESET_USED']);
  }
  /** Block-private scratch values (kept in the instance, prefixed with `_`). */
  get(key: string): number {
    return num(this.self[`_${key}`]);
  }
  set(key: string, v: number): void {
    this.self[`_${key}`] = v;
  }
}

export interface SafetyFbSpec {
  name: string;
  inputs: readonly BlockParam[];
  outputs: readonly BlockParam[];
  /** Documented DiagCodes other than 16#0000. */
  codes: readonly number[];
  /** State entered on the call in which Activate is first seen TRUE (the Init state). */
  init: number;
  /** Inputs whose rising edges the block uses (Reset is always tracked). */
  edges?: readonly string[];
  /** Extra private state, reset to these values whenever the block goes Idle. */
  scratch?: Readonly<Record<string, number>>;
  /** The next state from the current one (return the current state to stay). Called once per call. */
  next(c: Ctx): number;
  /** The TRUE outputs of a state (Ready, Error and DiagCode are set by the core; everything else FALSE). */
  out(c: Ctx, state: number): Partial<Record<string, boolean>>;
  /** Hook run on entering a state (for block-private timers beyond the state timer). */
  onEnter?(c: Ctx, state: number, from: number): void;
}

export function defineSafetyFb(spec: SafetyFbSpec): SafetyFbType {
  const outNames = spec.outputs.map((p) => p.name.toUpperCase());
  const boolOuts = spec.outputs.filter((p) => p.type.endsWith('BOOL')).map((p) => p.name.toUpperCase());
  const safetyOutputs = boolOuts.filter((n) => n.startsWith('S_'));
  const edgeKeys = [...new Set(['RESET', ...(spec.edges ?? []).map((e) => e.toUpperCase())])];
  const codes = [IDLE, ...spec.codes];
  const known = new Set(codes);
  for (const n of ['READY', 'ERROR', 'DIAGCODE']) {
    if (!outNames.includes(n)) throw new Error(`${spec.name}: missing output ${n}`);
  }

  const goIdle = (self: FbInstance): void => {
    self['_STATE'] = IDLE;
    self['_T0'] = 0;
    for (const [k, v] of Object.entries(spec.scratch ?? {})) self[`_${k}`] = v;
    for (const n of boolOuts) self[n] = false;
    self['DIAGCODE'] = IDLE;
  };

  const create = (): FbInstance => {
    const o: FbInstance = {};
    for (const p of spec.inputs) o[p.name.toUpperCase()] = p.initial;
    for (const p of spec.outputs) o[p.name.toUpperCase()] = p.initial;
    for (const k of edgeKeys) o[`_PREV_${k}`] = false;
    o['_RESET_USED'] = false;
    goIdle(o);
    return o;
  };

  const step = (self: FbInstance, nowMs: number): void => {
    const c = new Ctx(self, nowMs);
    if (!c.b('Activate')) {
      goIdle(self);
    } else {
      const from = c.state;
      const to = from === IDLE ? spec.init : spec.next(c);
      if (!known.has(to)) throw new Error(`${spec.name}: undocumented state 16#${to.toString(16)}`);
      if (to !== from || from === IDLE) {
        self['_STATE'] = to;
        self['_T0'] = nowMs;
        spec.onEnter?.(c, to, from);
      }
      const on = spec.out(c, to);
      const err = isErrorCode(to);
      for (const n of boolOuts) self[n] = on[n] === true && !(err && n.startsWith('S_'));
      self['READY'] = true;
      self['ERROR'] = err;
      self['DIAGCODE'] = to;
    }
    for (const k of edgeKeys) self[`_PREV_${k}`] = truthy(self[k]);
    if (!c.b('Reset')) self['_RESET_USED'] = false;
  };

  return { name: spec.name, inputs: spec.inputs, outputs: spec.outputs, create, step, diagCodes: codes, safetyOutputs };
}

export function truthy(v: PinValue | undefined): boolean {
  if (typeof v === 'boolean') return v;
  if (typeof v === 'number') return v !== 0;
  if (typeof v === 'bigint') return v !== 0n;
  return false;
}

function num(v: PinValue | undefined): number {
  if (typeof v === 'number') return v;
  if (typeof v === 'bigint') return Number(v);
  if (typeof v === 'boolean') return v ? 1 : 0;
  return 0;
}
