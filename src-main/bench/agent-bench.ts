import { join } from 'node:path';
import { agentSystemPrompt } from '../agent/recipe-prompt.js';
import { SiteChecker } from '../agent/site-check.js';
import { AGENT_TOOL_SPECS } from '../agent/tools/registry.js';
import { WorkingCopy } from '../agent/working-copy.js';
import { systemClock } from '../app/clock.js';
import { exampleFleetDir, promptsDir } from '../app/paths.js';
import { loadSite } from '../fleet/load-fleet.js';
import { readSiteSources } from '../fleet/site-sources.js';
import { openProvider } from '../llm/open-provider.js';
import { loadRecipes, requireRecipe } from '../recipe/load-recipes.js';
import type { Figure } from './measure.js';

/** The agent's inner loop waits for this after every edit: compile and static safety, only new findings. */
async function checkFigure(): Promise<Figure> {
  const site = loadSite(join(exampleFleetDir(), 'packaging-cell-4'));
  const copy = new WorkingCopy(readSiteSources(site));
  const checker = new SiteChecker(site.config!, systemClock, site.dir);
  const path = 'src/Safety_Logic.st';
  const text = copy.read(path);
  await checker.check(copy);
  const runs = 20;
  const t0 = performance.now();
  for (let i = 0; i < runs; i++) {
    copy.write(path, `${text}\n// edit ${i}\n`);
    await checker.check(copy);
  }
  return { name: 'agent check after an edit', value: (performance.now() - t0) / runs, unit: 'ms', note: 'packaging-cell-4: compile + static safety, findings diffed against the original' };
}

/**
 * With a model configured (settings.yaml or models/*.gguf) this measures what the KV-cache reuse saves: the
 * first request evaluates the recipe prompt, the next site's first request finds it cached.
 */
async function modelFigures(): Promise<Figure[]> {
  const opened = await openProvider({}).catch((err: unknown) => {
    process.stdout.write(`\n(model benchmark skipped: ${err instanceof Error ? err.message : String(err)})\n`);
    return null;
  });
  if (!opened) return [{ name: 'model: recipe prompt reuse', value: 0, unit: '-', note: 'skipped: no model (put one .gguf in models/ or set model: in settings.yaml)' }];
  const { provider, description } = opened;
  try {
    const recipe = requireRecipe(loadRecipes(promptsDir()), 'estop_standardize');
    const system = agentSystemPrompt(recipe);
    const ask = async (site: string): Promise<{ ms: number; cached: number; prompt: number; completion: number }> => {
      const t0 = performance.now();
      const r = await provider.chat({
        messages: [
          { role: 'system', content: system },
          { role: 'user', content: `Site ${site}. Apply the recipe to this site.` },
        ],
        tools: [...AGENT_TOOL_SPECS],
        toolChoice: 'required',
        maxTokens: 64,
        cacheKey: `agent:${recipe.id}`,
      });
      return { ms: performance.now() - t0, cached: r.usage.cachedPromptTokens, prompt: r.usage.promptTokens, completion: r.usage.completionTokens };
    };
    const cold = await ask('conveyor-line-1');
    const warm = await ask('press-line-2');
    return [
      { name: 'model: first site, recipe prompt evaluated', value: cold.ms, unit: 'ms', note: `${description}; ${cold.prompt} prompt tokens, ${cold.completion} generated` },
      { name: 'model: next site, recipe prompt from cache', value: warm.ms, unit: 'ms', note: `${warm.cached} of ${warm.prompt} prompt tokens reused` },
    ];
  } finally {
    await provider.close();
  }
}

export async function agentFigures(): Promise<Figure[]> {
  return [await checkFigure(), ...(await modelFigures())];
}
