import type { SemanticModel } from '../plc/check/check-program.js';
import type { PouSym, VarSym } from '../plc/check/symbols.js';
import { containerPositions, type CompiledProject } from '../plc/project/compile-project.js';
import { key, type Expression, type VarDecl } from '../plc/st/ast.js';
import { walk } from '../plc/st/walk.js';
import { GenContext, isProgramPou } from './gen-context.js';
import { genModule, isReference } from './gen-module.js';
import type { NativeFbType } from './native-fb.js';
import { Runtime } from './runtime.js';
import { SAFETY_FBS } from '../safety-blocks/index.js';
import { CompiledProgram, type Leaf, type ModuleExports, type Task } from './sim-program.js';
import { ROCKWELL_FBS } from './rockwell-fbs.js';
import { STANDARD_FBS } from './std-fbs.js';

export interface SimProblem {
  message: string;
  file: string;
  line: number;
}

export interface CompileSiteOptions {
  /** The PROGRAM run each cycle when the sources have no CONFIGURATION. */
  entry: string;
  cycleMs: number;
  /** Container texts by file, to report lines; the project's files. */
  texts: ReadonlyMap<string, string>;
  iterationBudget?: number;
}

export const NATIVE_FBS: ReadonlyMap<string, NativeFbType> = new Map<string, NativeFbType>([
  ...STANDARD_FBS.map((f) => [f.name, f] as const),
  ...ROCKWELL_FBS.map((f) => [f.name, f] as const),
  ...[...SAFETY_FBS].map(([k, f]) => [k, f as NativeFbType] as const),
]);

function gcd(a: number, b: number): number {
  return b === 0 ? a : gcd(b, a % b);
}

/** Root variable written by an assignment target or an output connection. */
function rootVar(model: SemanticModel, e: Expression): VarSym | null {
  let x: Expression = e;
  while (x.kind === 'Member' || x.kind === 'Index' || x.kind === 'BitAccess' || x.kind === 'Paren') x = x.kind === 'Paren' ? x.expr : x.object;
  if (x.kind !== 'Name') {
    return null;
  }
  const s = model.resolution.ids.get(x.id) as VarSym | undefined;
  if (e.kind === 'Member') {
    const m = model.resolution.ids.get(e.member) as VarSym | undefined;
    if (m?.kind === 'var' && model.globalVars.includes(m)) return m;
  }
  return s?.kind === 'var' ? s : null;
}

/**
 * Compiles a checked site into a running soft-PLC program. Returns problems (file:line) for constructs the
 * simulator cannot run yet instead of running something that would behave differently from the PLC.
 */
export function compileSite(project: CompiledProject, model: SemanticModel, opts: CompileSiteOptions): { program: CompiledProgram | null; problems: SimProblem[] } {
  const position = containerPositions(project, opts.texts);
  const lineOf = (file: string, offset: number): number => position(file, offset).line;
  const g = new GenContext(model, NATIVE_FBS, lineOf);
  const source = genModule(g);
  const problems: SimProblem[] = g.problems.map((p) => {
    const at = position(p.file, p.offset);
    return { message: p.message, file: at.file, line: at.line };
  });

  // Tasks: a CONFIGURATION's cyclic tasks where the sources have one, else the site's entry program and cycle.
  const tasks: Task[] = [];
  // Organization blocks run like programs: an S7 site names OB1 (e.g. "Main") as its entry.
  const programs = new Map(model.pous.filter(isProgramPou).map((p) => [key(p.name), p] as const));
  for (const s of project.sources) {
    for (const d of s.parse.unit.declarations) {
      if (d.kind !== 'Configuration') continue;
      const taskDecls = [...d.tasks, ...d.resources.flatMap((r) => r.tasks)];
      const progs = [...d.programs, ...d.resources.flatMap((r) => r.programs)];
      for (const t of taskDecls) {
        const interval = t.params.find((p) => key(p.name.name) === 'INTERVAL')?.value;
        const prio = t.params.find((p) => key(p.name.name) === 'PRIORITY')?.value;
        const ms = interval?.kind === 'Literal' && typeof interval.value === 'bigint' ? Number(interval.value / 1_000_000n) : opts.cycleMs;
        const priority = prio?.kind === 'Literal' && typeof prio.value === 'number' ? prio.value : 0;
        tasks.push({ name: t.name.name, intervalMs: Math.max(1, ms), priority, programs: progs.filter((p) => p.task && key(p.task.name) === key(t.name.name)).map((p) => key(p.type.name)) });
      }
    }
  }
  if (tasks.length === 0) {
    if (!programs.has(key(opts.entry))) problems.push({ message: `entry program ${opts.entry} is not a PROGRAM or ORGANIZATION_BLOCK of this site`, file: '', line: 0 });
    tasks.push({ name: 'cycle', intervalMs: opts.cycleMs, priority: 0, programs: [key(opts.entry)] });
  }
  tasks.sort((a, b) => a.priority - b.priority);
  for (const t of tasks) for (const p of t.programs) if (!programs.has(p)) problems.push({ message: `task ${t.name} runs ${p}, which is not a PROGRAM or ORGANIZATION_BLOCK of this site`, file: '', line: 0 });
  if (problems.length) return { program: null, problems };

  const retainedDecls = new Set<VarDecl>();
  for (const s of project.sources) {
    walk(s.parse.unit, (n) => {
      if (n.kind === 'VarBlock' && n.qualifiers.some((q) => q === 'RETAIN' || q === 'PERSISTENT')) for (const d of n.decls) retainedDecls.add(d);
    });
  }
  const written = new Set<VarSym>();
  for (const p of model.pous) {
    if (p.builtin) continue;
    walk(p.node, (n) => {
      if (n.kind === 'Assign') {
        const v = rootVar(model, n.target);
        if (v) written.add(v);
      } else if (n.kind === 'CallArg' && n.assign === '=>' && n.value) {
        const v = rootVar(model, n.value);
        if (v) written.add(v);
      }
    });
  }
  const leaves = buildLeaves(model, g, programs, written, retainedDecls);
  const cycleMs = tasks.map((t) => t.intervalMs).reduce(gcd);
  const mod = new Function('N', source)(Object.fromEntries(NATIVE_FBS)) as ModuleExports;
  const rt = new Runtime(g.sites, opts.iterationBudget);
  const retained = new Set(leaves.filter((l) => l.variable.retain).map((l) => l.variable.path));
  return { program: new CompiledProgram(mod, NATIVE_FBS, rt, cycleMs, tasks, leaves, retained), problems: [] };
}

function typeNameOf(v: VarSym): string | null {
  const t = v.type;
  if (!t) return null;
  if (t.kind === 'elem') return t.name;
  if (t.kind === 'subrange') return t.base.name;
  if (t.kind === 'enum') return t.name;
  if (t.kind === 'string') return t.wide ? 'WSTRING' : 'STRING';
  return null;
}

function buildLeaves(model: SemanticModel, g: GenContext, programs: Map<string, PouSym>, written: Set<VarSym>, retained: Set<VarDecl>): Leaf[] {
  const leaves: Leaf[] = [];
  const isRetained = (v: VarSym): boolean => v.decl !== null && retained.has(v.decl);
  // `retain` comes from the top-level declaration: a RETAIN struct's members and array's elements are kept too.
  const add = (path: string, v: VarSym, root: 'G' | 'P', keys: (string | number)[], kind: 'input' | 'output' | 'memory' | 'variable', retain: boolean): void => {
    const type = typeNameOf(v);
    if (type) {
      leaves.push({ variable: { path, type, address: v.location, kind, retain }, root, keys, type: v.type ?? undefined });
      return;
    }
    // A structure: its fields, e.g. a Logix timer's `FillTimer.DN` (nested structures a few levels deep).
    if (v.type?.kind === 'struct' && keys.length < 5) {
      for (const f of v.type.fields.values()) add(`${path}.${f.name}`, { ...f, location: null }, root, [...keys, key(f.name)], kind, retain);
      return;
    }
    // A one-dimensional array (up to 64 elements): each element, e.g. `Main.values[3]` or `Main.cells[0].done`.
    if (v.type?.kind === 'array' && v.type.dims.length === 1 && v.type.dims[0]) {
      const { lo, hi } = v.type.dims[0];
      if (hi - lo < 64) {
        for (let i = lo; i <= hi; i++) {
          const el: VarSym = { ...v, type: v.type.element, location: null };
          add(`${path}[${i}]`, el, root, [...keys, i - lo], kind, retain);
        }
      }
      return;
    }
    // An FB instance: its outputs, so traces show timer and safety-block results.
    if (v.type?.kind === 'pou') {
      for (const o of v.type.pou.params) {
        if (o.section !== 'VAR_OUTPUT') continue;
        const t = typeNameOf(o);
        if (t) leaves.push({ variable: { path: `${path}.${o.name}`, type: t, address: null, kind: 'variable', retain: false }, root, keys: [...keys, key(o.name)], type: o.type ?? undefined });
      }
    }
  };
  for (const v of model.globalVars) {
    const loc = v.location;
    const kind = loc?.startsWith('%I') ? 'input' : loc?.startsWith('%Q') ? 'output' : loc?.startsWith('%M') ? 'memory' : written.has(v) ? 'output' : 'input';
    add(v.name, v, 'G', [g.globals.get(v)!], kind, isRetained(v));
  }
  for (const [k, p] of programs) {
    for (const v of p.vars.values()) {
      if (v.section === 'VAR_TEMP' || v.section === 'VAR_EXTERNAL' || v.section === 'VAR_IN_OUT' || isReference(v)) continue;
      add(`${p.name}.${v.name}`, v, 'P', [k, key(v.name)], v.location?.startsWith('%I') ? 'input' : v.location?.startsWith('%Q') ? 'output' : 'variable', isRetained(v));
    }
  }
  return leaves;
}
