import type { SemanticModel } from '../plc/check/check-program.js';
import type { PouSym, VarSym } from '../plc/check/symbols.js';
import type { Type } from '../plc/check/types.js';
import { key, type Expression, type Statement } from '../plc/st/ast.js';
import { iecDefault, leafInit, typeName, type Step } from './encode-types.js';
import { boolVal, constOf, convertTo as convertShape, freshOf, ite, shapeOf, type Shape, type Val } from './values.js';
import type { Z, ZBool, ZBv } from './z3-context.js';

/** A construct the encoder cannot represent even as an over-approximation: no proof is attempted. */
export interface Unsupported {
  construct: string;
  /** Virtual file and offset, for SiteVersion.locate. */
  file: string;
  offset: number;
}

/** An over-approximation the encoder made (a value havocked, a loop cut): a proof still holds, a counterexample may not. */
export interface Havoc {
  what: string;
  file: string;
  offset: number;
  /** Dropped by encoding REAL exactly (the refinement step). */
  real: boolean;
}

/** Width of the symbolic clock in ms: k < 256 scans of at most 2^31 ms each never overflow it. */
export const CLOCK_BITS = 40;

export interface CellInfo {
  /** Internal key: `G.NAME` (global), `P.MAIN.X` (program variable), `P.MAIN.FB.Q` (instance member). */
  path: string;
  /** How the soft-PLC and traces name it: `EStop_OK`, `Main.iState`. */
  display: string;
  shape: Shape;
  type: string;
  init: Val;
  /** Free each scan: a global the program never writes, or a located %I variable. */
  input: boolean;
  /** The declaration, for what is said about the cell (REAL havocked). */
  where?: { file: string; offset: number };
}

/** A mutable flag shared by nested statement lists (RETURN, EXIT, CONTINUE). */
export interface Flag {
  v: ZBool;
}

/** Where a body runs: its POU, the instance it works on, and when it actually executes. */
export interface Frame {
  pou: PouSym;
  prefix: string;
  display: string;
  file: string;
  guard: ZBool;
  running: Flag;
  loop: { brk: Flag; cont: Flag } | null;
  depth: number;
}

/** The variable a leaf belongs to: its cell path and display name, and whether it is an input. */
export interface Base {
  path: string;
  display: string;
  v: VarSym;
  input: boolean;
}

/**
 * The symbolic state of the unrolling: the current value of every cell touched so far (a cell never touched
 * still holds its declared initial value, so cells are created lazily), the free inputs of each scan, the
 * symbolic time, what was over-approximated (`havocs`) and what could not be encoded at all (`unsupported`).
 */
export class Encoder {
  readonly cells = new Map<string, CellInfo>();
  private cur = new Map<string, Val>();
  readonly inputs: Map<string, { info: CellInfo; v: Val }>[] = [];
  readonly unsupported: Unsupported[] = [];
  readonly havocs: Havoc[] = [];
  readonly abstractions = new Set<string>();
  /** Facts every behaviour satisfies (scan durations are non-negative, ...). */
  readonly wellFormed: ZBool[] = [];
  /** Extra facts that pin the abstraction to the soft-PLC's nominal timing (every scan exactly one cycle). */
  readonly nominal: ZBool[] = [];
  scan = -1;
  now!: ZBv;
  /** Every cell starts from a free value named after its path (equivalence: for all states). */
  freeInit = false;
  /** REAL/LREAL computed exactly in IEEE arithmetic (true) or havocked (false: every REAL value is free). */
  realExact = true;
  /** Statements the properties depend on (null: all); the rest are skipped (`cone-of-influence.ts`). */
  cone: ReadonlySet<Statement> | null = null;
  /** A runtime fault (array bounds, integer division by zero) happened in an encoded statement by now. */
  fault: ZBool;
  /** `fault` at the end of each scan. */
  readonly faultAt: ZBool[] = [];
  private n = 0;
  private readonly seen = new Set<string>();

  constructor(
    readonly z: Z,
    readonly model: SemanticModel,
    readonly writtenGlobals: ReadonlySet<string>,
    readonly cycleMs: number,
  ) {
    this.fault = z.Bool.val(false);
  }

  fresh(prefix: string): string {
    return `${prefix}!${this.n++}`;
  }

  get T(): ZBool {
    return this.z.Bool.val(true);
  }

  /** Skips statements outside the cone of influence (never with no cone). */
  inCone(s: Statement): boolean {
    return this.cone === null || this.cone.has(s);
  }

  unsupportedAt(file: string, node: { start: number }, construct: string): void {
    const k = `U:${file}:${node.start}:${construct}`;
    if (this.seen.has(k)) return;
    this.seen.add(k);
    this.unsupported.push({ construct, file, offset: node.start });
  }

  /** Records an over-approximation at a place (once per place and kind). */
  noteHavoc(file: string, node: { start: number }, what: string, real = false): void {
    const k = `H:${file}:${node.start}:${what}`;
    if (this.seen.has(k)) return;
    this.seen.add(k);
    this.havocs.push({ what, file, offset: node.start, real });
  }

  /** A free value standing for something not encoded exactly, recorded with its place. */
  havocAt(file: string, node: { start: number }, what: string, shape: Shape, real = false): Val {
    this.noteHavoc(file, node, what, real);
    return freshOf(this.z, shape, this.fresh('havoc'));
  }

  /** The soft-PLC faults (and stops) when `cond` holds under the current guard. */
  faultIf(cond: ZBool, file: string, node: { start: number }, what: string): void {
    if (this.z.isFalse(cond)) return;
    this.fault = this.z.Or(this.fault, cond);
    this.noteHavoc(file, node, `${what}: the soft-PLC faults and stops; from that scan on every hazardous output is taken as unknown`);
  }

  /** Starts scan `t`: inputs become fresh, time advances by a free non-negative duration. */
  startScan(): void {
    this.scan++;
    this.inputs.push(new Map());
    for (const c of this.cells.values()) if (c.input) this.cur.delete(c.path);
    const z = this.z;
    if (this.scan === 0) this.now = z.BitVec.val(0, CLOCK_BITS);
    else {
      const d = z.BitVec.const(`scan_ms!${this.scan}`, CLOCK_BITS);
      this.wellFormed.push(d.ule(z.BitVec.val(1n << 31n, CLOCK_BITS)));
      this.nominal.push(d.eq(z.BitVec.val(this.cycleMs, CLOCK_BITS)));
      this.now = this.now.add(d);
    }
  }

  /**
   * Ends a scan: every state cell gets a named constant for its value (`s!scan!path`) with a definition in
   * `wellFormed`, so terms stay linear in k instead of nesting the whole history.
   */
  endScan(): void {
    for (const [path, v] of this.cur) {
      const info = this.cells.get(path);
      if (!info || info.input || path.startsWith('F.') || this.isValue(v)) continue;
      const c = freshOf(this.z, info.shape, `s!${this.scan}!${info.display}!${path}`);
      this.wellFormed.push(c.t === 'fp' ? this.z.Eq(c.v, v.v) : c.t === 'bool' && v.t === 'bool' ? c.v.eq(v.v) : c.t === 'bv' && v.t === 'bv' ? c.v.eq(v.v) : this.z.Bool.val(false));
      this.cur.set(path, c);
    }
    if (!this.z.isFalse(this.fault)) {
      const f = this.z.Bool.const(`fault!${this.scan}`);
      this.wellFormed.push(f.eq(this.fault));
      this.fault = f;
    }
    this.faultAt.push(this.fault);
  }

  /** A constant term (kept as is across scans, so constants propagate: indices, loop bounds, defaults). */
  isValue(v: Val): boolean {
    const z = this.z;
    return v.t === 'bool' ? z.isTrue(v.v) || z.isFalse(v.v) : v.t === 'bv' ? z.isBitVecVal(v.v) : z.isFPVal(v.v);
  }

  register(info: CellInfo): CellInfo {
    const had = this.cells.get(info.path);
    if (had) return had;
    if (this.freeInit) info = { ...info, init: freshOf(this.z, info.shape, `init!${info.path}`) };
    this.cells.set(info.path, info);
    return info;
  }

  read(path: string): Val {
    const info = this.cells.get(path);
    if (info && info.shape.t === 'fp' && !this.realExact) {
      this.noteHavoc(info.where?.file ?? '', { start: info.where?.offset ?? -1 }, `${info.display} (${info.type}): every read is a free value (REAL abstracted)`, true);
      return freshOf(this.z, info.shape, this.fresh(`real!${info.display}`));
    }
    const v = this.cur.get(path);
    if (v) return v;
    if (!info) throw new Error(`formal: cell ${path} read before it was declared`);
    let x = info.init;
    if (info.input) {
      x = freshOf(this.z, info.shape, `in!${this.scan}!${info.display}`);
      this.inputs[this.scan]!.set(info.display, { info, v: x });
    }
    this.cur.set(path, x);
    return x;
  }

  write(path: string, v: Val, guard: ZBool): void {
    const info = this.cells.get(path)!;
    if (info.shape.t === 'fp' && !this.realExact) return;
    const nv = convertShape(this.z, v, info.shape);
    const old = this.read(path);
    this.cur.set(path, this.z.isTrue(guard) ? nv : ite(this.z, guard, nv, old));
  }

  /** Sets a cell without a guard and without reading it first (function locals at each call). */
  reset(path: string, v: Val): void {
    this.cur.set(path, v);
  }

  /** The base of a global variable, by name (unqualified); null when the site has no such global. */
  globalBase(name: string): Base | null {
    const g = this.model.globals.vars.get(key(name));
    return g ? this.globalBaseOf(g) : null;
  }

  /**
   * The base of a global variable by its declaration, however it was named: `X` or `GVL.X` denote the same
   * cell. A variable of a `qualified_only` GVL is reached only through its GVL's name; it is shown (and set on
   * the soft-PLC) by its own name, as the soft-PLC names every global.
   */
  globalBaseOf(g: VarSym): Base {
    const located = g.location ?? '';
    const path = globalPath(this.model, g);
    const input = located.startsWith('%I') || (!g.constant && !this.writtenGlobals.has(path));
    return { path, display: g.name, v: g, input };
  }

  /** The cell of a scalar global variable, by name; null when the site has no such global or it is no scalar. */
  globalCell(name: string): CellInfo | null {
    const b = this.globalBase(name);
    return b ? this.leafCell(b, [], '', '', b.v.type) : null;
  }

  /** The cell of a scalar variable of a frame (local, FB member, program variable). */
  varCell(f: Frame, v: VarSym): CellInfo | null {
    return this.leafCell({ path: `${f.prefix}.${key(v.name)}`, display: `${f.display}.${v.name}`, v, input: false }, [], '', '', v.type);
  }

  /** The cell of one scalar leaf of a variable; null (nothing recorded) when its type has no encoding. */
  leafCell(b: Base, steps: readonly Step[], pathSuffix: string, displaySuffix: string, t: Type | null | undefined): CellInfo | null {
    const path = b.path + pathSuffix;
    const hit = this.cells.get(path);
    if (hit) return hit;
    const shape = shapeOf(t);
    if (typeof shape === 'string') return null;
    return this.register({ path, display: b.display + displaySuffix, shape, type: typeName(t), init: this.initOf(b.v, steps, shape, t), input: b.input, where: { file: b.v.file, offset: b.v.id.start } });
  }

  initOf(v: VarSym, steps: readonly Step[], shape: Shape, t?: Type | null): Val {
    const li = leafInit(this.model, v, steps, (e) => {
      const c = this.constValue(e);
      return typeof c === 'bigint' ? Number(c) : null;
    });
    if (li.kind === 'default') return constOf(this.z, shape, iecDefault(t ?? v.type));
    const c = li.kind === 'expr' ? this.constValue(li.e) : null;
    if (c === null) {
      const at = li.kind === 'expr' ? li.e : v.id;
      this.noteHavoc(v.file, at, `initial value of ${v.name} (not a constant): starts free`);
      return freshOf(this.z, shape, this.fresh(`init!${v.name}`));
    }
    return constOf(this.z, shape, c);
  }

  /** A constant expression (literal, signed literal, enum value in every spelling, constant variable, arithmetic). */
  constValue(e: Expression, depth = 0): bigint | boolean | number | null {
    if (depth > 16) return null;
    switch (e.kind) {
      case 'Paren':
        return this.constValue(e.expr, depth + 1);
      case 'Literal':
        if (e.litKind === 'real' && typeof e.value === 'number') return e.value;
        return literalValue(e);
      case 'Unary': {
        const x = this.constValue(e.operand, depth + 1);
        if (e.op === 'NOT') return typeof x === 'boolean' ? !x : null;
        if (typeof x === 'bigint') return e.op === '-' ? -x : x;
        if (typeof x === 'number') return e.op === '-' ? -x : x;
        return null;
      }
      case 'Binary': {
        const a = this.constValue(e.left, depth + 1);
        const b = this.constValue(e.right, depth + 1);
        if (typeof a !== 'bigint' || typeof b !== 'bigint') return null;
        if (e.op === '+') return a + b;
        if (e.op === '-') return a - b;
        if (e.op === '*') return a * b;
        return null;
      }
      case 'EnumValue': {
        const t = this.model.globals.names.get(key(e.type.name));
        const m = t?.kind === 'type' && t.type?.kind === 'enum' ? t.type.members.get(key(e.value.name)) : undefined;
        return m ? BigInt(m.value) : null;
      }
      case 'Member': {
        const m = this.model.resolution.ids.get(e.member) as { kind?: string; value?: unknown; constant?: boolean; decl?: { init: unknown } } | undefined;
        if (m && m.kind === undefined && typeof m.value === 'number') return BigInt(m.value);
        if (m?.kind === 'var' && m.constant && m.decl?.init && typeof m.decl.init === 'object') return this.constValue(m.decl.init as Expression, depth + 1);
        return null;
      }
      case 'Name': {
        const s = this.model.resolution.ids.get(e.id) as { kind: string; member?: { value: number }; constant?: boolean; decl?: { init: unknown } } | undefined;
        if (s?.kind === 'enumval' && s.member) return BigInt(s.member.value);
        if (s?.kind === 'var' && s.constant && s.decl?.init && typeof s.decl.init === 'object') return this.constValue(s.decl.init as Expression, depth + 1);
        if (!s) {
          // An enumeration value in a declaration (initial values are not resolved by the checker).
          for (const g of this.model.globals.names.values()) {
            if (g.kind === 'type' && g.type?.kind === 'enum' && !g.type.qualifiedOnly) {
              const m = g.type.members.get(key(e.id.name));
              if (m) return BigInt(m.value);
            }
          }
        }
        return null;
      }
      default:
        return null;
    }
  }

  /** Guard of a statement: the frame's guard while the body is still running and the loop not left. */
  guardOf(f: Frame): ZBool {
    const z = this.z;
    const parts = [f.guard, f.running.v, ...(f.loop ? [f.loop.brk.v, f.loop.cont.v] : [])].filter((x) => !z.isTrue(x));
    return parts.length === 0 ? z.Bool.val(true) : parts.length === 1 ? parts[0]! : z.And(...parts);
  }

  bool(b: boolean): Val {
    return boolVal(this.z.Bool.val(b));
  }
}

/**
 * The cell path of a global variable: `G.NAME` for one in the shared global namespace, `G.GVL$NAME` for one of
 * a `qualified_only` GVL (which may reuse a name declared elsewhere).
 */
export function globalPath(model: SemanticModel, g: VarSym): string {
  const k = key(g.name);
  return model.globals.vars.get(k) === g ? `G.${k}` : `G.${key(g.gvl ?? 'G')}$${k}`;
}

export function typeText(v: VarSym): string {
  const t = v.type;
  if (!t) return '?';
  if (t.kind === 'elem' || t.kind === 'enum' || t.kind === 'subrange') return t.name;
  return t.kind;
}

/** The value of an integer, boolean or duration literal as the soft-PLC holds it (TIME in ms, LTIME in ns). */
export function literalValue(e: Expression & { kind: 'Literal' }): bigint | boolean | null {
  const v = e.value;
  if (e.litKind === 'bool') return typeof v === 'boolean' ? v : null;
  if (e.litKind === 'int') return typeof v === 'number' && Number.isInteger(v) ? BigInt(v) : typeof v === 'bigint' ? v : null;
  if (e.litKind === 'time' && typeof v === 'bigint') return v / 1_000_000n;
  if (e.litKind === 'ltime' && typeof v === 'bigint') return v;
  return null;
}
