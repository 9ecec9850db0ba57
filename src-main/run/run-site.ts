import type { SiteRunResult } from '../../src-shared/model/change.js';
import type { SiteConfig, SiteSummary } from '../../src-shared/model/site.js';
import { askJudge, type JudgeCall } from '../agent/judge.js';
import { runAgent, type AgentResult } from '../agent/agent-loop.js';
import { agentSystemPrompt, agentTask, type DeterministicStep } from '../agent/recipe-prompt.js';
import { transcriptText } from '../agent/transcript.js';
import { WorkingCopy } from '../agent/working-copy.js';
import { AppError, errorMessage } from '../app/app-error.js';
import { unifiedDiff } from '../change/line-diff.js';
import { isRunnable } from '../fleet/load-fleet.js';
import { readSiteSources, type SiteSourceFile, type SourceFile } from '../fleet/site-sources.js';
import type { LlmProvider } from '../llm/provider.js';
import { appliesToPlatform, type Recipe } from '../recipe/recipe.js';
import { findTransform } from '../recipe/transforms/registry.js';
import type { TransformNote } from '../recipe/transforms/transform.js';
import type { VerificationReport } from '../evidence/report.js';
import { verdictOf } from '../evidence/verdict.js';
import { unmetPrecondition } from './preconditions.js';
import { findingCount, keepByteOrderMarks, proposedChange, reportLines, storeChange, unwritableChange, verdictPhrase, verifySiteChange, type ProposedChange } from './site-change.js';
import { SiteRecorder } from './site-recorder.js';
import type { RunRequest } from './run-recipe.js';

export type SiteOutcome = Omit<SiteRunResult, 'siteId' | 'durationMs'>;

/** The judge vetoes once and the agent gets one more attempt with the reasons. */
const MAX_ATTEMPTS = 2;
const NO_MODEL = 'no model (run with --model FILE or --llm-url URL)';

interface SiteRun {
  site: SiteSummary;
  config: SiteConfig;
  recipe: Recipe;
  runId: number;
  req: RunRequest;
  rec: SiteRecorder;
  /** As read, each with its encoding: a change is written back in it, byte for byte outside what it changed. */
  original: SiteSourceFile[];
}

/** A change whose text the file's encoding cannot hold is never stored: its bytes could not be what was reviewed. */
const unwritableMessage = (where: string, by: string): string =>
  `${where} (${by}); the file cannot be written back in its own encoding, so nothing was stored for review: use characters the file's encoding has, or convert the file in its IDE first`;

/**
 * One site of a run: preconditions, the recipe's deterministic transforms, then (when the recipe needs it and
 * a model is given) the agent, the full verification and the judge, with one more attempt after a veto. Every
 * step is recorded with the site; a change is stored only with its verification report.
 */
export async function runSite(site: SiteSummary, recipe: Recipe, runId: number, req: RunRequest, onStep: (message: string) => void): Promise<SiteOutcome> {
  const base = { changeId: null, filesChanged: 0, linesAdded: 0, linesRemoved: 0, verdict: null, safetyCritical: false, findings: 0 };
  const zero = { requests: 0, promptTokens: 0, completionTokens: 0, cachedPromptTokens: 0, prefixHits: 0, modelMs: 0 };
  const agentNotes = { agent: recipe.agent ? (req.provider ? 'not run' : 'skipped: no model') : 'not used by this recipe', judge: '-', llm: zero };
  const none = { ...base, ...agentNotes };
  if (!isRunnable(site) || !site.config) {
    const first = site.problems[0];
    const where = first ? `${first.file}${first.line ? `:${first.line}` : ''}: ${first.message}` : 'site is not runnable';
    const more = site.problems.length > 1 ? ` (+${site.problems.length - 1} more)` : '';
    return { ...none, status: 'failed', message: where + more };
  }
  const config = site.config;
  if (!appliesToPlatform(recipe, config.platform)) {
    return { ...none, status: 'skipped', message: `recipe applies to ${recipe.appliesTo.join(', ')}, site is ${config.platform}` };
  }
  const rec = new SiteRecorder(req.store, req.clock, runId, config.id, onStep);
  try {
    const original = readSiteSources(site);
    const unmet = unmetPrecondition(recipe, site.dir, config, original, site.root);
    if (unmet) return { ...none, status: 'skipped', message: unmet };
    const s: SiteRun = { site, config, recipe, runId, req, rec, original };
    const transformed = applyTransforms(s);
    const { steps } = transformed;
    const current = keepByteOrderMarks(original, transformed.current);
    const unwritable = unwritableChange(original, current);
    if (unwritable) return { ...none, status: 'failed', message: unwritableMessage(unwritable, 'deterministic steps'), llm: rec.usage };
    const outcome = recipe.agent && req.provider ? await withAgent(s, req.provider, current, steps) : await withoutAgent(s, current);
    return { ...outcome, llm: rec.usage };
  } catch (err) {
    return { ...none, status: 'failed', message: errorMessage(err), llm: rec.usage };
  }
}

function applyTransforms(s: SiteRun): { current: Map<string, string>; steps: DeterministicStep[] } {
  let current = new Map<string, string>(s.original.map((f) => [f.path, f.text]));
  const ctx = { site: s.config, runId: s.runId, recipeId: s.recipe.id, recipeTitle: s.recipe.title, date: s.req.clock.now().toISOString().slice(0, 10) };
  const steps: DeterministicStep[] = [];
  for (const tid of s.recipe.transforms) {
    const transform = findTransform(tid);
    if (!transform) throw new AppError('bad-data', `${s.recipe.file}: unknown transform "${tid}"`);
    const t0 = performance.now();
    const files: SourceFile[] = [...current].map(([path, text]) => ({ path, text }));
    const notes: TransformNote[] = [];
    const changed = transform.apply(files, { ...ctx, report: (n) => notes.push(n) }).filter((f) => current.get(f.path) !== f.text);
    const next = new Map(current);
    for (const f of changed) {
      if (!next.has(f.path)) throw new Error(`transform ${tid} wrote ${f.path}, which is not a source of the site`);
      next.set(f.path, f.text);
    }
    const diff = changed.map((f) => unifiedDiff(f.path, current.get(f.path)!, f.text)).join('');
    const paths = changed.map((f) => f.path);
    const left = notes.map((n) => `${n.path}: ${n.message}`);
    const summary = `${tid}: ${paths.length ? `changed ${paths.join(', ')}` : 'nothing to change'}${left.length ? `; left ${left.length} thing(s) as they were` : ''}`;
    s.rec.step({ kind: 'transform', status: paths.length ? 'changed' : 'unchanged', summary, log: [...left.map((l) => `left as it was: ${l}`), diff].join('\n'), record: { transform: tid, paths, diff, notes }, durationMs: performance.now() - t0 });
    steps.push({ transform: tid, paths, notes: left });
    current = next;
  }
  return { current, steps };
}

async function verifyAndRecord(s: SiteRun, current: ReadonlyMap<string, string>, provider: LlmProvider | null, agentSummary: string | null, change: ProposedChange): Promise<VerificationReport> {
  // A cancelled run does not start a verification (the longest stretch of a site): the site ends with nothing stored.
  if (s.req.signal?.aborted) throw new AppError('invalid-input', 'cancelled before verification: nothing was stored for review');
  const calls: JudgeCall[] = [];
  const t0 = performance.now();
  const judge = provider ? (input: Parameters<typeof askJudge>[0]['input']) => askJudge({ provider, recipe: s.recipe, siteId: s.config.id, diff: change.diff, agentSummary, input, calls, ...(s.req.signal ? { signal: s.req.signal } : {}) }) : undefined;
  const report = await verifySiteChange({ site: s.site, config: s.config, recipe: s.recipe, original: s.original, current, mode: s.req.verification ?? 'full', clock: s.req.clock, ...(judge ? { judge } : {}) });
  const judgeStage = report.stages.find((x) => x.name === 'judge')!;
  const automated = report.stages.filter((x) => x.name !== 'judge');
  s.rec.step({ kind: 'verify', status: verdictOf(automated), summary: automated.map((x) => `${x.name} ${x.status}`).join(', '), log: reportLines(report).join('\n'), record: report, durationMs: performance.now() - t0 - (calls.reduce((n, c) => n + c.durationMs, 0)) });
  if (calls.length || judgeStage.findings.length) {
    s.rec.step({
      kind: 'judge',
      status: judgeStage.status,
      summary: judgeStage.findings[0]?.message ?? judgeStage.summary,
      log: calls.map((c, i) => `--- request ${i + 1}\n${c.messages.map((m) => `[${m.role}]\n${m.content}`).join('\n')}\n[reply]\n${c.reply ?? `(none: ${c.error})`}${c.error ? `\nerror: ${c.error}` : ''}`).join('\n') || judgeStage.summary,
      record: { stage: judgeStage, calls },
      requests: calls.filter((c) => c.reply !== null),
      durationMs: judgeStage.durationMs,
    });
  }
  return report;
}

function changedOutcome(s: SiteRun, change: ProposedChange, report: VerificationReport, notes: { agent: string; judge: string }, status: 'changed' | 'needs-human', why: string): SiteOutcome {
  const changeId = storeChange(s.req.store, s.rec, { runId: s.runId, config: s.config, siteDir: s.site.dir, recipeId: s.recipe.id, createdAt: s.req.clock.now().toISOString(), change, report });
  const verdict = verdictPhrase(report);
  return {
    changeId,
    filesChanged: change.files.length,
    linesAdded: change.linesAdded,
    linesRemoved: change.linesRemoved,
    status,
    message: `change #${changeId}: ${verdict}${report.safetyCritical ? ', safety-critical' : ''}; ${why}`,
    verdict: report.verdict,
    safetyCritical: report.safetyCritical,
    findings: findingCount(report),
    ...notes,
    llm: s.rec.usage,
  };
}

const judgeNote = (report: VerificationReport): string => {
  const j = report.stages.find((x) => x.name === 'judge')!;
  if (j.status === 'pass') return 'in scope';
  if (j.status === 'fail') return j.findings.some((f) => f.rule === 'SCOPE-SAFETY') ? 'out of scope (touches safety)' : 'vetoed';
  if (j.status === 'error') return 'error';
  return j.summary.startsWith('skipped: no model') ? `skipped: no model` : 'not asked';
};

/** Deterministic steps only: the recipe needs no agent, or no model was given (and the report says so). */
async function withoutAgent(s: SiteRun, current: ReadonlyMap<string, string>): Promise<Omit<SiteOutcome, 'llm'>> {
  const change = proposedChange(s.original, current);
  const agent = s.recipe.agent ? 'skipped: no model' : 'not used by this recipe';
  if (change.files.length === 0) {
    if (s.recipe.agent) {
      s.rec.step({ kind: 'agent', status: 'skipped', summary: `the agent was skipped: ${NO_MODEL}`, log: '', record: null, durationMs: 0 });
      return { changeId: null, filesChanged: 0, linesAdded: 0, linesRemoved: 0, verdict: null, safetyCritical: false, findings: 0, agent, judge: 'skipped: no model', status: 'skipped', message: `agent and judge skipped: ${NO_MODEL}; the deterministic steps changed nothing` };
    }
    return { changeId: null, filesChanged: 0, linesAdded: 0, linesRemoved: 0, verdict: null, safetyCritical: false, findings: 0, agent, judge: '-', status: 'unchanged', message: 'nothing to change' };
  }
  if (s.recipe.agent) s.rec.step({ kind: 'agent', status: 'skipped', summary: `the agent was skipped: ${NO_MODEL}; only the deterministic steps ran`, log: '', record: null, durationMs: 0 });
  const report = await verifyAndRecord(s, current, null, null, change);
  const awaits = report.verdict === 'inconclusive' ? 'awaits the Safety officer, who must acknowledge each open point' : 'awaits review';
  const why = s.recipe.agent ? `deterministic steps only: agent and judge skipped, ${NO_MODEL}; ${awaits}` : awaits;
  const scope = report.stages.find((x) => x.name === 'judge')!.status === 'fail' ? judgeNote(report) : 'skipped: no model';
  return changedOutcome(s, change, report, { agent, judge: s.recipe.agent ? scope : '-' }, 'changed', why);
}

function feedbackFrom(report: VerificationReport): string {
  const j = report.stages.find((x) => x.name === 'judge')!;
  if (j.status === 'fail') return `The judge found the change out of scope:\n${j.findings.map((f) => `- ${f.message}`).join('\n')}`;
  return `Verification failed:\n${reportLines(report).filter((l) => !/: (pass|skipped) - /.test(l)).join('\n')}`;
}

async function withAgent(s: SiteRun, provider: LlmProvider, current: ReadonlyMap<string, string>, steps: DeterministicStep[]): Promise<Omit<SiteOutcome, 'llm'>> {
  const copy = new WorkingCopy(s.original);
  for (const [path, text] of current) if (text !== s.original.find((f) => f.path === path)?.text) copy.write(path, text);
  const system = agentSystemPrompt(s.recipe);
  let feedback: string | undefined;
  let turns = 0;
  for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
    const t0 = performance.now();
    const res: AgentResult = await runAgent({
      provider,
      instructions: system,
      task: agentTask({ config: s.config, paths: copy.paths(), deterministic: steps, ...(feedback ? { feedback } : {}) }),
      config: s.config,
      copy,
      clock: s.req.clock,
      siteDir: s.site.dir,
      cacheKey: `agent:${s.recipe.id}`,
      mayTouchSafety: s.recipe.touchesSafety,
      ...(s.req.maxTurns ? { maxTurns: s.req.maxTurns } : {}),
      ...(s.req.signal ? { signal: s.req.signal } : {}),
      onEvent: (e) => {
        if (e.kind === 'tool-call') s.rec.progress(`agent turn ${e.turn}: ${e.call.name}${describeArgs(e.call.arguments)}`);
      },
    });
    turns += res.turns;
    const responses = res.transcript.flatMap((e) => (e.kind === 'response' ? [{ usage: e.usage, durationMs: e.durationMs }] : []));
    s.rec.step({
      kind: 'agent',
      status: res.status,
      summary: `attempt ${attempt}: ${res.status} after ${res.turns} turn(s), ${res.retries} retr${res.retries === 1 ? 'y' : 'ies'}: ${res.summary ?? res.reason}`,
      log: `${transcriptText(res.transcript)}\n\n${res.diff || '(no change)'}`,
      record: { attempt, status: res.status, reason: res.reason, summary: res.summary, transcript: res.transcript, diff: res.diff, lastCheck: res.lastCheck, turns: res.turns, retries: res.retries },
      requests: responses,
      durationMs: performance.now() - t0,
    });
    const agentNote = `${res.status} (${turns} turns, ${attempt} attempt${attempt > 1 ? 's' : ''})`;
    if (res.status !== 'finished') {
      return { changeId: null, filesChanged: 0, linesAdded: 0, linesRemoved: 0, verdict: null, safetyCritical: false, findings: 0, agent: agentNote, judge: 'not asked', status: 'failed', message: `agent attempt ${attempt} ended ${res.status}: ${res.reason}; nothing was stored for review` };
    }
    const now = keepByteOrderMarks(s.original, new Map(copy.sources().map((f) => [f.path, f.text])));
    const unwritable = unwritableChange(s.original, now);
    if (unwritable) {
      if (attempt < MAX_ATTEMPTS) {
        feedback = `The change cannot be saved: ${unwritable}. The file keeps its own encoding; write that text with characters it has (plain ASCII is always safe).`;
        s.rec.progress(`attempt ${attempt} not accepted (a character the file's encoding cannot hold); the agent tries once more`);
        continue;
      }
      return { changeId: null, filesChanged: 0, linesAdded: 0, linesRemoved: 0, verdict: null, safetyCritical: false, findings: 0, agent: agentNote, judge: 'not asked', status: 'failed', message: unwritableMessage(unwritable, `agent attempt ${attempt}`) };
    }
    const change = proposedChange(s.original, now);
    if (change.files.length === 0) {
      return { changeId: null, filesChanged: 0, linesAdded: 0, linesRemoved: 0, verdict: null, safetyCritical: false, findings: 0, agent: agentNote, judge: 'not asked', status: 'unchanged', message: `nothing to change: ${res.summary ?? res.reason}` };
    }
    const report = await verifyAndRecord(s, now, provider, res.summary, change);
    const judgeStatus = report.stages.find((x) => x.name === 'judge')!.status;
    const notes = { agent: agentNote, judge: judgeNote(report) };
    if (report.verdict === 'pass') return changedOutcome(s, change, report, notes, 'changed', 'awaits review');
    // An open point is the tools' limit, not the agent's mistake: another attempt would not decide it.
    if (report.verdict === 'inconclusive' && judgeStatus !== 'fail' && judgeStatus !== 'error') {
      return changedOutcome(s, change, report, notes, 'changed', 'awaits the Safety officer, who must acknowledge each open point');
    }
    if (judgeStatus === 'error') return changedOutcome(s, change, report, notes, 'needs-human', 'the judge could not decide; a person must look at it');
    if (attempt < MAX_ATTEMPTS) {
      feedback = feedbackFrom(report);
      s.rec.progress(`attempt ${attempt} not accepted (${judgeStatus === 'fail' ? 'judge veto' : 'verification failed'}); the agent tries once more`);
      continue;
    }
    if (judgeStatus === 'fail') return changedOutcome(s, change, report, { ...notes, judge: `${notes.judge} on the last attempt` }, 'needs-human', `the judge vetoed the change on attempt ${attempt}; a person must decide`);
    return changedOutcome(s, change, report, notes, 'changed', 'can only be rejected in review');
  }
  throw new Error('unreachable: every attempt returns');
}

function describeArgs(args: unknown): string {
  if (!args || typeof args !== 'object') return '';
  const path = (args as Record<string, unknown>)['path'];
  return typeof path === 'string' ? ` ${path}` : '';
}
