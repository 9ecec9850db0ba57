import type { SemanticModel } from '../plc/check/check-program.js';
import type { PouSym, VarSym } from '../plc/check/symbols.js';
import { key, type CompilationUnit, type Expression } from '../plc/st/ast.js';
import { walk } from '../plc/st/walk.js';
import { Encoder, globalPath, type Frame } from './encoder.js';
import { execBody } from './encode-stmt.js';
import { coneOfInfluence } from './cone-of-influence.js';
import { freshOf, ite, shapeOfVal, type Val } from './values.js';
import type { Z, ZBv } from './z3-context.js';

export interface UnrollOptions {
  /** The PROGRAM run every cycle. */
  entry: string;
  cycleMs: number;
  /** Number of scans k. */
  bound: number;
  /** Globals whose value at the start of each scan is wanted (e-stops, guards, reset). */
  watchIn: readonly string[];
  /** Globals whose value at the end of each scan is wanted (hazardous outputs). */
  watchOut: readonly string[];
  /** Encode only the cone of influence of the watched globals (default true). */
  cone?: boolean;
  /** REAL/LREAL in exact IEEE arithmetic (true) or havocked (false, the default: cheaper, still sound). */
  realExact?: boolean;
}

/** k scans of a site's cyclic program as SMT terms. */
export interface Unrolling {
  k: number;
  en: Encoder;
  /** Per watched name, its value at the start of each scan (inputs: the scan's free value). */
  pre: Map<string, Val[]>;
  /** Per watched name, its value at the end of each scan. */
  post: Map<string, Val[]>;
  /** Virtual time of each scan in ms (free increments; `en.nominal` pins them to the cycle). */
  times: ZBv[];
}

/** Cell paths (`globalPath`) of the globals any body of the site writes (assignment targets and output connections); the rest are inputs. */
export function writtenGlobals(model: SemanticModel, units: readonly CompilationUnit[] = []): Set<string> {
  const out = new Set<string>();
  const globals = new Set(model.globalVars);
  const root = (e: Expression | null): void => {
    let x = e;
    while (x && (x.kind === 'Member' || x.kind === 'Index' || x.kind === 'BitAccess' || x.kind === 'Paren')) {
      if (x.kind === 'Member') {
        const m = model.resolution.ids.get(x.member) as VarSym | undefined;
        if (m?.kind === 'var' && globals.has(m)) out.add(globalPath(model, m));
      }
      x = x.kind === 'Paren' ? x.expr : x.object;
    }
    if (x?.kind !== 'Name') return;
    const s = model.resolution.ids.get(x.id) as VarSym | undefined;
    if (s?.kind === 'var' && globals.has(s)) out.add(globalPath(model, s));
    else if (s?.kind === 'var' && (s.section === 'VAR_GLOBAL' || s.section === 'VAR_EXTERNAL')) out.add(`G.${key(s.name)}`);
  };
  const bodies = model.pous.filter((p) => !p.builtin).flatMap((p) => [p.node.body, ...p.node.actions.map((a) => a.body), ...p.node.methods.map((m) => m.body)]);
  for (const u of units) for (const d of u.declarations) if (d.kind === 'Action') bodies.push(d.body);
  for (const body of bodies) {
    for (const s of body) {
      walk(s, (n) => {
        if (n.kind === 'Assign') root(n.target);
        else if (n.kind === 'CallArg' && (n.assign === '=>' || n.assign === ':=')) {
          if (n.assign === '=>') root(n.value);
        }
      });
    }
  }
  return out;
}

/** The site's entry: a PROGRAM, or a Siemens ORGANIZATION_BLOCK (OB1 "Main"), which the PLC runs each cycle like one. */
export function findProgram(model: SemanticModel, name: string): PouSym | null {
  return model.pous.find((p) => !p.builtin && !p.owner && (p.pouKind === 'PROGRAM' || p.pouKind === 'ORGANIZATION_BLOCK') && key(p.name) === key(name)) ?? null;
}

/**
 * Unrolls `bound` scans of the entry program from the declared initial state. Inputs are free each scan;
 * every other variable carries over. Only the cone of influence of the watched signals is encoded; what is
 * over-approximated there is listed in `en.havocs`, what cannot be encoded at all in `en.unsupported`.
 */
export function unroll(z: Z, model: SemanticModel, units: readonly CompilationUnit[], opts: UnrollOptions): Unrolling {
  const en = new Encoder(z, model, writtenGlobals(model, units), opts.cycleMs);
  en.realExact = opts.realExact ?? false;
  if (opts.cone !== false) en.cone = coneOfInfluence(model, [...opts.watchIn, ...opts.watchOut]);
  const pre = new Map<string, Val[]>();
  const post = new Map<string, Val[]>();
  const times: ZBv[] = [];
  const main = findProgram(model, opts.entry);
  if (!main) en.unsupported.push({ construct: `entry program ${opts.entry} not found (no PROGRAM or ORGANIZATION_BLOCK of that name)`, file: '', offset: -1 });
  if (units.some((u) => u.declarations.some((d) => d.kind === 'Configuration'))) {
    en.unsupported.push({ construct: 'a CONFIGURATION with its own tasks (only the site entry program is encoded)', file: '', offset: -1 });
  }
  const watched = (name: string): string | null => {
    const c = en.globalCell(name);
    if (!c) {
      en.unsupported.push({ construct: `safety signal ${name}: not a BOOL global variable of the site`, file: '', offset: -1 });
      return null;
    }
    if (c.shape.t !== 'bool') en.unsupported.push({ construct: `safety signal ${name}: not a BOOL`, file: '', offset: -1 });
    return c.path;
  };
  const ins = opts.watchIn.map((n) => [n, watched(n)] as const);
  const outs = opts.watchOut.map((n) => [n, watched(n)] as const);
  for (const [n] of ins) pre.set(n, []);
  for (const [n] of outs) post.set(n, []);
  for (let t = 0; t < opts.bound; t++) {
    en.startScan();
    times.push(en.now);
    for (const [n, p] of ins) pre.get(n)!.push(p ? en.read(p) : en.bool(true));
    if (main) {
      const f: Frame = { pou: main, prefix: `P.${key(main.name)}`, display: main.name, file: main.file, guard: z.Bool.val(true), running: { v: z.Bool.val(true) }, loop: null, depth: 0 };
      execBody(en, f, main.node.body);
    }
    en.endScan();
    // After a runtime fault the soft-PLC stops with its outputs as they were: taken as unknown from then on.
    const faulted = en.faultAt[t]!;
    for (const [n, p] of outs) {
      const v = p ? en.read(p) : en.bool(false);
      post.get(n)!.push(z.isFalse(faulted) ? v : ite(z, faulted, freshOf(z, shapeOfVal(v), `faulted!${t}!${n}`), v));
    }
  }
  return { k: opts.bound, en, pre, post, times };
}
