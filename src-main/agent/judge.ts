import { z } from 'zod';
import { LlmError, type ChatMessage, type ChatUsage, type JsonSchema, type LlmProvider } from '../llm/provider.js';
import type { Recipe } from '../recipe/recipe.js';
import type { StageResult } from '../evidence/report.js';
import type { JudgeInput } from '../verify/stage-judge.js';
import { judgeSystemPrompt } from './recipe-prompt.js';

/**
 * The only reply the judge may give; the local model is held to it by a grammar. The bounds keep every reply
 * the grammar allows within MAX_REPLY_TOKENS (a token is at least one character), so a verdict always completes.
 */
export const JUDGE_VERDICT_SCHEMA: JsonSchema = {
  type: 'object',
  properties: {
    verdict: { enum: ['in_scope', 'out_of_scope'] },
    reasons: { type: 'array', items: { type: 'string', minLength: 1, maxLength: 300 }, minItems: 1, maxItems: 6 },
  },
  required: ['verdict', 'reasons'],
};

const VerdictSchema = z.object({
  verdict: z.enum(['in_scope', 'out_of_scope']),
  reasons: z.array(z.string().trim().min(1)).min(1),
});
export type JudgeVerdict = z.infer<typeof VerdictSchema>;

/** One request to the judge and what came back, for the site's record. */
export interface JudgeCall {
  messages: ChatMessage[];
  reply: string | null;
  usage: ChatUsage;
  durationMs: number;
  verdict: JudgeVerdict | null;
  error: string | null;
}

export interface JudgeRequest {
  provider: LlmProvider;
  recipe: Recipe;
  siteId: string;
  diff: string;
  agentSummary: string | null;
  input: JudgeInput;
  signal?: AbortSignal;
  /** Where the calls are recorded, in order (the caller stores them with the site). */
  calls: JudgeCall[];
}

const MAX_DIFF_CHARS = 24_000;
const MAX_REPLY_TOKENS = 2048;

function userMessage(r: JudgeRequest): string {
  const stages = r.input.stages.map((s) => {
    const notable = s.findings.filter((f) => f.severity !== 'info').slice(0, 8);
    return [`- ${s.name}: ${s.status} - ${s.summary}`, ...notable.map((f) => `  - ${f.severity} ${f.rule}${f.file ? ` ${f.file}${f.line ? `:${f.line}` : ''}` : ''}: ${f.message}`)].join('\n');
  });
  const diff = r.diff.length > MAX_DIFF_CHARS ? `${r.diff.slice(0, MAX_DIFF_CHARS)}\n[diff cut at ${MAX_DIFF_CHARS} of ${r.diff.length} characters]` : r.diff;
  return [
    `Site ${r.siteId}.`,
    `The agent's summary: ${r.agentSummary ?? '(none: deterministic steps only)'}`,
    `Safety-critical: ${r.input.safetyCritical ? `yes (${r.input.safetyCriticalReasons.join('; ')})` : 'no'}`,
    'Automated verification:',
    ...stages,
    'The change (unified diff):',
    diff,
  ].join('\n');
}

function parseVerdict(text: string): { verdict: JudgeVerdict } | { error: string } {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return { error: `the reply is not JSON: ${JSON.stringify(text.slice(0, 200))}` };
  }
  const r = VerdictSchema.safeParse(json);
  if (!r.success) return { error: `the reply does not match the verdict schema: ${r.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`).join('; ')}` };
  return { verdict: r.data };
}

/**
 * Asks the model for a scope verdict on a verified change. A reply that is not a valid verdict is sent back once
 * with the reason; a second bad reply, or a model failure, is a stage error (never a pass).
 */
export async function askJudge(r: JudgeRequest): Promise<Omit<StageResult, 'name' | 'durationMs'>> {
  const messages: ChatMessage[] = [
    { role: 'system', content: judgeSystemPrompt(r.recipe) },
    { role: 'user', content: userMessage(r) },
  ];
  let lastError = '';
  for (let attempt = 1; attempt <= 2; attempt++) {
    const t0 = performance.now();
    const call: JudgeCall = { messages: structuredClone(messages), reply: null, usage: { promptTokens: 0, completionTokens: 0, cachedPromptTokens: 0 }, durationMs: 0, verdict: null, error: null };
    r.calls.push(call);
    let reply;
    try {
      reply = await r.provider.chat({ messages, jsonSchema: JUDGE_VERDICT_SCHEMA, temperature: 0, maxTokens: MAX_REPLY_TOKENS, cacheKey: `judge:${r.recipe.id}`, ...(r.signal ? { signal: r.signal } : {}) });
    } catch (err) {
      call.error = err instanceof Error ? err.message : String(err);
      call.durationMs = Math.round(performance.now() - t0);
      const cancelled = err instanceof LlmError && err.code === 'cancelled';
      return errorStage(`${cancelled ? 'the judge was cancelled' : 'the judge model failed'}: ${call.error}`, r.provider.name);
    }
    call.reply = reply.message.content;
    call.usage = reply.usage;
    call.durationMs = Math.round(performance.now() - t0);
    const parsed = reply.finishReason === 'length' ? { error: `the reply was cut short after ${reply.usage.completionTokens} tokens` } : parseVerdict(reply.message.content);
    if ('verdict' in parsed) {
      call.verdict = parsed.verdict;
      return verdictStage(parsed.verdict, r.provider.name);
    }
    call.error = lastError = parsed.error;
    messages.push({ role: 'assistant', content: reply.message.content }, { role: 'user', content: `error: ${parsed.error}. Reply with only the JSON object {"verdict": ..., "reasons": [...]}.` });
  }
  return errorStage(`the judge gave no valid verdict in two replies; last: ${lastError}`, r.provider.name);
}

function verdictStage(v: JudgeVerdict, model: string): Omit<StageResult, 'name' | 'durationMs'> {
  const inScope = v.verdict === 'in_scope';
  return {
    status: inScope ? 'pass' : 'fail',
    findings: [
      {
        rule: 'JUDGE',
        severity: inScope ? 'info' : 'error',
        message: `${inScope ? 'in scope' : 'out of scope'}: ${v.reasons.join('; ')}`,
        file: null,
        line: null,
        evidence: { locations: [], trace: null, facts: [...v.reasons, `judged by ${model}`] },
      },
    ],
    summary: inScope ? 'the judge finds the change in scope' : 'the judge vetoed the change as out of scope',
  };
}

function errorStage(message: string, model: string): Omit<StageResult, 'name' | 'durationMs'> {
  return {
    status: 'error',
    findings: [{ rule: 'JUDGE', severity: 'error', message, file: null, line: null, evidence: { locations: [], trace: null, facts: [`model: ${model}`] } }],
    summary: 'the judge could not decide: the verdict cannot be pass',
  };
}
