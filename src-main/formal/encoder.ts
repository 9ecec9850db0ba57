import type { SemanticModel } from '../plc/check/check-program.js';
import type { PouSym, VarSym } from '../plc/check/symbols.js';
import { key, type Expression } from '../plc/st/ast.js';
import { boolVal, constOf, convertTo, freshOf, ite, shapeOf, type Shape, type Val } from './values.js';
import type { Z, ZBool, ZBv } from './z3-context.js';

/** A construct the encoder cannot represent exactly: the proof would not be a proof, so it is reported. */
export interface Unsupported {
  construct: string;
  /** Virtual file and offset, for SiteVersion.locate. */
  file: string;
  offset: number;
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

/**
 * The symbolic state of the unrolling: the current value of every cell touched so far (a cell never touched
 * still holds its declared initial value, so cells are created lazily), the free inputs of each scan, the
 * symbolic time, and what could not be encoded.
 */
export class Encoder {
  readonly cells = new Map<string, CellInfo>();
  private cur = new Map<string, Val>();
  readonly inputs: Map<string, { info: CellInfo; v: Val }>[] = [];
  readonly unsupported: Unsupported[] = [];
  readonly abstractions = new Set<string>();
  /** Facts every behaviour satisfies (scan durations are non-negative, ...). */
  readonly wellFormed: ZBool[] = [];
  /** Extra facts that pin the abstraction to the soft-PLC's nominal timing (every scan exactly one cycle). */
  readonly nominal: ZBool[] = [];
  scan = -1;
  now!: ZBv;
  /** Every cell starts from a free value named after its path (equivalence: for all states). */
  freeInit = false;
  private n = 0;
  private readonly seen = new Set<string>();

  constructor(
    readonly z: Z,
    readonly model: SemanticModel,
    readonly writtenGlobals: ReadonlySet<string>,
    readonly cycleMs: number,
  ) {}

  fresh(prefix: string): string {
    return `${prefix}!${this.n++}`;
  }

  get T(): ZBool {
    return this.z.Bool.val(true);
  }

  unsupportedAt(file: string, node: { start: number }, construct: string): void {
    const k = `${file}:${node.start}:${construct}`;
    if (this.seen.has(k)) return;
    this.seen.add(k);
    this.unsupported.push({ construct, file, offset: node.start });
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
      if (!info || info.input || path.startsWith('F.')) continue;
      const c = freshOf(this.z, info.shape, `s!${this.scan}!${info.display}!${path}`);
      this.wellFormed.push(v.t === 'bool' && c.t === 'bool' ? c.v.eq(v.v) : v.t === 'bv' && c.t === 'bv' ? c.v.eq(v.v) : this.z.Bool.val(false));
      this.cur.set(path, c);
    }
  }

  register(info: CellInfo): CellInfo {
    const had = this.cells.get(info.path);
    if (had) return had;
    if (this.freeInit) info = { ...info, init: freshOf(this.z, info.shape, `init!${info.path}`) };
    this.cells.set(info.path, info);
    return info;
  }

  read(path: string): Val {
    const v = this.cur.get(path);
    if (v) return v;
    const info = this.cells.get(path);
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
    const nv = convertTo(this.z, v, info.shape);
    const old = this.read(path);
    this.cur.set(path, this.z.isTrue(guard) ? nv : ite(this.z, guard, nv, old));
  }

  /** Sets a cell without a guard and without reading it first (function locals at each call). */
  reset(path: string, v: Val): void {
    this.cur.set(path, v);
  }

  /** The cell of a global variable, by its VarSym or name; null when the site has no such global. */
  globalCell(name: string): CellInfo | null {
    const g = this.model.globals.vars.get(key(name));
    if (!g) return null;
    const shape = shapeOf(g.type);
    const path = `G.${key(g.name)}`;
    const hit = this.cells.get(path);
    if (hit) return hit;
    if (typeof shape === 'string') {
      this.unsupportedAt(g.file, g.id, `global ${g.name}: ${shape}`);
      return null;
    }
    const located = g.location ?? '';
    const input = located.startsWith('%I') || (!g.constant && !this.writtenGlobals.has(key(g.name)));
    return this.register({ path, display: g.name, shape, type: typeText(g), init: this.initOf(g, shape), input });
  }

  varCell(f: Frame, v: VarSym): CellInfo | null {
    const shape = shapeOf(v.type);
    const path = `${f.prefix}.${key(v.name)}`;
    const hit = this.cells.get(path);
    if (hit) return hit;
    if (typeof shape === 'string') {
      this.unsupportedAt(v.file, v.id, `${v.name}: ${shape}`);
      return null;
    }
    return this.register({ path, display: `${f.display}.${v.name}`, shape, type: typeText(v), init: this.initOf(v, shape), input: false });
  }

  initOf(v: VarSym, shape: Shape): Val {
    const e = v.decl?.init;
    if (!e) return constOf(this.z, shape, 0);
    const c = e.kind === 'ArrayInit' || e.kind === 'StructInit' ? null : this.constValue(e);
    if (c === null) {
      this.unsupportedAt(v.file, e, `initial value of ${v.name} (only constants are encoded)`);
      return constOf(this.z, shape, 0);
    }
    return constOf(this.z, shape, c);
  }

  /** A constant integer or boolean expression (literal, signed literal, enum value, constant global). */
  constValue(e: Expression, depth = 0): bigint | boolean | null {
    if (depth > 8) return null;
    switch (e.kind) {
      case 'Paren':
        return this.constValue(e.expr, depth + 1);
      case 'Literal':
        return literalValue(e);
      case 'Unary': {
        const x = this.constValue(e.operand, depth + 1);
        if (e.op === 'NOT') return typeof x === 'boolean' ? !x : null;
        if (typeof x !== 'bigint') return null;
        return e.op === '-' ? -x : x;
      }
      case 'EnumValue':
      case 'Name': {
        const s = this.model.resolution.ids.get(e.kind === 'Name' ? e.id : e.value) as { kind: string; member?: { value: number }; constant?: boolean; decl?: { init: unknown } } | undefined;
        if (s?.kind === 'enumval' && s.member) return BigInt(s.member.value);
        if (s?.kind === 'var' && s.constant && s.decl?.init && typeof s.decl.init === 'object') return this.constValue(s.decl.init as Expression, depth + 1);
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
