import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fixedClock } from '../../src-main/app/clock.js';
import { openFleet } from '../../src-main/fleet/load-fleet.js';
import { ScriptedProvider, type ScriptedTurn } from '../../src-main/llm/scripted-provider.js';
import { parseRecipe } from '../../src-main/recipe/load-recipes.js';
import type { Recipe } from '../../src-main/recipe/recipe.js';
import { runRecipe, type RunProgress } from '../../src-main/run/run-recipe.js';
import { Store } from '../../src-main/store/store.js';
import { EXAMPLE_FLEET, tempDir } from '../helpers/temp.js';
import { turn } from '../unit/agent/helpers.js';

const clock = fixedClock('2026-11-25T10:00:00Z');
const MAIN = 'src/Main.st';
const DWELL = 'tonDwell     : TON;                 // dwell at bottom of stroke';
const DWELL_NEW = 'tonDwell     : TON;                 // dwell at bottom of stroke (300 ms, see step timers)';
const PUMP = 'fbPumpStart  : R_TRIG;              // PUMP START edge';
const PUMP_NEW = 'fbPumpStart  : R_TRIG;              // pump start push button edge';

function recipe(extra = ''): Recipe {
  const text = `---
id: timer-comments
title: Document the timers
summary: Says in each timer's declaration comment what it times.
applies_to: all
touches_safety: false
transforms: [revision-note]
${extra}---
Add the preset time to the declaration comment of each TON. Change nothing else.
`;
  const r = parseRecipe(text, '/prompts/timer-comments.md');
  if (!r.recipe) throw new Error(JSON.stringify(r.problems));
  return r.recipe;
}

const judge = (verdict: 'in_scope' | 'out_of_scope', ...reasons: string[]): ScriptedTurn => ({
  message: { content: JSON.stringify({ verdict, reasons }) },
  usage: { promptTokens: 300, completionTokens: 20, cachedPromptTokens: 250 },
});

let store: Store;
beforeEach(() => {
  store = Store.open(join(tempDir(), 'plantshift.db'));
});
afterEach(() => store.close());

async function run(turns: ScriptedTurn[], o: { recipe?: Recipe; verification?: 'fast' | 'full'; provider?: ScriptedProvider | null; maxTurns?: number } = {}) {
  const provider = o.provider === undefined ? new ScriptedProvider(turns) : o.provider;
  const progress: RunProgress[] = [];
  const result = await runRecipe({
    fleet: openFleet(EXAMPLE_FLEET),
    recipe: o.recipe ?? recipe(),
    siteIds: ['press-line-2'],
    store,
    clock,
    verification: o.verification ?? 'full',
    provider,
    ...(o.maxTurns ? { maxTurns: o.maxTurns } : {}),
    onProgress: (p) => progress.push(p),
  });
  const site = result.sites[0]!;
  const steps = store.steps.forSite(result.runId, 'press-line-2');
  return { site, steps, provider, progress, runId: result.runId };
}

describe('the agent in a run: outer loop with verification and judge', () => {
  it('applies the deterministic steps, runs the agent, verifies, asks the judge and stores the change with every step', async () => {
    const { site, steps, provider, progress } = await run([
      turn(['read_file', { path: MAIN, start_line: 17, end_line: 30 }]),
      turn(['edit', { path: MAIN, old: DWELL, new: DWELL_NEW }]),
      turn(['finish', { summary: 'documented the dwell timer' }]),
      judge('in_scope', 'only the tonDwell declaration comment changed'),
    ]);
    expect(site).toMatchObject({ status: 'changed', verdict: 'pass', filesChanged: 1, linesAdded: 2, linesRemoved: 1, judge: 'in scope' });
    expect(site.agent).toBe('finished (3 turns, 1 attempt)');
    expect(site.llm).toEqual({ requests: 4, promptTokens: 600, completionTokens: 50, cachedPromptTokens: 400, prefixHits: 4, modelMs: 0 });
    expect(provider!.remaining).toBe(0);
    expect(steps.map((s) => `${s.kind}:${s.status}`)).toEqual(['transform:changed', 'agent:finished', 'verify:pass', 'judge:pass']);
    expect(steps[1]!.log).toContain('> edit {"path":"src/Main.st"');
    expect(steps[1]!.log).toContain('check: clean');
    expect(steps[3]!.log).toContain('[reply]\n{"verdict":"in_scope"');
    // The steps belong to the stored change, with its report and files.
    expect(store.steps.forChange(site.changeId!)).toHaveLength(4);
    const files = store.changes.files(site.changeId!);
    expect(files[0]!.after).toContain(DWELL_NEW);
    expect(files[0]!.after).toContain('Plantshift run 1: Document the timers');
    const report = store.verifications.get(site.changeId!)!;
    expect(report.stages.map((s) => `${s.name}:${s.status}`)).toEqual(['compile:pass', 'safety:pass', 'simulation:pass', 'formal:pass', 'judge:pass']);
    // The agent and the judge each keep their own cache slot, and the recipe prompt is the shared prefix.
    const [first, , , last] = provider!.requests;
    expect(first!.cacheKey).toBe('agent:timer-comments');
    expect(last!.cacheKey).toBe('judge:timer-comments');
    expect(last!.jsonSchema).toBeDefined();
    expect(first!.messages[0]!.content).toContain('# Recipe timer-comments: Document the timers');
    expect(first!.messages[1]!.content).toContain('revision-note changed src/Main.st');
    expect(last!.messages[1]!.content).toContain(`+    ${DWELL_NEW}`);
    expect(progress.filter((p) => p.phase === 'step').map((p) => p.message)).toContain('agent turn 2: edit src/Main.st');
  }, 180_000);

  it('a judge veto sends the agent back once with the reasons; the fixed change is accepted', async () => {
    const { site, steps, provider } = await run([
      turn(['edit', { path: MAIN, old: DWELL, new: DWELL_NEW }]),
      turn(['edit', { path: MAIN, old: PUMP, new: PUMP_NEW }]),
      turn(['finish', { summary: 'timer comment and a clearer pump comment' }]),
      judge('out_of_scope', 'src/Main.st line 18: the fbPumpStart comment is not a timer comment'),
      turn(['edit', { path: MAIN, old: PUMP_NEW, new: PUMP }]),
      turn(['finish', { summary: 'reverted the pump comment' }]),
      judge('in_scope', 'only the timer comment changed'),
    ]);
    expect(site).toMatchObject({ status: 'changed', verdict: 'pass', judge: 'in scope', agent: 'finished (5 turns, 2 attempts)' });
    expect(provider!.remaining).toBe(0);
    expect(steps.map((s) => `${s.kind}:${s.status}`)).toEqual(['transform:changed', 'agent:finished', 'verify:pass', 'judge:fail', 'agent:finished', 'verify:pass', 'judge:pass']);
    const retryTask = provider!.requests[4]!.messages[1]!.content;
    expect(retryTask).toContain('Your previous attempt was not accepted');
    expect(retryTask).toContain('src/Main.st line 18: the fbPumpStart comment is not a timer comment');
    expect(store.changes.files(site.changeId!)[0]!.after).toContain(PUMP);
  }, 180_000);

  it('a second veto ends the site as needs-human, with the change stored and failed', async () => {
    const { site, steps } = await run([
      turn(['edit', { path: MAIN, old: PUMP, new: PUMP_NEW }]),
      turn(['finish', { summary: 'clearer pump comment' }]),
      judge('out_of_scope', 'not a timer'),
      turn(['finish', { summary: 'I think it is fine' }]),
      judge('out_of_scope', 'still not a timer'),
    ]);
    expect(site).toMatchObject({ status: 'needs-human', verdict: 'fail', judge: 'vetoed on the last attempt' });
    expect(site.message).toContain('the judge vetoed the change on attempt 2');
    expect(steps.filter((s) => s.kind === 'judge').map((s) => s.status)).toEqual(['fail', 'fail']);
    const judgeStage = store.verifications.get(site.changeId!)!.stages.find((s) => s.name === 'judge')!;
    expect(judgeStage.findings[0]!.message).toBe('out of scope: still not a timer');
    // The site's outcome is stored with the change, so the review still says a person must decide after a restart.
    expect(store.runs.outcomeOf(site.changeId!)).toEqual({ status: 'needs-human', message: site.message });
  }, 180_000);

  it('a judge reply that is not a valid verdict is sent back once; two bad replies end as needs-human, never pass', async () => {
    const { site, steps } = await run([
      turn(['edit', { path: MAIN, old: DWELL, new: DWELL_NEW }]),
      turn(['finish', { summary: 'ok' }]),
      { message: { content: 'Looks good to me!' } },
      { message: { content: '{"verdict":"in_scope","reasons":[]}' } },
    ]);
    expect(site).toMatchObject({ status: 'needs-human', verdict: 'fail', judge: 'error' });
    const j = steps.find((s) => s.kind === 'judge')!;
    expect(j.status).toBe('error');
    expect(j.summary).toContain('the judge gave no valid verdict in two replies');
    expect(j.summary).toContain('reasons: Too small');
  }, 180_000);

  it('a recipe that may not touch safety logic: check flags the safety edit at once, and the judge stage fails it without asking the model', async () => {
    const SAFE = 'Alm_EStop := NOT EStop_OK;';
    const UNSAFE = 'Alm_EStop := NOT EStop_OK OR NOT Guard_Closed;';
    const { site, steps, provider } = await run([
      turn(['edit', { path: 'src/Safety_Logic.st', old: SAFE, new: UNSAFE }]),
      turn(['finish', { summary: 'alarm' }]),
      turn(['finish', { summary: 'alarm, finished anyway' }]),
      turn(['edit', { path: 'src/Safety_Logic.st', old: UNSAFE, new: SAFE }]),
      turn(['edit', { path: MAIN, old: DWELL, new: DWELL_NEW }]),
      turn(['finish', { summary: 'reverted the safety edit; timer comment' }]),
      judge('in_scope', 'timer comment only'),
    ]);
    expect(site).toMatchObject({ status: 'changed', verdict: 'pass', safetyCritical: false, judge: 'in scope' });
    expect(provider!.remaining).toBe(0);
    // The agent's own check said so right after the edit, and finish was refused once.
    const afterEdit = provider!.requests[1]!.messages.at(-1)!.content;
    expect(afterEdit).toContain('check: FAILED');
    expect(afterEdit).toContain('SCOPE-SAFETY: this recipe may not touch safety logic, but the change is now safety-critical');
    expect(provider!.requests[2]!.messages.at(-1)!.content).toMatch(/^finish refused: the check still fails/);
    // Finishing anyway, the change met the judge stage's scope rule, with no model request for it.
    const firstJudge = steps.find((s) => s.kind === 'judge')!;
    expect(firstJudge).toMatchObject({ status: 'fail', promptTokens: 0 });
    expect(firstJudge.summary).toContain('may not touch safety logic');
    expect(provider!.requests[3]!.messages[1]!.content).toContain('may not touch safety logic');
    expect(provider!.requests.filter((r) => r.jsonSchema)).toHaveLength(1);
  }, 180_000);

  it('turn exhaustion ends the site as failed with the transcript recorded and nothing stored for review', async () => {
    const { site, steps } = await run([turn(['list_files', {}]), turn(['read_file', { path: MAIN }])], { maxTurns: 2 });
    expect(site).toMatchObject({ status: 'failed', changeId: null });
    expect(site.message).toContain('agent attempt 1 ended turns-exhausted: no finish after 2 turn(s)');
    expect(steps.map((s) => `${s.kind}:${s.status}`)).toEqual(['transform:changed', 'agent:turns-exhausted']);
    expect(store.changes.list()).toHaveLength(0);
  });

  it('without a model the deterministic steps still run, and the report says the agent and judge were skipped', async () => {
    const { site, steps } = await run([], { provider: null });
    expect(site).toMatchObject({ status: 'changed', verdict: 'pass', judge: 'skipped: no model' });
    expect(site.agent).toBe('skipped: no model');
    expect(site.message).toContain('deterministic steps only: agent and judge skipped');
    expect(steps.map((s) => `${s.kind}:${s.status}`)).toEqual(['transform:changed', 'agent:skipped', 'verify:pass']);
    const judgeStage = store.verifications.get(site.changeId!)!.stages.find((s) => s.name === 'judge')!;
    expect(judgeStage).toMatchObject({ status: 'skipped' });
    expect(judgeStage.summary).toContain('no model');
  }, 180_000);

  it('without a model and without deterministic steps the site is skipped with the reason', async () => {
    const text = recipe().file;
    expect(text).toBe('/prompts/timer-comments.md');
    const r = parseRecipe('---\nid: agent-only\ntitle: Agent only\n---\nDo it.\n', '/prompts/agent-only.md').recipe!;
    const { site } = await run([], { provider: null, recipe: r, verification: 'fast' });
    expect(site).toMatchObject({ status: 'skipped', changeId: null });
    expect(site.message).toBe('agent and judge skipped: no model (run with --model FILE or --llm-url URL); the deterministic steps changed nothing');
  });

  it('cancellation: the agent session ends cancelled, later sites are not started, and the run is recorded as failed', async () => {
    const cancel = new AbortController();
    const provider = new ScriptedProvider([turn(['list_files', {}]), turn(['read_file', { path: MAIN }]), turn(['finish', { summary: 'x' }])]);
    const result = await runRecipe({
      fleet: openFleet(EXAMPLE_FLEET),
      recipe: recipe(),
      siteIds: ['press-line-2', 'pump-station-6'],
      store,
      clock,
      verification: 'fast',
      provider,
      signal: cancel.signal,
      onProgress: (p) => {
        if (p.message.startsWith('agent turn 1:')) cancel.abort();
      },
    });
    const [first, second] = result.sites;
    expect(first).toMatchObject({ siteId: 'press-line-2', status: 'failed', changeId: null });
    expect(first!.message).toContain('agent attempt 1 ended cancelled');
    expect(second).toMatchObject({ siteId: 'pump-station-6', status: 'failed', message: 'not run: the run was cancelled' });
    expect(provider.remaining).toBe(2);
    expect(store.runs.get(result.runId)!.status).toBe('failed');
    expect(store.runs.sites(result.runId).map((r) => `${r.siteId}:${r.status}`)).toEqual(['press-line-2:failed', 'pump-station-6:failed']);
    expect(store.steps.forSite(result.runId, 'press-line-2').map((x) => `${x.kind}:${x.status}`)).toEqual(['transform:changed', 'agent:cancelled']);
  });
});
