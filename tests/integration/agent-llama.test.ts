import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { askJudge, type JudgeCall } from '../../src-main/agent/judge.js';
import type { TranscriptEntry } from '../../src-main/agent/transcript.js';
import { fixedClock } from '../../src-main/app/clock.js';
import { openFleet } from '../../src-main/fleet/load-fleet.js';
import { LlamaCppProvider } from '../../src-main/llm/llama-cpp-provider.js';
import { parseRecipe } from '../../src-main/recipe/load-recipes.js';
import { runRecipe } from '../../src-main/run/run-recipe.js';
import { Store } from '../../src-main/store/store.js';
import { EXAMPLE_FLEET } from '../helpers/temp.js';
import { writeTinyGguf } from '../helpers/tiny-gguf.js';

// The real node-llama-cpp path under the run: the tiny generated model cannot do the recipe, but the loop must
// stay bounded, record everything, and the recipe's prompt must be evaluated once for the whole fleet.
let dir: string;
let provider: LlamaCppProvider;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'plantshift-agent-llama-'));
  provider = await LlamaCppProvider.open({ modelPath: writeTinyGguf(join(dir, 'tiny.gguf')), contextSize: 16384, threads: 1, gpu: false, gpuLayers: 0 });
}, 120_000);

afterAll(async () => {
  await provider?.close();
  rmSync(dir, { recursive: true, force: true });
});

const INSTRUCTIONS = Array.from({ length: 12 }, (_, i) => `Step ${i + 1}: read the site's program and keep every interlock as it is; the plant relies on it.`).join('\n');

describe('a run with the local model (tiny GGUF, real node-llama-cpp)', () => {
  it('stays bounded on every site, records the sessions, and reuses the recipe prompt from one site to the next', async () => {
    const recipe = parseRecipe(`---\nid: tiny-run\ntitle: Tiny run\n---\n${INSTRUCTIONS}\n`, '/prompts/tiny-run.md').recipe!;
    const store = Store.open(':memory:');
    try {
      const result = await runRecipe({
        fleet: openFleet(EXAMPLE_FLEET),
        recipe,
        siteIds: ['conveyor-line-1', 'press-line-2'],
        store,
        clock: fixedClock('2026-11-25T10:00:00Z'),
        verification: 'fast',
        provider,
        maxTurns: 2,
      });
      expect(result.sites).toHaveLength(2);
      const firstRequests: TranscriptEntry[] = [];
      for (const s of result.sites) {
        // Whatever the tiny model wrote, the site ended with a status and a reason, and its session is on record.
        expect(['changed', 'unchanged', 'failed', 'needs-human'], s.message).toContain(s.status);
        expect(s.llm.requests).toBeGreaterThan(0);
        expect(s.llm.promptTokens).toBeGreaterThan(s.llm.cachedPromptTokens);
        const agent = store.steps.forSite(result.runId, s.siteId).find((x) => x.kind === 'agent')!;
        expect(agent.log).toContain('[system]');
        const record = store.steps.record(result.runId, s.siteId, agent.seq) as { transcript: TranscriptEntry[] };
        firstRequests.push(record.transcript.find((e) => e.kind === 'response')!);
      }
      const [first, second] = firstRequests;
      expect(first!.kind === 'response' && first!.usage.cachedPromptTokens).toBe(0);
      // The second site's very first request found the recipe's system prompt already in the KV cache.
      expect(second!.kind === 'response' && second!.usage.cachedPromptTokens).toBeGreaterThan(100);
      expect(result.sites[1]!.llm.prefixHits).toBeGreaterThan(0);
    } finally {
      store.close();
    }
  }, 300_000);

  it('the judge request goes through the verdict grammar: the reply is JSON in the schema, and only a real verdict counts', async () => {
    const recipe = parseRecipe(`---\nid: tiny-judge\ntitle: Tiny judge\n---\nAdd comments only.\n`, '/prompts/tiny-judge.md').recipe!;
    const calls: JudgeCall[] = [];
    const stage = await askJudge({ provider, recipe, siteId: 'press-line-2', diff: '--- a/src/Main.st\n+++ b/src/Main.st\n@@ -1 +1 @@\n-x\n+y\n', agentSummary: 'comment', input: { stages: [], safetyCritical: false, safetyCriticalReasons: [] }, calls });
    expect(calls.length).toBeGreaterThanOrEqual(1);
    expect(calls[0]!.messages[0]!.content).toContain('You are the review judge of Plantshift');
    // The grammar (bounded reasons) makes even a model that knows nothing write a complete verdict at once.
    expect(calls).toHaveLength(1);
    const [call] = calls;
    expect(call!.error).toBeNull();
    expect(['in_scope', 'out_of_scope']).toContain(call!.verdict!.verdict);
    expect(call!.verdict!.reasons.length).toBeGreaterThanOrEqual(1);
    expect(call!.verdict!.reasons.length).toBeLessThanOrEqual(6);
    expect(stage.status).toBe(call!.verdict!.verdict === 'in_scope' ? 'pass' : 'fail');
    expect(stage.findings[0]!.evidence.facts.at(-1)).toContain('judged by llama.cpp:');
  }, 120_000);
});
