import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CHANNELS } from '../../src-shared/api/contract.js';
import type { ApiErrorData, Envelope } from '../../src-shared/api/envelope.js';
import type { Approval, ChangeDetail, ChangeSummary, RecipeSummary, RunResult } from '../../src-shared/model/change.js';
import type { FleetSummary } from '../../src-shared/model/site.js';
import { createDispatch, type Dispatch } from '../../src-main/api/dispatch.js';
import { createHandlers, type Handlers } from '../../src-main/api/handlers.js';
import { Services } from '../../src-main/api/services.js';
import { LlmError } from '../../src-main/llm/provider.js';
import { ScriptedProvider } from '../../src-main/llm/scripted-provider.js';
import { loadRecordings } from '../helpers/recordings.js';
import { fixedClock } from '../../src-main/app/clock.js';
import { packageVersion, promptsDir } from '../../src-main/app/paths.js';
import { copyExampleFleet, tempDir } from '../helpers/temp.js';
import type { VerificationReport } from '../../src-main/evidence/report.js';

let services: Services;
let dispatch: Dispatch;
let logged: string[];

beforeEach(() => {
  services = new Services({
    verification: 'fast',
    dbPath: join(tempDir(), 'plantshift.db'),
    promptsDir: promptsDir(),
    clock: fixedClock('2026-11-25T10:00:00Z'),
    host: 'bridge',
    defaultFleetPath: null,
  });
  logged = [];
  dispatch = createDispatch(createHandlers(services), (m) => logged.push(m));
});

afterEach(() => services.close());

async function ok<T>(channel: string, input: unknown): Promise<T> {
  const env = await dispatch(channel, input);
  if (!env.ok) throw new Error(`${channel} failed: ${env.error.code}: ${env.error.message}`);
  return env.value as T;
}

async function fail(channel: string, input: unknown): Promise<ApiErrorData> {
  const env: Envelope<unknown> = await dispatch(channel, input);
  expect(env.ok, `${channel} unexpectedly succeeded`).toBe(false);
  return (env as { ok: false; error: ApiErrorData }).error;
}

async function oneChange(): Promise<ChangeSummary> {
  const fleetPath = copyExampleFleet();
  const run = await ok<RunResult>('run.start', { fleetPath, recipeId: 'revision-note', siteIds: ['press-line-2'] });
  const [change] = await ok<ChangeSummary[]>('changes.list', { runId: run.runId });
  return change!;
}

const approval = { reviewer: 'Ana Ortiz', role: 'controls engineer', decision: 'approved', comment: '' };

describe('dispatch errors', () => {
  it('answers an unknown channel with unsupported', async () => {
    const err = await fail('fleet.delete', {});
    expect(err.code).toBe('unsupported');
    expect(err.message).toContain('fleet.delete');
  });

  it.each([
    ['empty reviewer', { changeId: 1, ...approval, reviewer: '   ' }, 'reviewer'],
    ['empty role', { changeId: 1, ...approval, role: '' }, 'role'],
    ['rejection without comment', { changeId: 1, ...approval, decision: 'rejected', comment: '  ' }, 'comment'],
    ['negative change id', { ...approval, changeId: -1 }, 'changeId'],
    ['fractional change id', { ...approval, changeId: 1.5 }, 'changeId'],
    ['unknown decision', { changeId: 1, ...approval, decision: 'maybe' }, 'decision'],
  ])('approvals.record with %s is invalid-input naming the field', async (_name, input, field) => {
    const err = await fail('approvals.record', input);
    expect(err.code).toBe('invalid-input');
    expect(err.message).toContain(`${field}:`);
    expect(err.details).toContain(field);
  });

  it('refuses a blank fleet path and a missing field', async () => {
    const blank = await fail('fleet.open', { path: '  ' });
    expect(blank).toMatchObject({ code: 'invalid-input', details: ['path'] });
    expect(blank.message).toContain('path: a fleet folder path is required');
    const missing = await fail('run.start', { fleetPath: '/x', siteIds: [] });
    expect(missing.code).toBe('invalid-input');
    expect(missing.message).toContain('recipeId');
  });

  it('answers changes.get of a missing id with not-found', async () => {
    const err = await fail('changes.get', { changeId: 4242 });
    expect(err.code).toBe('not-found');
    expect(err.message).toContain('4242');
  });

  it('answers approvals.record of a missing change with not-found', async () => {
    const err = await fail('approvals.record', { changeId: 4242, ...approval });
    expect(err.code).toBe('not-found');
  });

  it('passes AppErrors from services through: unknown recipe, unknown site, missing fleet', async () => {
    const fleetPath = copyExampleFleet();
    const recipe = await fail('run.start', { fleetPath, recipeId: 'no-such-recipe', siteIds: [] });
    expect(recipe.code).toBe('not-found');
    expect(recipe.message).toContain('revision-note');
    const site = await fail('run.start', { fleetPath, recipeId: 'revision-note', siteIds: ['nowhere-7'] });
    expect(site.code).toBe('invalid-input');
    expect(site.message).toContain('nowhere-7');
    const missing = join(tempDir(), 'gone');
    const fleet = await fail('fleet.open', { path: missing });
    expect(fleet.code).toBe('not-found');
    expect(fleet.message).toContain(missing);
  });

  it('turns a plain Error into internal without a stack trace', async () => {
    const handlers: Handlers = {
      ...createHandlers(services),
      'recipes.list': () => {
        throw new Error('disk on fire');
      },
    };
    const d = createDispatch(handlers, (m) => logged.push(m));
    const env = await d('recipes.list', {});
    expect(env.ok).toBe(false);
    const err = (env as { ok: false; error: ApiErrorData }).error;
    expect(err.code).toBe('internal');
    expect(err.message).toContain('disk on fire');
    expect(err.message).not.toMatch(/\n\s+at /);
    expect(err.message).not.toContain('.ts:');
    expect(err.details).toEqual([]);
    // The stack goes to the log for the developer, never across the contract.
    expect(logged.join('\n')).toMatch(/\n\s+at /);
  });

  it('turns a result that breaks the contract into internal', async () => {
    const handlers: Handlers = { ...createHandlers(services), 'fleet.pickFolder': () => ({ path: 42 }) as unknown as { path: string } };
    const env = await createDispatch(handlers, (m) => logged.push(m))('fleet.pickFolder', {});
    expect(env).toMatchObject({ ok: false, error: { code: 'internal' } });
    expect(logged.some((m) => m.includes('fleet.pickFolder'))).toBe(true);
  });
});

const FIRST_SIX = ['conveyor-line-1', 'filler-line-5', 'mixing-tank-3', 'packaging-cell-4', 'press-line-2', 'pump-station-6'];

describe('dispatch flow', () => {
  it('reports app info for the bridge host', async () => {
    const info = await ok<Record<string, unknown>>('app.info', {});
    expect(info).toEqual({ version: packageVersion(), host: 'bridge', dbPath: services.store.file, canPickFolder: false, defaultFleetPath: null, model: { description: null, problem: null } });
    expect(await ok('fleet.pickFolder', {})).toEqual({ path: null });
  });

  it('opens a fleet, runs a recipe, reviews and approves a change', async () => {
    const fleetPath = copyExampleFleet();
    const fleet = await ok<FleetSummary>('fleet.open', { path: fleetPath });
    expect(fleet.sites).toHaveLength(11);

    const recipes = await ok<RecipeSummary[]>('recipes.list', {});
    expect(recipes.map((r) => r.id)).toContain('revision-note');
    expect(recipes[0]).not.toHaveProperty('instructions');

    const progress: unknown[] = [];
    services.events.subscribe((event, payload) => progress.push({ event, payload }));
    // The fleet grows over time: the run names the first six sites so its counts stay fixed.
    const run = await ok<RunResult>('run.start', { fleetPath, recipeId: 'revision-note', siteIds: FIRST_SIX });
    // filler-line-5 is a PLCopen XML project: revision-note's precondition (ST sources) skips it.
    expect(run.sites.map((s) => s.status)).toEqual(['changed', 'skipped', 'changed', 'changed', 'changed', 'changed']);
    expect(progress.filter((p) => (p as { payload: { phase: string } }).payload.phase !== 'step')).toHaveLength(12);

    const changes = await ok<ChangeSummary[]>('changes.list', { runId: run.runId });
    expect(changes).toHaveLength(5);
    expect(changes.every((c) => c.status === 'pending')).toBe(true);
    expect(await ok<ChangeSummary[]>('changes.list', {})).toHaveLength(5);

    const target = changes.find((c) => c.siteId === 'press-line-2')!;
    const detail = await ok<ChangeDetail>('changes.get', { changeId: target.id });
    expect(detail.change).toEqual(target);
    expect(detail.files).toHaveLength(1);
    expect(detail.files[0]!.after).toContain(`Plantshift run ${run.runId}:`);
    expect(detail.approvals).toEqual([]);
    expect(detail.outcome).toEqual({ status: 'changed', message: run.sites.find((x) => x.siteId === 'press-line-2')!.message });

    const recorded = await ok<Record<string, unknown>>('approvals.record', { changeId: target.id, ...approval, comment: 'looks right' });
    expect(recorded).toMatchObject({ changeId: target.id, reviewer: 'Ana Ortiz', decision: 'approved', createdAt: '2026-11-25T10:00:00.000Z' });

    const after = await ok<ChangeDetail>('changes.get', { changeId: target.id });
    expect(after.change.status).toBe('approved');
    expect(after.approvals).toEqual([recorded]);
    const others = (await ok<ChangeSummary[]>('changes.list', { runId: run.runId })).filter((c) => c.id !== target.id);
    expect(others.every((c) => c.status === 'pending')).toBe(true);
  });

  it('refuses the same decision twice by the same reviewer with conflict', async () => {
    const change = await oneChange();
    await ok('approvals.record', { changeId: change.id, ...approval });
    const err = await fail('approvals.record', { changeId: change.id, ...approval });
    expect(err.code).toBe('conflict');
    expect(err.message).toContain('Ana Ortiz');
    // Another reviewer may approve too, and a reviewer may change their mind.
    await ok('approvals.record', { changeId: change.id, ...approval, reviewer: 'Ben Ito', role: 'safety engineer' });
    await ok('approvals.record', { changeId: change.id, ...approval, decision: 'rejected', comment: 'wrong header' });
    const detail = await ok<ChangeDetail>('changes.get', { changeId: change.id });
    expect(detail.change.status).toBe('rejected');
    expect(detail.approvals.map((a) => a.decision)).toEqual(['approved', 'approved', 'rejected']);
  });

  it("compares a reviewer's decision with their own last one, not the trail's last", async () => {
    const change = await oneChange();
    await ok('approvals.record', { changeId: change.id, ...approval });
    await ok('approvals.record', { changeId: change.id, ...approval, reviewer: 'Ben Ito' });
    expect((await fail('approvals.record', { changeId: change.id, ...approval })).code).toBe('conflict');
  });
});

describe('handlers', () => {
  it('cover every channel of the contract and nothing else', () => {
    const handlers = createHandlers(services);
    expect(Object.keys(handlers).sort()).toEqual([...CHANNELS].sort());
    for (const c of CHANNELS) expect(typeof handlers[c], c).toBe('function');
  });
});

describe('approvals follow the verification', () => {
  function changeWith(verdict: 'pass' | 'fail' | 'inconclusive', safetyCritical: boolean, openPoints: VerificationReport['openPoints'] = []): number {
    const store = services.store;
    const runId = store.runs.create('revision-note', '/fleet', '2026-11-25T10:00:00Z');
    const id = store.changes.insert({ runId, siteId: 's', siteDir: '/fleet/s', recipeId: 'revision-note', createdAt: '2026-11-25T10:00:00Z', files: [], linesAdded: 1, linesRemoved: 0 });
    const report: VerificationReport = {
      siteId: 's',
      mode: 'full',
      verdict,
      openPoints,
      safetyCritical,
      safetyCriticalReasons: safetyCritical ? ['SAF009: safety POU Safety_Logic edited'] : [],
      safety: { estops: [], guards: [], hazardousOutputs: [], reactionMs: null, reset: null, safetyPous: [], safetyVariables: [], inferred: [] },
      stages: [{ name: 'safety', status: verdict, findings: [], summary: '', durationMs: 0 }],
      createdAt: '2026-11-25T10:00:00Z',
    };
    store.verifications.insert(id, report);
    return id;
  }

  it('refuses to approve a change whose verification failed, but records a rejection', async () => {
    const id = changeWith('fail', false);
    const err = await fail('approvals.record', { changeId: id, reviewer: 'Ana Ortiz', role: 'Safety officer', decision: 'approved', comment: '' });
    expect(err.code).toBe('conflict');
    expect(err.message).toMatch(/verification failed/);
    await ok('approvals.record', { changeId: id, reviewer: 'Ana Ortiz', role: 'Safety officer', decision: 'rejected', comment: 'SAF004 restart path' });
    const detail = await ok<ChangeDetail>('changes.get', { changeId: id });
    expect(detail.verification?.verdict).toBe('fail');
    expect(detail.change.status).toBe('rejected');
  });

  it("needs the Safety officer's approval for a safety-critical change", async () => {
    const id = changeWith('pass', true);
    const err = await fail('approvals.record', { changeId: id, reviewer: 'Ben Ito', role: 'Control engineer', decision: 'approved', comment: '' });
    expect(err.code).toBe('conflict');
    expect(err.message).toMatch(/needs the approval of a Safety officer: it is safety-critical/);
    await ok('approvals.record', { changeId: id, reviewer: 'Dana Keller', role: 'Safety officer', decision: 'approved', comment: '' });
    const detail = await ok<ChangeDetail>('changes.get', { changeId: id });
    expect(detail.change).toMatchObject({ status: 'approved', safetyCritical: true, verdict: 'pass' });
    expect(detail.verification?.safetyCriticalReasons).toEqual(['SAF009: safety POU Safety_Logic edited']);
  });

  it('an inconclusive change needs the Safety officer and an acknowledgement of every open point, kept with the approval', async () => {
    const points = [
      { id: 'formal:BMC-ESTOP:0', stage: 'formal' as const, rule: 'BMC-ESTOP', what: 'e-stop property: not decided (solver timeout)', file: null, line: null },
      { id: 'safety:SAF001:0', stage: 'safety' as const, rule: 'SAF001', what: 'Heater: 23 atoms, more than the check enumerates', file: 'src/Main.st', line: 40 },
    ];
    const id = changeWith('inconclusive', false, points);
    const detail0 = await ok<ChangeDetail>('changes.get', { changeId: id });
    expect(detail0.verification).toMatchObject({ verdict: 'inconclusive', openPoints: points });
    const byEngineer = await fail('approvals.record', { changeId: id, reviewer: 'Ben Ito', role: 'Control engineer', decision: 'approved', comment: '', acknowledged: points.map((p) => p.id) });
    expect(byEngineer.code).toBe('conflict');
    expect(byEngineer.message).toMatch(/needs the approval of a Safety officer: its verification is inconclusive/);
    const partly = await fail('approvals.record', { changeId: id, reviewer: 'Dana Keller', role: 'Safety officer', decision: 'approved', comment: '', acknowledged: [points[0]!.id] });
    expect(partly.message).toMatch(/acknowledge each open point.*safety:SAF001:0/);
    const stray = await fail('approvals.record', { changeId: id, reviewer: 'Dana Keller', role: 'Safety officer', decision: 'approved', comment: '', acknowledged: ['formal:BMC-ESTOP:7'] });
    expect(stray.message).toMatch(/no open point formal:BMC-ESTOP:7/);
    const a = await ok<Approval>('approvals.record', { changeId: id, reviewer: 'Dana Keller', role: 'Safety officer', decision: 'approved', comment: 'checked both on the rig', acknowledged: points.map((p) => p.id) });
    expect(a.acknowledged).toEqual(points.map((p) => p.id));
    const detail = await ok<ChangeDetail>('changes.get', { changeId: id });
    expect(detail.change).toMatchObject({ status: 'approved', verdict: 'inconclusive' });
    expect(detail.approvals.at(-1)?.acknowledged).toEqual(points.map((p) => p.id));
  });

  it('run.cancel stops the run in progress, one run at a time', async () => {
    expect(await ok('run.cancel', {})).toEqual({ cancelled: false });
    const fleetPath = copyExampleFleet();
    const cancelled = new Promise<void>((resolve) => {
      services.events.subscribe((_event, payload) => {
        const p = payload as { phase: string; siteId: string };
        if (p.phase === 'finished' && p.siteId === 'conveyor-line-1') void ok('run.cancel', {}).then(() => resolve());
      });
    });
    const running = dispatch('run.start', { fleetPath, recipeId: 'revision-note', siteIds: FIRST_SIX });
    const second = await fail('run.start', { fleetPath, recipeId: 'revision-note', siteIds: [] });
    expect(second.code).toBe('conflict');
    expect(second.message).toContain('a run is already in progress');
    await cancelled;
    const env = await running;
    expect(env.ok).toBe(true);
    const run = (env as { value: RunResult }).value;
    expect(run.sites[0]).toMatchObject({ siteId: 'conveyor-line-1', status: 'changed' });
    expect(run.sites.slice(1).every((x) => x.status === 'failed' && x.message === 'not run: the run was cancelled')).toBe(true);
    expect(services.store.runs.get(run.runId)!.status).toBe('failed');
    // The next run may start.
    const again = await ok<RunResult>('run.start', { fleetPath, recipeId: 'revision-note', siteIds: ['press-line-2'] });
    expect(again.sites[0]!.status).toBe('changed');
  });

  it('changes.report gives the stored report as one offline HTML page, not-found for a missing change', async () => {
    const fleetPath = copyExampleFleet();
    const run = await ok<RunResult>('run.start', { fleetPath, recipeId: 'revision-note', siteIds: ['press-line-2'] });
    const { html } = await ok<{ html: string }>('changes.report', { changeId: run.sites[0]!.changeId! });
    expect(html.startsWith('<!DOCTYPE html>')).toBe(true);
    expect(html).toContain('<h1>Site press-line-2</h1>');
    expect(html).not.toMatch(/<script|https?:\/\//);
    const missing = await fail('changes.report', { changeId: 999 });
    expect(missing.code).toBe('not-found');
    expect(missing.message).toContain('change #999 has no verification report');
  });

  it('run.start uses the host\'s model for agent recipes, opened once; a model that cannot open is a bad-data error naming it', async () => {
    services.close();
    const recording = loadRecordings().find((r) => r.recipe === 'protocol_migration')!;
    let opened = 0;
    const withModel = new Services({
      verification: 'full',
      dbPath: join(tempDir(), 'plantshift.db'),
      promptsDir: promptsDir(),
      clock: fixedClock('2026-11-25T10:00:00Z'),
      host: 'bridge',
      defaultFleetPath: null,
      openModel: async () => {
        opened++;
        return new ScriptedProvider(recording.turns);
      },
    });
    services = withModel;
    dispatch = createDispatch(createHandlers(withModel));
    const fleetPath = copyExampleFleet();
    // A deterministic recipe never opens the model.
    await ok<RunResult>('run.start', { fleetPath, recipeId: 'revision-note', siteIds: ['pump-station-6'] });
    expect(opened).toBe(0);
    const run = await ok<RunResult>('run.start', { fleetPath, recipeId: 'protocol_migration', siteIds: ['pump-station-6'] });
    expect(opened).toBe(1);
    expect(run.sites[0]).toMatchObject({ status: 'changed', verdict: 'pass', judge: 'in scope' });
    const detail = await ok<ChangeDetail>('changes.get', { changeId: run.sites[0]!.changeId! });
    expect(detail.steps.map((x) => x.kind)).toEqual(['transform', 'agent', 'verify', 'judge']);

    services.close();
    const broken = new Services({
      dbPath: join(tempDir(), 'plantshift.db'),
      promptsDir: promptsDir(),
      clock: fixedClock('2026-11-25T10:00:00Z'),
      host: 'bridge',
      defaultFleetPath: null,
      openModel: () => Promise.reject(new LlmError('not-gguf', '/models/broken.gguf is not a GGUF model file')),
    });
    services = broken;
    dispatch = createDispatch(createHandlers(broken));
    const err = await fail('run.start', { fleetPath, recipeId: 'protocol_migration', siteIds: ['pump-station-6'] });
    expect(err.code).toBe('bad-data');
    expect(err.message).toBe('the model could not be opened: /models/broken.gguf is not a GGUF model file');
  }, 180_000);
});
