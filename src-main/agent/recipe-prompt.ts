import type { SiteConfig } from '../../src-shared/model/site.js';
import type { Recipe } from '../recipe/recipe.js';

/**
 * The prompts built from a recipe. Everything that is the same for every site goes into the system message, so
 * the model's KV cache keeps it from one site to the next; the user message carries only what is site-specific.
 */

function recipeBody(recipe: Recipe): string {
  // Recipe bodies usually open with their own title heading; the model needs it once.
  const ownTitle = /^#\s/.test(recipe.instructions);
  const parts = [ownTitle ? `Recipe ${recipe.id}:` : `# Recipe ${recipe.id}: ${recipe.title}`, recipe.instructions];
  if (recipe.endState) parts.push(`## End state\n${recipe.endState}`);
  if (recipe.successCriteria.length) parts.push(`## Success criteria\n${recipe.successCriteria.map((c) => `- ${c}`).join('\n')}`);
  for (const ex of recipe.examples) parts.push(`## Example: ${ex.title}\nBefore:\n\`\`\`\n${ex.before.trimEnd()}\n\`\`\`\nAfter:\n\`\`\`\n${ex.after.trimEnd()}\n\`\`\``);
  return parts.join('\n\n');
}

export function agentSystemPrompt(recipe: Recipe): string {
  const safety = recipe.touchesSafety
    ? 'This recipe may edit safety logic. Every safety change is verified (static rules, simulation, formal proof) and signed off by a safety officer, so change only what the recipe asks and never weaken an interlock, an e-stop or a reset.'
    : 'This recipe may NOT edit safety logic: leave the safety POUs and every statement that writes a hazardous output, an e-stop, guard or reset signal exactly as they are. A safety-critical change from this recipe is rejected.';
  return [
    'You are the migration agent of Plantshift. You apply one migration recipe to the PLC program of one plant site, working only through the tools you are given.',
    'Rules:',
    '- Read before you edit: list_files, read_file and search show the site as it is now. Paths are site-relative, exactly as list_files prints them.',
    '- Edit with `edit`, by exact text (old must occur exactly once) or by a unified diff. After every edit the check result (compile and static safety rules, only findings new compared with the original) is shown to you: fix what it reports.',
    '- Change only what the recipe asks for. Keep comments, names, formatting and behaviour that the recipe does not mention.',
    `- ${safety}`,
    '- When the recipe is applied and check is clean, call finish with a short summary of what you changed and why. If the recipe does not apply to this site, call finish without editing and say why.',
    '',
    recipeBody(recipe),
  ].join('\n');
}

/** What one deterministic transform did before the agent starts. */
export interface DeterministicStep {
  transform: string;
  paths: readonly string[];
  /** What it deliberately left as it was (e.g. a ladder body it could not convert), for the agent to handle. */
  notes: readonly string[];
}

export interface AgentTaskInput {
  config: SiteConfig;
  paths: readonly string[];
  /** Files the deterministic steps already changed, with the step ids. */
  deterministic: readonly DeterministicStep[];
  /** Why the previous attempt was not accepted (judge reasons or verification findings). */
  feedback?: string;
}

export function agentTask(t: AgentTaskInput): string {
  const c = t.config;
  const s = c.safety;
  const lines = [
    `Site ${c.id}: ${c.name}${c.plant ? `, ${c.plant}` : ''}. Platform ${c.platform}, entry program ${c.entry}, cycle ${c.cycleMs} ms.`,
    `Safety configuration: e-stops ${list(s.estops)}; guards ${list(s.guards)}; hazardous outputs ${list(s.hazardousOutputs)}; reset ${s.reset ?? 'none'}; safety POUs ${list(s.pous)}.`,
    `Files: ${t.paths.join(', ')}.`,
  ];
  const done = t.deterministic.filter((d) => d.paths.length);
  if (done.length) lines.push(`Already done by deterministic steps (do not redo them): ${done.map((d) => `${d.transform} changed ${d.paths.join(', ')}`).join('; ')}.`);
  const left = t.deterministic.flatMap((d) => d.notes.map((n) => `- ${d.transform}: ${n}`));
  if (left.length) lines.push('Left as they were by the deterministic steps (handle them if the recipe asks for it):', ...left);
  if (t.feedback) lines.push('', 'Your previous attempt was not accepted. Address this, then call finish again:', t.feedback);
  else lines.push('Apply the recipe to this site.');
  return lines.join('\n');
}

export function judgeSystemPrompt(recipe: Recipe): string {
  return [
    'You are the review judge of Plantshift. A coding agent applied the migration recipe below to one plant site. You decide one thing: is the change in scope?',
    'In scope: the change does what the recipe asks (its end state and success criteria) and nothing else.',
    'Out of scope: edits the recipe does not call for, behaviour changes it does not ask for, renamed or reformatted code beyond it, deleted comments, unrelated clean-ups, or a recipe step left undone.',
    'Compilation, safety rules, simulation and formal proofs were already run by tools; their summary is given. Do not repeat them; use them as facts.',
    recipe.touchesSafety ? 'This recipe may change safety logic.' : 'This recipe may not change safety logic.',
    'Answer with one JSON object: {"verdict": "in_scope" or "out_of_scope", "reasons": ["...", ...]} with at least one concrete reason that names files or lines.',
    '',
    recipeBody(recipe),
  ].join('\n');
}

const list = (xs: readonly string[]): string => (xs.length ? xs.join(', ') : 'none');
