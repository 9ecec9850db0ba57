import { join } from 'node:path';
import type { SiteConfig } from '../../../../src-shared/model/site.js';
import { expandGlobs } from '../../../fleet/glob.js';
import { loadSite } from '../../../fleet/load-fleet.js';
import { buildSiteProgram, readText, type SiteProgram } from '../../../fleet/site-program.js';
import { readSiteSources } from '../../../fleet/site-sources.js';
import { loadScenarios } from '../../../fleet/site-version-loader.js';
import type { VarSym } from '../../../plc/check/symbols.js';
import type { Type } from '../../../plc/check/types.js';
import { findAll } from '../../../plc/edit/codemod.js';
import type { CompiledSource } from '../../../plc/project/compile-project.js';
import { sourceFormat, type SourceFormat } from '../../../plc/project/read-source-file.js';
import { key, type Expression, type Identifier, type Pou } from '../../../plc/st/ast.js';
import { MAX_SCENARIO_BYTES, type Scenario } from '../../../sim/scenario.js';

/**
 * Everything the metamorphic generator knows about one site: its config and safety block, its source files
 * as they are on disk, the compiled project (parse trees with source maps back to the container files) and the
 * checker's model (what each name resolves to, the type of each expression). Built once per site; every
 * variant generator reads it and none changes it.
 */
export interface SiteContext {
  id: string;
  dir: string;
  config: SiteConfig;
  /** Exact source texts by site-relative path (the container files). */
  files: ReadonlyMap<string, string>;
  program: SiteProgram;
  units: UnitInfo[];
  pous: PouInfo[];
  scenarios: Scenario[];
  /** The scenario files' text, to keep renames away from names a scenario sets or expects. */
  scenarioText: string;
  /** Upper-case keys of every name the safety block mentions (e-stops, guards, hazardous outputs, reset). */
  safetyKeys: ReadonlySet<string>;
  /** Upper-case keys of the site's safety POUs (site.yaml `pous`). */
  safetyPous: ReadonlySet<string>;
}

/** One ST unit the parser saw, with its container file and format. */
export interface UnitInfo {
  cs: CompiledSource;
  /** The container file (site-relative). */
  path: string;
  format: SourceFormat | null;
  scl: boolean;
}

/** One POU (top-level or method) with the unit that holds it. */
export interface PouInfo {
  pou: Pou;
  unit: UnitInfo;
  /** Declared as safety logic in site.yaml. */
  safety: boolean;
}

/** The example site folders' loader: a site that does not load or compile is an error (the suite needs all). */
export function loadSiteContext(dir: string): SiteContext {
  const summary = loadSite(dir);
  if (!summary.config) throw new Error(`${dir}: not a usable site: ${summary.problems.map((p) => p.message).join('; ')}`);
  const config = summary.config;
  const sources = readSiteSources(summary);
  const program = buildSiteProgram(summary.dir, config, sources);
  const files = new Map(sources.map((s) => [s.path, s.text]));
  const units: UnitInfo[] = program.project.sources
    .filter((cs) => files.has(cs.source.file))
    .map((cs) => ({ cs, path: cs.source.file, format: sourceFormat(cs.source.file, files.get(cs.source.file) ?? ''), scl: /\.scl$/i.test(cs.source.file) || config.platform === 'tia' }));
  const safetyPous = new Set(config.safety.pous.map(key));
  const pous: PouInfo[] = units.flatMap((unit) => findAll(unit.cs.parse.unit, 'Pou').map((pou) => ({ pou, unit, safety: safetyPous.has(key(pou.name.name)) })));
  const s = config.safety;
  const safetyKeys = new Set([...s.estops, ...s.guards, ...s.hazardousOutputs, ...(s.reset ? [s.reset] : [])].map(key));
  let scenarios: Scenario[] = [];
  let scenarioText = '';
  try {
    scenarios = loadScenarios(summary.dir, config.scenarios);
  } catch {
    scenarios = [];
  }
  try {
    scenarioText = expandGlobs(summary.dir, config.scenarios).map((rel) => readText(join(summary.dir, rel), summary.root, MAX_SCENARIO_BYTES, 'scenario')).join('\n');
  } catch {
    scenarioText = '';
  }
  return { id: config.id, dir: summary.dir, config, files, program, units, pous, scenarios, scenarioText, safetyKeys, safetyPous };
}

export function loadSiteContextById(fleetDir: string, id: string): SiteContext {
  return loadSiteContext(join(fleetDir, id));
}

/** The type the checker gave an expression, or null. */
export function typeOf(ctx: SiteContext, e: Expression): Type | null {
  return ctx.program.model.resolution.types.get(e) ?? null;
}

export function isBool(ctx: SiteContext, e: Expression): boolean {
  const t = typeOf(ctx, e);
  return t?.kind === 'elem' && t.name === 'BOOL';
}

export function isReal(ctx: SiteContext, e: Expression): boolean {
  const t = typeOf(ctx, e);
  return t?.kind === 'elem' && (t.name === 'REAL' || t.name === 'LREAL');
}

/** The variable an identifier in a body resolves to, if it is a variable. */
export function varOf(ctx: SiteContext, id: Identifier): VarSym | null {
  const s = ctx.program.model.resolution.ids.get(id) as { kind?: string } | undefined;
  return s && s.kind === 'var' ? (s as VarSym) : null;
}

/** The POU of a node offset within a unit (innermost method first). */
export function pouAt(ctx: SiteContext, unit: UnitInfo, offset: number): PouInfo | null {
  const hits = ctx.pous.filter((p) => p.unit === unit && p.pou.start <= offset && offset < p.pou.end);
  return hits.sort((a, b) => a.pou.end - a.pou.start - (b.pou.end - b.pou.start))[0] ?? null;
}

/** The site's global variables (VAR_GLOBAL), from the checker. */
export function globalVars(ctx: SiteContext): VarSym[] {
  return ctx.program.model.globalVars;
}

/** Whether a variable is ever the target of an assignment anywhere in the site (else: an input or constant). */
export function isWritten(ctx: SiteContext, v: VarSym): boolean {
  for (const u of ctx.units) {
    for (const a of findAll(u.cs.parse.unit, 'Assign')) {
      const t = a.target;
      if (t.kind === 'Name' && varOf(ctx, t.id) === v) return true;
    }
    for (const arg of findAll(u.cs.parse.unit, 'CallArg', (x) => x.assign === '=>')) {
      if (arg.value?.kind === 'Name' && varOf(ctx, arg.value.id) === v) return true;
    }
  }
  return false;
}
