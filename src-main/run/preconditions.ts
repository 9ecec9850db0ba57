import type { SiteConfig } from '../../src-shared/model/site.js';
import { expandGlobs } from '../fleet/glob.js';
import { compileProject } from '../plc/project/compile-project.js';
import { key } from '../plc/st/ast.js';
import { dialectForPlatform } from '../plc/st/dialect.js';
import type { Precondition, RecipeSpec } from '../recipe/recipe-spec.js';

function declaredNames(config: SiteConfig, sources: readonly { path: string; text: string }[]): { pous: Set<string>; vars: Set<string> } {
  const project = compileProject(sources, dialectForPlatform(config.platform));
  const pous = new Set<string>();
  const vars = new Set<string>();
  for (const s of project.sources) {
    for (const d of s.parse.unit.declarations) {
      if (d.kind === 'Pou') {
        pous.add(key(d.name.name));
        for (const b of d.varBlocks) for (const v of b.decls) for (const n of v.names) vars.add(key(n.name));
      } else if (d.kind === 'GlobalVars') for (const v of d.block.decls) for (const n of v.names) vars.add(key(n.name));
    }
  }
  return { pous, vars };
}

function describe(p: Precondition): string {
  switch (p.kind) {
    case 'has-pou':
      return `the site has no POU ${p.value}`;
    case 'has-variable':
      return `the site declares no variable ${p.value}`;
    case 'has-file':
      return `no file of the site matches ${p.value}`;
    case 'text-contains':
      return `no source of the site contains ${JSON.stringify(p.value)}`;
    case 'safety-configured':
      return "site.yaml declares no e-stops or hazardous outputs in its 'safety' block";
    case 'no-guards':
      return "the recipe is for sites without guards, and site.yaml declares guards in its 'safety' block";
  }
}

/**
 * The first unmet precondition or required scenario of a recipe for one site, as a reason a person can act on;
 * null when the recipe may run. Checked before anything runs, so a site the recipe does not fit is skipped.
 */
export function unmetPrecondition(spec: RecipeSpec, dir: string, config: SiteConfig, sources: readonly { path: string; text: string }[], root: string = dir): string | null {
  let names: ReturnType<typeof declaredNames> | null = null;
  const ns = (): ReturnType<typeof declaredNames> => (names ??= declaredNames(config, sources));
  for (const p of spec.preconditions) {
    let met: boolean;
    switch (p.kind) {
      case 'has-pou':
        met = ns().pous.has(key(p.value));
        break;
      case 'has-variable':
        met = ns().vars.has(key(p.value));
        break;
      case 'has-file':
        met = expandGlobs(dir, [p.value], root).length > 0;
        break;
      case 'text-contains':
        met = sources.some((s) => s.text.includes(p.value));
        break;
      case 'safety-configured':
        met = config.safety.estops.length > 0 && config.safety.hazardousOutputs.length > 0;
        break;
      case 'no-guards':
        met = config.safety.guards.length === 0;
        break;
    }
    if (!met) return `precondition not met: ${describe(p)}`;
  }
  for (const g of spec.requiredScenarios) {
    if (expandGlobs(dir, [g], root).length === 0) return `the recipe needs a scenario matching ${g}, which the site does not have`;
  }
  return null;
}
