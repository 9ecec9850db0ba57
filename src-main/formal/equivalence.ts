import { analyzeProgram } from '../plc/check/index.js';
import { parseSt } from '../plc/st/parser.js';
import type { Dialect } from '../plc/st/dialect.js';
import { Encoder, type Frame } from './encoder.js';
import { findProgram } from './encode.js';
import { execBody } from './encode-stmt.js';
import type { PropertyResult } from './formal-result.js';
import { decode, type Val } from './values.js';
import { exclusive, z3, type ZBool } from './z3-context.js';

export interface EquivalenceResult {
  status: PropertyResult['status'] | 'error';
  /** For a refutation: the values of every variable before the scan, and which ones differ after it. */
  counterexample: { before: Record<string, boolean | number>; differs: { name: string; a: boolean | number; b: boolean | number }[] } | null;
  /** Parse/check errors or unencoded constructs. */
  problems: string[];
  durationMs: number;
}

export type Atom = string | { name: string; type: string };

/**
 * Proves that two ST statement lists over the same variables (e.g. a ladder network and its ST translation)
 * compute the same thing in one scan for every input and every state: each variable, and the state of every
 * FB instance (R_TRIG memory, timer state), is equal afterwards. `atoms` declares the variables (BOOL unless
 * typed). Returns a counterexample assignment when they differ.
 */
export function proveBooleanEquivalence(a: string, b: string, atoms: readonly Atom[], options: { dialect?: Dialect; timeoutMs?: number } = {}): Promise<EquivalenceResult> {
  return exclusive(() => equivalence(a, b, atoms, options.dialect ?? 'codesys', options.timeoutMs ?? 30_000));
}

async function equivalence(a: string, b: string, atoms: readonly Atom[], dialect: Dialect, timeoutMs: number): Promise<EquivalenceResult> {
  const t0 = performance.now();
  const z = await z3();
  const decls = atoms.map((x) => (typeof x === 'string' ? `${x} : BOOL;` : `${x.name} : ${x.type};`)).join('\n');
  const src = (name: string, body: string): string => `PROGRAM ${name}\nVAR\n${decls}\nEND_VAR\n${body}\nEND_PROGRAM\n`;
  const units = [parseSt(src('Equiv_A', a), 'a.st', dialect), parseSt(src('Equiv_B', b), 'b.st', dialect)];
  const model = analyzeProgram(units.map((u) => u.unit), { dialect });
  const errors = [...units.flatMap((u) => u.diagnostics), ...model.diagnostics].filter((d) => d.severity === 'error');
  const fail = (status: EquivalenceResult['status'], problems: string[]): EquivalenceResult => ({ status, counterexample: null, problems, durationMs: performance.now() - t0 });
  if (errors.length) return fail('error', errors.map((d) => `${d.span.file === 'a.st' ? 'A' : 'B'}: ${d.code} ${d.message}`));
  const run = (name: string): Encoder => {
    const en = new Encoder(z, model, new Set(), 1);
    en.freeInit = true;
    en.startScan();
    const p = findProgram(model, name)!;
    const f: Frame = { pou: p, prefix: 'P.EQUIV', display: '', file: p.file, guard: z.Bool.val(true), running: { v: z.Bool.val(true) }, loop: null, depth: 0 };
    execBody(en, f, p.node.body);
    return en;
  };
  const ea = run('Equiv_A');
  const eb = run('Equiv_B');
  const bad = [...ea.unsupported, ...eb.unsupported, ...ea.havocs.map((h) => ({ file: h.file, construct: h.what })), ...eb.havocs.map((h) => ({ file: h.file, construct: h.what }))].map((u) => `${u.file === 'a.st' ? 'A' : 'B'}: ${u.construct}`);
  if (bad.length) return fail('unsupported', bad);
  const paths = new Set([...ea.cells.keys(), ...eb.cells.keys()]);
  for (const p of paths) {
    if (!ea.cells.has(p)) ea.register(eb.cells.get(p)!);
    if (!eb.cells.has(p)) eb.register(ea.cells.get(p)!);
  }
  const pairs: { name: string; va: Val; vb: Val; init: Val }[] = [...paths].sort().map((p) => ({ name: ea.cells.get(p)!.display.replace(/^\./, ''), va: ea.read(p), vb: eb.read(p), init: ea.cells.get(p)!.init }));
  const solver = new z.Solver();
  solver.set('timeout', timeoutMs);
  const diff: ZBool[] = pairs.map((x) => (x.va.t === 'bool' && x.vb.t === 'bool' ? x.va.v.neq(x.vb.v) : x.va.t === 'bv' && x.vb.t === 'bv' ? x.va.v.neq(x.vb.v) : x.va.t === 'fp' && x.vb.t === 'fp' ? z.Not(z.Eq(x.va.v, x.vb.v)) : z.Bool.val(true)));
  solver.add(z.Or(...diff));
  const r = await solver.check();
  if (r === 'unsat') return fail('proved', []);
  if (r === 'unknown') return fail('timeout', [`solver gave up: ${solver.reasonUnknown()}`]);
  const m = solver.model();
  const val = (v: Val): boolean | number => {
    const e = m.eval(v.v, true) as unknown as { value?: () => unknown };
    return v.t === 'bool' ? String(e) === 'true' : decode(v, e.value?.());
  };
  const before: Record<string, boolean | number> = {};
  for (const x of pairs) before[x.name] = val(x.init);
  const differs = pairs.filter((x, i) => String(m.eval(diff[i]!, true)) === 'true').map((x) => ({ name: x.name, a: val(x.va), b: val(x.vb) }));
  return { status: 'violated', counterexample: { before, differs }, problems: [], durationMs: performance.now() - t0 };
}
