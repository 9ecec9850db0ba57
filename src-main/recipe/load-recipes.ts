import { readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { parse } from 'yaml';
import { PLATFORMS, type ConfigProblem } from '../../src-shared/model/site.js';
import { AppError } from '../app/app-error.js';
import type { Recipe } from './recipe.js';
import { parseRecipeSpec } from './recipe-spec.js';
import { findTransform, transformIds } from './transforms/registry.js';

const ID_RE = /^[a-z0-9][a-z0-9_-]*$/;

/** Reads one recipe markdown file: YAML front matter between `---` lines, then the instructions. */
export function parseRecipe(text: string, file: string): { recipe: Recipe | null; problems: ConfigProblem[] } {
  const problems: ConfigProblem[] = [];
  const fail = (field: string | null, message: string, line: number | null = null): void => {
    problems.push({ file, line, field, message: field ? `${field}: ${message}` : message });
  };
  const m = /^\uFEFF?---\r?\n([\s\S]*?)\r?\n---\r?\n?([\s\S]*)$/.exec(text);
  if (!m) {
    fail(null, 'expected YAML front matter between "---" lines at the top of the file', 1);
    return { recipe: null, problems };
  }
  let meta: unknown;
  try {
    meta = parse(m[1]!, { maxAliasCount: 50 });
  } catch (err) {
    fail(null, `front matter is not valid YAML: ${(err as Error).message.split('\n')[0]}`);
    return { recipe: null, problems };
  }
  if (!meta || typeof meta !== 'object' || Array.isArray(meta)) {
    fail(null, 'front matter must be a mapping of keys (id, title, summary, applies_to, touches_safety, transforms)');
    return { recipe: null, problems };
  }
  const f = meta as Record<string, unknown>;
  const stem = basename(file).replace(/\.md$/i, '');
  const id = typeof f['id'] === 'string' ? f['id'] : null;
  if (!id || !ID_RE.test(id)) fail('id', 'expected a lower-case recipe id such as estop_standardize');
  else if (id !== stem) fail('id', `"${id}" must match the file name "${stem}.md"`);
  const title = typeof f['title'] === 'string' && f['title'].trim() ? f['title'].trim() : null;
  if (!title) fail('title', 'expected a one-line title');
  const summary = typeof f['summary'] === 'string' ? f['summary'].trim() : '';
  const appliesRaw = f['applies_to'] ?? 'all';
  const appliesTo = Array.isArray(appliesRaw) ? appliesRaw : [appliesRaw];
  for (const p of appliesTo) {
    if (p !== 'all' && !(PLATFORMS as readonly unknown[]).includes(p)) {
      fail('applies_to', `expected "all" or platforms from ${PLATFORMS.join(', ')}, got ${JSON.stringify(p)}`);
    }
  }
  const touchesSafety = f['touches_safety'] ?? false;
  if (typeof touchesSafety !== 'boolean') fail('touches_safety', 'expected true or false');
  const transformsRaw = f['transforms'] ?? [];
  const transforms = Array.isArray(transformsRaw) ? transformsRaw : [transformsRaw];
  for (const t of transforms) {
    if (typeof t !== 'string' || !findTransform(t)) {
      fail('transforms', `unknown transform ${JSON.stringify(t)}; known: ${transformIds().join(', ')}`);
    }
  }
  const agent = f['agent'] ?? true;
  if (typeof agent !== 'boolean') fail('agent', 'expected true (the coding agent runs after the deterministic steps) or false');
  else if (!agent && transforms.length === 0) fail('agent', 'a recipe without deterministic transforms needs the agent (agent: true)');
  const spec = parseRecipeSpec(f, (field, message) => fail(field, message));
  if (problems.length || !id || !title) return { recipe: null, problems };
  return {
    recipe: {
      id,
      title,
      summary,
      appliesTo: appliesTo as string[],
      touchesSafety: touchesSafety as boolean,
      transforms: transforms as string[],
      agent: agent as boolean,
      ...spec,
      instructions: m[2]!.trim(),
      file,
    },
    problems,
  };
}

export interface RecipeCatalog {
  recipes: Recipe[];
  problems: ConfigProblem[];
}

/** Every recipe in a prompts folder, sorted by id; broken files are reported, never fatal to the others. */
export function loadRecipes(dir: string): RecipeCatalog {
  let names: string[];
  try {
    names = readdirSync(dir).filter((n) => n.toLowerCase().endsWith('.md') && n.toLowerCase() !== 'readme.md');
  } catch (err) {
    throw new AppError('not-found', `recipes folder unreadable: ${dir}: ${(err as Error).message}`, [dir]);
  }
  const recipes: Recipe[] = [];
  const problems: ConfigProblem[] = [];
  for (const name of names.sort()) {
    const file = join(dir, name);
    const r = parseRecipe(readFileSync(file, 'utf8'), file);
    problems.push(...r.problems);
    if (r.recipe) recipes.push(r.recipe);
  }
  return { recipes, problems };
}

/** Looks a recipe up by id; the error lists what exists and why a broken file with that name was not loaded. */
export function requireRecipe(catalog: RecipeCatalog, id: string): Recipe {
  const found = catalog.recipes.find((r) => r.id === id);
  if (found) return found;
  const broken = catalog.problems.filter((p) => basename(p.file).replace(/\.md$/i, '') === id);
  if (broken.length) {
    throw new AppError('bad-data', `recipe "${id}" is invalid: ${broken.map((p) => `${p.file}: ${p.message}`).join('; ')}`, broken.map((p) => p.file));
  }
  const known = catalog.recipes.map((r) => r.id).join(', ') || 'none';
  throw new AppError('not-found', `unknown recipe "${id}"; available: ${known}`, [id]);
}
