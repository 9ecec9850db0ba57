/** A condition a site must meet before a recipe runs on it; a site that does not is skipped with the reason. */
export type Precondition =
  | { kind: 'has-pou'; value: string }
  | { kind: 'has-variable'; value: string }
  | { kind: 'has-file'; value: string }
  | { kind: 'text-contains'; value: string }
  | { kind: 'safety-configured'; value: string }
  | { kind: 'no-guards'; value: string };

export interface RecipeExample {
  title: string;
  before: string;
  after: string;
}

/** What a recipe says beyond its summary: when it applies, what done looks like, and how it is verified. */
export interface RecipeSpec {
  preconditions: Precondition[];
  endState: string;
  successCriteria: string[];
  examples: RecipeExample[];
  /** Scenario globs a site must have (the recipe's behaviour is checked against them). */
  requiredScenarios: string[];
  /** Outputs the recipe is meant to change: the old-against-new comparison does not compare them. */
  allowedDifferences: string[];
}

const KINDS: Record<string, Precondition['kind']> = {
  has_pou: 'has-pou',
  has_variable: 'has-variable',
  has_file: 'has-file',
  text_contains: 'text-contains',
  safety_configured: 'safety-configured',
  no_guards: 'no-guards',
};

const FLAGS: ReadonlySet<Precondition['kind']> = new Set(['safety-configured', 'no-guards']);

const strings = (v: unknown): string[] | null => (v === undefined || v === null ? [] : Array.isArray(v) && v.every((x) => typeof x === 'string') ? (v as string[]) : typeof v === 'string' ? [v] : null);

/**
 * Reads the optional front-matter keys preconditions, end_state, success_criteria, examples and verification.
 * Every mistake is a problem naming the key, so a recipe is never run with a condition silently dropped.
 */
export function parseRecipeSpec(f: Record<string, unknown>, fail: (field: string, message: string) => void): RecipeSpec {
  const preconditions: Precondition[] = [];
  const pre = f['preconditions'] ?? [];
  if (!Array.isArray(pre)) fail('preconditions', 'expected a list such as [{ has_pou: Safety_Logic }]');
  else
    pre.forEach((p, i) => {
      const entries = p && typeof p === 'object' && !Array.isArray(p) ? Object.entries(p as Record<string, unknown>) : [];
      const kind = entries.length === 1 ? KINDS[entries[0]![0]] : undefined;
      const value = entries[0]?.[1];
      if (!kind || (typeof value !== 'string' && typeof value !== 'boolean')) {
        fail(`preconditions[${i}]`, `expected one of ${Object.keys(KINDS).join(', ')} with a name, glob or text`);
        return;
      }
      // A site-wide condition is a yes-only switch: `false` would read as "not required" but still be checked.
      if (FLAGS.has(kind) && value !== true) {
        fail(`preconditions[${i}]`, `${entries[0]![0]} takes only true; remove the line to drop the condition`);
        return;
      }
      preconditions.push({ kind, value: String(value) });
    });
  const endState = typeof f['end_state'] === 'string' ? f['end_state'].trim() : '';
  if (f['end_state'] !== undefined && typeof f['end_state'] !== 'string') fail('end_state', 'expected text');
  const successCriteria = strings(f['success_criteria']);
  if (!successCriteria) fail('success_criteria', 'expected a list of sentences');
  const examples: RecipeExample[] = [];
  const ex = f['examples'] ?? [];
  if (!Array.isArray(ex)) fail('examples', 'expected a list of { title, before, after }');
  else
    ex.forEach((e, i) => {
      const o = (e ?? {}) as Record<string, unknown>;
      if (typeof o['before'] !== 'string' || typeof o['after'] !== 'string') fail(`examples[${i}]`, 'expected before and after code snippets');
      else examples.push({ title: typeof o['title'] === 'string' ? o['title'] : `example ${i + 1}`, before: o['before'], after: o['after'] });
    });
  const v = (f['verification'] ?? {}) as Record<string, unknown>;
  if (typeof v !== 'object' || Array.isArray(v)) fail('verification', 'expected a mapping with required_scenarios and allowed_differences');
  for (const k of Object.keys(v)) if (k !== 'required_scenarios' && k !== 'allowed_differences') fail(`verification.${k}`, 'unknown key; expected required_scenarios or allowed_differences');
  const requiredScenarios = strings(v['required_scenarios']);
  if (!requiredScenarios) fail('verification.required_scenarios', 'expected a list of scenario globs');
  const allowedDifferences = strings(v['allowed_differences']);
  if (!allowedDifferences) fail('verification.allowed_differences', 'expected a list of variable names');
  return { preconditions, endState, successCriteria: successCriteria ?? [], examples, requiredScenarios: requiredScenarios ?? [], allowedDifferences: allowedDifferences ?? [] };
}
