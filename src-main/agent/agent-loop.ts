import type { SiteConfig } from '../../src-shared/model/site.js';
import { systemClock, type Clock } from '../app/clock.js';
import { LlmError, type ChatMessage, type ChatUsage, type LlmProvider, type ToolCall } from '../llm/provider.js';
import { SiteChecker, type CheckResult } from './site-check.js';
import { AGENT_TOOL_SPECS, findTool, newToolState, type ToolContext } from './tools/index.js';
import { totalUsage, type TranscriptEntry } from './transcript.js';
import { validateArgs } from './validate-args.js';
import { WorkingCopyPathError, type WorkingCopy } from './working-copy.js';

export type AgentStatus = 'finished' | 'turns-exhausted' | 'retries-exhausted' | 'cancelled' | 'error';

export interface AgentOptions {
  provider: LlmProvider;
  /** The recipe's instructions: the system prompt. */
  instructions: string;
  config: SiteConfig;
  copy: WorkingCopy;
  /** The first user message; by default names the site and its files. */
  task?: string;
  /** Model requests at most (default 10). */
  maxTurns?: number;
  /** Failed calls tolerated over the whole session (default 3); one more ends it with 'retries-exhausted'. */
  maxRetries?: number;
  signal?: AbortSignal;
  clock?: Clock;
  /** The site folder, recorded in the verified versions only (nothing is read from it). */
  siteDir?: string;
  maxTokens?: number;
  /** false when the recipe may not touch safety logic: check then reports a safety-critical change as an error. */
  mayTouchSafety?: boolean;
  /** KV-cache slot for the provider: sessions of one recipe share it, so the recipe's prompt is evaluated once. */
  cacheKey?: string;
  /** Sees every transcript entry as it is recorded (progress output). */
  onEvent?: (e: TranscriptEntry) => void;
}

export interface AgentResult {
  status: AgentStatus;
  /** Why the session ended, for a person. */
  reason: string;
  summary: string | null;
  transcript: TranscriptEntry[];
  diff: string;
  lastCheck: CheckResult | null;
  turns: number;
  retries: number;
  usage: ChatUsage;
}

interface CallOutcome {
  content: string;
  ok: boolean;
  retry: boolean;
}

const callKey = (c: ToolCall): string => `${c.name}\u0000${c.arguments === null ? `raw:${c.raw}` : JSON.stringify(c.arguments)}`;

/** Runs one tool call: validates it, runs the tool, and after an edit appends the automatic check. */
async function runCall(call: ToolCall, ctx: ToolContext, repeats: number): Promise<CallOutcome> {
  const tool = findTool(call.name);
  if (!tool) return { ok: false, retry: true, content: `error: unknown tool ${JSON.stringify(call.name)}; the tools are ${AGENT_TOOL_SPECS.map((t) => t.name).join(', ')}` };
  if (call.arguments === null) return { ok: false, retry: true, content: `error: the arguments of ${call.name} are not valid JSON: ${JSON.stringify(call.raw)}; send a JSON object matching the tool's parameters` };
  const problems = validateArgs(tool.parameters, call.arguments);
  if (problems.length) return { ok: false, retry: true, content: `error: invalid arguments for ${call.name}: ${problems.join('; ')}` };
  if (repeats >= 3) return { ok: false, retry: true, content: `error: this exact ${call.name} call was made ${repeats} times in a row and gives the same result; do something different` };
  ctx.state.edited = false;
  let r;
  try {
    r = await tool.handler(call.arguments as Record<string, unknown>, ctx);
  } catch (err) {
    if (err instanceof WorkingCopyPathError) return { ok: false, retry: true, content: `error: path ${err.message}` };
    return { ok: false, retry: true, content: `error: ${call.name} failed: ${err instanceof Error ? err.message : String(err)}` };
  }
  let content = r.content;
  if (r.ok && ctx.state.edited) {
    const check = await ctx.checker.check(ctx.copy);
    ctx.state.lastCheck = check;
    content += `\n\n${check.text}`;
  }
  return { ok: r.ok, retry: !r.ok, content };
}

function defaultTask(config: SiteConfig, copy: WorkingCopy): string {
  return `Apply the recipe to site ${config.id} (${config.name}, platform ${config.platform}). Its files: ${copy.paths().join(', ')}. Use the tools; call finish when check is clean.`;
}

/**
 * The coding agent's loop over an in-memory working copy. Each turn asks the model (tools offered, a tool call
 * required), runs the calls it returns and answers each with a tool message. It always ends: after `finish`,
 * after maxTurns requests, after more than maxRetries failed calls, on cancellation, or on a model error.
 */
export async function runAgent(o: AgentOptions): Promise<AgentResult> {
  const maxTurns = o.maxTurns ?? 10;
  const maxRetries = o.maxRetries ?? 3;
  const t0 = performance.now();
  const now = (): number => Math.round(performance.now() - t0);
  const transcript: TranscriptEntry[] = [];
  const record = (e: TranscriptEntry): void => {
    transcript.push(e);
    o.onEvent?.(e);
  };
  const ctx: ToolContext = { copy: o.copy, checker: new SiteChecker(o.config, o.clock ?? systemClock, o.siteDir ?? '', o.mayTouchSafety ?? true), state: newToolState() };
  const messages: ChatMessage[] = [
    { role: 'system', content: o.instructions },
    { role: 'user', content: o.task ?? defaultTask(o.config, o.copy) },
  ];
  let turn = 0;
  let retries = 0;
  let lastKey = '';
  let repeats = 0;

  const end = (status: AgentStatus, reason: string): AgentResult => {
    record({ kind: 'end', turn, atMs: now(), status, reason });
    return { status, reason, summary: ctx.state.finished?.summary ?? null, transcript, diff: o.copy.diff(), lastCheck: ctx.state.lastCheck, turns: turn, retries, usage: totalUsage(transcript) };
  };
  const cancelled = (): boolean => o.signal?.aborted === true;

  while (turn < maxTurns) {
    if (cancelled()) return end('cancelled', 'cancelled before the model was asked');
    turn++;
    record({ kind: 'request', turn, atMs: now(), messages: structuredClone(messages) });
    const asked = performance.now();
    let res;
    try {
      res = await o.provider.chat({ messages, tools: [...AGENT_TOOL_SPECS], toolChoice: 'required', temperature: 0, ...(o.maxTokens ? { maxTokens: o.maxTokens } : {}), ...(o.cacheKey !== undefined ? { cacheKey: o.cacheKey } : {}), ...(o.signal ? { signal: o.signal } : {}) });
    } catch (err) {
      if ((err instanceof LlmError && err.code === 'cancelled') || cancelled()) return end('cancelled', `the model request was cancelled: ${(err as Error).message}`);
      return end('error', `the model failed: ${err instanceof Error ? err.message : String(err)}`);
    }
    record({ kind: 'response', turn, atMs: now(), message: res.message, usage: res.usage, finishReason: res.finishReason, durationMs: res.durationMs, wallMs: Math.round(performance.now() - asked) });
    if (res.finishReason === 'cancelled' || cancelled()) return end('cancelled', 'the model reply was cancelled');
    const calls = res.message.toolCalls ?? [];
    messages.push({ role: 'assistant', content: res.message.content, ...(calls.length ? { toolCalls: calls } : {}) });
    if (!calls.length) {
      retries++;
      const why = res.finishReason === 'length' || res.finishReason === 'timeout' ? `the reply was cut short (${res.finishReason}) before a tool call` : 'the reply had no tool call';
      messages.push({ role: 'user', content: `error: ${why}; you must call one of the tools: ${AGENT_TOOL_SPECS.map((t) => t.name).join(', ')}` });
      if (retries > maxRetries) return end('retries-exhausted', `${retries} failed calls (at most ${maxRetries} allowed); last: ${why}`);
      continue;
    }
    for (const call of calls) {
      if (cancelled()) return end('cancelled', 'cancelled while running tool calls');
      record({ kind: 'tool-call', turn, atMs: now(), call });
      const key = callKey(call);
      repeats = key === lastKey ? repeats + 1 : 1;
      lastKey = key;
      const started = performance.now();
      const out = await runCall(call, ctx, repeats);
      record({ kind: 'tool-result', turn, atMs: now(), callId: call.id, name: call.name, ok: out.ok, retry: out.retry, content: out.content, durationMs: Math.round(performance.now() - started) });
      messages.push({ role: 'tool', toolCallId: call.id, content: out.content });
      if (out.retry) {
        retries++;
        if (retries > maxRetries) return end('retries-exhausted', `${retries} failed calls (at most ${maxRetries} allowed); last: ${out.content.split('\n')[0]}`);
      }
      if (ctx.state.finished) return end('finished', ctx.state.lastCheck?.clean === false ? 'finished with a failing check' : 'the agent finished with a clean check');
    }
  }
  return end('turns-exhausted', `no finish after ${maxTurns} turn(s)`);
}
