import { convert, reprOf } from './repr.js';
import type { Type } from '../plc/check/types.js';
import { FaultSignal, type Runtime } from './runtime.js';
import { SimPathError, type SimFault, type SimProgram, type SimValue, type SimVariable } from './sim-types.js';
import type { NativeFbType } from './native-fb.js';

export interface ModuleExports {
  initGlobals(G: Record<string, unknown>, P: Record<string, unknown>, rt: Runtime): void;
  programs: Record<string, { init(G: unknown, P: unknown, rt: Runtime): Record<string, unknown>; body(self: unknown, G: unknown, P: unknown, rt: Runtime): void }>;
}

/** A readable leaf: the walk from the root objects (G, P) to its value, and its IEC type. */
export interface Leaf {
  variable: SimVariable;
  root: 'G' | 'P' | 'IO';
  keys: (string | number)[];
  type: Type | undefined;
}

export interface Task {
  name: string;
  intervalMs: number;
  priority: number;
  programs: string[];
}

/** Converts a value from a scenario or the UI into the representation of `type`, as an HMI write would. */
function coerce(v: SimValue, type: Type | undefined): SimValue {
  const r = reprOf(type);
  const from = typeof v === 'boolean' ? 'bool' : typeof v === 'bigint' ? 'i64' : typeof v === 'string' ? 'str' : Number.isInteger(v) ? 'i32' : 'f64';
  if (r === 'other') return v;
  const k = `${from}>${r}`;
  let f = COERCERS.get(k);
  if (!f) COERCERS.set(k, (f = new Function('v', 'rt', `return ${convert('v', from, r)};`) as (v: SimValue, rt: unknown) => SimValue));
  return f(v, COERCE_RT);
}

const COERCERS = new Map<string, (v: SimValue, rt: unknown) => SimValue>();
const COERCE_RT = { toStr: String, strNum: Number, roundInt: (x: number): number => (x < 0 ? -Math.round(-x) : Math.round(x)) };

/** The running soft-PLC program of one site (see SimProgram for the contract). */
export class CompiledProgram implements SimProgram {
  private G: Record<string, unknown> = {};
  private P: Record<string, Record<string, unknown>> = {};
  private time = 0;
  private scanCount = 0;
  private faulted: SimFault | null = null;
  private readonly byPath = new Map<string, Leaf>();
  private readonly natives: Record<string, NativeFbType>;

  constructor(
    private readonly mod: ModuleExports,
    natives: ReadonlyMap<string, NativeFbType>,
    private readonly rt: Runtime,
    readonly cycleMs: number,
    private readonly tasks: Task[],
    private readonly leaves: Leaf[],
    private readonly retained: ReadonlySet<string>,
  ) {
    this.natives = Object.fromEntries(natives);
    for (const l of leaves) {
      this.byPath.set(l.variable.path.toUpperCase(), l);
      if (l.variable.address) this.byPath.set(l.variable.address.toUpperCase(), l);
    }
    this.restart('cold');
  }

  get timeMs(): number {
    return this.time;
  }
  get scans(): number {
    return this.scanCount;
  }
  get fault(): SimFault | null {
    return this.faulted;
  }

  variables(): SimVariable[] {
    return this.leaves.map((l) => l.variable);
  }

  private leaf(path: string): Leaf {
    const l = this.byPath.get(path.toUpperCase());
    if (l) return l;
    if (/^%[IQM]/i.test(path)) return { variable: { path, type: 'BOOL', address: path.toUpperCase(), kind: 'input', retain: false }, root: 'IO', keys: [path.toUpperCase()], type: undefined };
    throw new SimPathError(path, `unknown variable "${path}": not a global, Program.variable or located address of this site`);
  }

  private container(l: Leaf): { obj: Record<string | number, unknown>; key: string | number } {
    let obj: Record<string | number, unknown> = l.root === 'G' ? this.G : l.root === 'P' ? this.P : (this.rt.io as Record<string, unknown>);
    for (let i = 0; i < l.keys.length - 1; i++) obj = obj[l.keys[i]!] as Record<string | number, unknown>;
    return { obj, key: l.keys[l.keys.length - 1]! };
  }

  get(path: string): SimValue {
    const { obj, key } = this.container(this.leaf(path));
    return (obj[key] ?? false) as SimValue;
  }

  set(path: string, value: SimValue): void {
    const l = this.leaf(path);
    const { obj, key } = this.container(l);
    obj[key] = coerce(value, l.type);
  }

  scan(): void {
    if (this.faulted) return;
    const rt = this.rt;
    rt.startScan(this.time);
    try {
      for (const task of this.tasks) {
        if (this.time % task.intervalMs !== 0) continue;
        for (const name of task.programs) this.mod.programs[name]!.body(this.P[name], this.G, this.P, rt);
      }
    } catch (err) {
      this.faulted = this.toFault(err);
      return;
    }
    this.scanCount++;
    this.time += this.cycleMs;
  }

  private toFault(err: unknown): SimFault {
    if (err instanceof FaultSignal) {
      const site = this.rt.sites[err.site];
      return { kind: err.kind, message: err.message, pou: site?.pou ?? '?', file: site?.file ?? '?', line: site?.line ?? 0, timeMs: this.time, scan: this.scanCount };
    }
    const message = err instanceof RangeError ? 'call stack exhausted (recursion is not allowed on a PLC)' : `runtime fault: ${err instanceof Error ? err.message : String(err)}`;
    return { kind: 'fault', message, pou: '?', file: '?', line: 0, timeMs: this.time, scan: this.scanCount };
  }

  restart(mode: 'cold' | 'warm'): void {
    const kept = new Map<string, SimValue>();
    if (mode === 'warm') for (const p of this.retained) kept.set(p, this.get(p));
    this.G = {};
    this.P = {};
    for (const k of Object.keys(this.rt.io)) delete this.rt.io[k];
    this.rt.startScan(0);
    this.mod.initGlobals(this.G, this.P, this.rt);
    for (const [name, prog] of Object.entries(this.mod.programs)) this.P[name] = prog.init(this.G, this.P, this.rt);
    for (const [p, v] of kept) this.set(p, v);
    this.time = 0;
    this.scanCount = 0;
    this.faulted = null;
    void this.natives;
  }
}
