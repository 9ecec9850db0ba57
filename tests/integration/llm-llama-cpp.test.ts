// The real node-llama-cpp path on a tiny GGUF model that the test writes itself (tests/helpers/tiny-gguf.ts).
// CPU only, one thread, prebuilt binaries only (build: 'never'): nothing is built or downloaded.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LlamaCppProvider } from '../../src-main/llm/llama-cpp-provider.js';
import { openProvider } from '../../src-main/llm/open-provider.js';
import { LlmError, type ChatMessage, type ToolSpec } from '../../src-main/llm/provider.js';
import { CHAT_REPLY, writeTinyGguf } from '../helpers/tiny-gguf.js';

const LONG = 120_000;
const SYSTEM = 'You are the Plantshift migration agent. Change only what the recipe says. Keep every comment.';
const READ_FILE: ToolSpec = {
  name: 'read_file',
  description: 'Read a file of the site',
  parameters: { type: 'object', properties: { path: { enum: ['main.st', 'io.st'] } }, required: ['path'] },
};

let dir: string;
let modelPath: string;
let provider: LlamaCppProvider;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'plantshift-llm-'));
  modelPath = writeTinyGguf(join(dir, 'tiny.gguf'));
  provider = await LlamaCppProvider.open({ modelPath, contextSize: 2048, threads: 1, gpu: false, gpuLayers: 0 });
}, LONG);

afterAll(async () => {
  await provider?.close();
  rmSync(dir, { recursive: true, force: true });
}, LONG);

const ask = (content: string): ChatMessage[] => [
  { role: 'system', content: SYSTEM },
  { role: 'user', content },
];

describe('LlamaCppProvider on the tiny model', () => {
  it('renders the chat template and returns deterministic text with token counts', async () => {
    expect(provider.chatWrapperName).toBe('ChatML');
    const r = await provider.chat({ messages: ask('hi'), maxTokens: 16 });
    expect(r.message).toEqual({ role: 'assistant', content: CHAT_REPLY });
    expect(r.finishReason).toBe('stop');
    expect(r.usage.promptTokens).toBeGreaterThan(10);
    expect(r.usage.completionTokens).toBeGreaterThan(0);
    expect(r.durationMs).toBeGreaterThanOrEqual(0);
  }, LONG);

  it('reuses the evaluated system prompt on the next call with the same prefix', async () => {
    const recipe = `Recipe: rename every TON instance in the site's programs. ${SYSTEM}`;
    const messages = (user: string): ChatMessage[] => [{ role: 'system', content: recipe }, { role: 'user', content: user }];
    const first = await provider.chat({ messages: messages('first site: line 3'), maxTokens: 16 });
    const second = await provider.chat({ messages: messages('second site: line 9'), maxTokens: 16 });
    expect(second.message.content).toBe(CHAT_REPLY);
    // The first call shares little with what came before it; the second keeps the whole system turn.
    expect(first.usage.cachedPromptTokens).toBeLessThan(first.usage.promptTokens / 2);
    expect(second.usage.cachedPromptTokens).toBeGreaterThan(first.usage.cachedPromptTokens + recipe.split(' ').length);
    expect(second.usage.cachedPromptTokens).toBeLessThan(second.usage.promptTokens);
    expect(second.usage.promptTokens - second.usage.cachedPromptTokens).toBeLessThan(first.usage.promptTokens - first.usage.cachedPromptTokens);
  }, LONG);

  it('stops at maxTokens with finishReason length', async () => {
    const r = await provider.chat({ messages: ask('hi'), maxTokens: 1 });
    expect(r.finishReason).toBe('length');
    expect(r.usage.completionTokens).toBeLessThanOrEqual(1);
  }, LONG);

  it('constrains the reply to a JSON schema, even with nonsense weights', async () => {
    const schema = {
      type: 'object',
      properties: { verdict: { enum: ['pass', 'fail'] }, ok: { type: 'boolean' }, note: { type: 'string' } },
      required: ['verdict', 'ok', 'note'],
    };
    const r = await provider.chat({ messages: ask('judge the diff'), jsonSchema: schema, maxTokens: 64 });
    const parsed = JSON.parse(r.message.content) as Record<string, unknown>;
    expect(Object.keys(parsed).sort()).toEqual(['note', 'ok', 'verdict']);
    expect(['pass', 'fail']).toContain(parsed.verdict);
    expect(typeof parsed.ok).toBe('boolean');
    expect(typeof parsed.note).toBe('string');
    expect(r.finishReason).toBe('stop');
  }, LONG);

  it('offers tools; the tiny model answers in text when it may choose', async () => {
    const r = await provider.chat({ messages: ask('hi'), tools: [READ_FILE], maxTokens: 16 });
    expect(r.message.content).toBe(CHAT_REPLY);
    expect(r.message.toolCalls).toBeUndefined();
    expect(r.finishReason).toBe('stop');
  }, LONG);

  it('returns a forced tool call as a ToolCall for the caller to run, then goes on after its result', async () => {
    const messages = ask('look at the main program');
    const r = await provider.chat({ messages, tools: [READ_FILE], toolChoice: 'required', maxTokens: 32 });
    expect(r.finishReason).toBe('tool_calls');
    const call = r.message.toolCalls?.[0];
    expect(call?.name).toBe('read_file');
    expect(['main.st', 'io.st']).toContain((call?.arguments as { path: string }).path);
    expect(JSON.parse(call!.raw)).toEqual(call!.arguments);
    expect(call?.id).toMatch(/^call_/);

    messages.push(r.message, { role: 'tool', content: 'PROGRAM main END_PROGRAM', toolCallId: call!.id });
    const next = await provider.chat({ messages, tools: [READ_FILE], maxTokens: 16 });
    expect(next.message.toolCalls).toBeUndefined();
    expect(next.usage.cachedPromptTokens).toBeGreaterThan(0);
  }, LONG);

  it('refuses a schema together with tools, and required tools without tools', async () => {
    await expect(provider.chat({ messages: ask('x'), tools: [READ_FILE], jsonSchema: { type: 'object' } })).rejects.toMatchObject({ code: 'bad-request' });
    await expect(provider.chat({ messages: ask('x'), toolChoice: 'required' })).rejects.toMatchObject({ code: 'bad-request' });
  }, LONG);

  it('is cancelled by an AbortSignal', async () => {
    const ac = new AbortController();
    ac.abort();
    const err = await provider.chat({ messages: ask('hi'), signal: ac.signal }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(LlmError);
    expect((err as LlmError).code).toBe('cancelled');

    // Aborted while it runs: either nothing came back yet (an error) or the partial reply is marked cancelled.
    const running = new AbortController();
    const pending = provider.chat({ messages: ask('a long answer please'), jsonSchema: LONG_ARRAY, maxTokens: 200, signal: running.signal });
    running.abort();
    const outcome = await pending.then((r) => r.finishReason, (e: unknown) => (e as LlmError).code);
    expect(outcome).toBe('cancelled');

    // The provider is still usable afterwards.
    const after = await provider.chat({ messages: ask('hi'), maxTokens: 16 });
    expect(after.message.content).toBe(CHAT_REPLY);
  }, LONG);

  it('times out a long reply', async () => {
    const outcome = await provider
      .chat({ messages: ask('a long answer please'), jsonSchema: LONG_ARRAY, maxTokens: 400, timeoutMs: 1 })
      .then((r) => r.finishReason, (e: unknown) => (e as LlmError).code);
    expect(outcome).toBe('timeout');
  }, LONG);
});

const LONG_ARRAY = { type: 'array', items: { type: 'boolean' }, minItems: 100 };

// Two long system prompts that start differently, so all they share is the chat template's opening tokens.
const AGENT_SYSTEM = `Migration agent. ${'Read the file, change only the main program, keep every comment and name. '.repeat(4)}`;
const JUDGE_SYSTEM = `Judge the change. ${'Answer with the verdict pass or fail and a short note on the diff. '.repeat(4)}`;
/** At most what the ChatML opening of a system turn takes; the prompts above are far longer. */
const TEMPLATE_HEAD = 16;
const MIN_SYSTEM = 200;

describe('LlamaCppProvider keeps a KV-cache slot per cacheKey', () => {
  const turn = (cacheKey: string, user: string) => ({
    messages: [{ role: 'system', content: cacheKey === 'judge' ? JUDGE_SYSTEM : AGENT_SYSTEM }, { role: 'user', content: user }] as ChatMessage[],
    maxTokens: 8,
    cacheKey,
  });
  const withProvider = async <T>(cacheSlots: number, body: (p: LlamaCppProvider) => Promise<T>): Promise<T> => {
    const p = await LlamaCppProvider.open({ modelPath, contextSize: 2048, threads: 1, gpu: false, gpuLayers: 0, cacheSlots });
    try {
      return await body(p);
    } finally {
      await p.close();
    }
  };

  it('alternating agent and judge keeps both system prompts evaluated with two slots', async () => {
    await withProvider(2, async (p) => {
      const firstAgent = await p.chat(turn('agent', 'site one'));
      const firstJudge = await p.chat(turn('judge', 'diff one'));
      const agent = await p.chat(turn('agent', 'site two'));
      const judge = await p.chat(turn('judge', 'diff two'));
      // Each key's first request starts on an empty slot.
      expect(firstAgent.usage.cachedPromptTokens).toBe(0);
      expect(firstJudge.usage.cachedPromptTokens).toBe(0);
      for (const r of [agent, judge]) {
        expect(r.message.content).toBe(CHAT_REPLY);
        expect(r.usage.promptTokens).toBeGreaterThan(MIN_SYSTEM);
        // Everything up to the new user turn was kept: only that turn and the assistant header are evaluated.
        expect(r.usage.cachedPromptTokens).toBeGreaterThan(MIN_SYSTEM);
        expect(r.usage.promptTokens - r.usage.cachedPromptTokens).toBeLessThan(TEMPLATE_HEAD * 2);
      }
    });
  }, LONG);

  it('with one slot, alternating keys evicts the other prefix and re-evaluates the system prompt', async () => {
    await withProvider(1, async (p) => {
      await p.chat(turn('agent', 'site one'));
      await p.chat(turn('judge', 'diff one'));
      const agent = await p.chat(turn('agent', 'site two'));
      const judge = await p.chat(turn('judge', 'diff two'));
      for (const r of [agent, judge]) {
        expect(r.usage.cachedPromptTokens).toBeLessThan(TEMPLATE_HEAD);
        expect(r.usage.promptTokens - r.usage.cachedPromptTokens).toBeGreaterThan(MIN_SYSTEM);
      }
    });
  }, LONG);

  it('with more keys than slots, a new key takes the least recently used slot', async () => {
    await withProvider(2, async (p) => {
      await p.chat(turn('agent', 'site one'));
      await p.chat(turn('judge', 'diff one'));
      await p.chat(turn('agent', 'site two'));
      // A third key: the judge's slot is the least recently used, so the agent keeps its prefix.
      const review = await p.chat(turn('review', 'site two'));
      expect(review.usage.cachedPromptTokens).toBeLessThan(TEMPLATE_HEAD);
      const agent = await p.chat(turn('agent', 'site three'));
      expect(agent.usage.cachedPromptTokens).toBeGreaterThan(MIN_SYSTEM);
      const judge = await p.chat(turn('judge', 'diff two'));
      expect(judge.usage.cachedPromptTokens).toBeLessThan(TEMPLATE_HEAD);
    });
  }, LONG);

  it('requests without a key share the slot of the key ""', async () => {
    await withProvider(2, async (p) => {
      const plain = (user: string) => ({ messages: [{ role: 'system', content: AGENT_SYSTEM }, { role: 'user', content: user }] as ChatMessage[], maxTokens: 8 });
      await p.chat(plain('site one'));
      const keyed = await p.chat({ ...plain('site two'), cacheKey: '' });
      expect(keyed.usage.cachedPromptTokens).toBeGreaterThan(MIN_SYSTEM);
    });
  }, LONG);
});

describe('openProvider on the tiny model', () => {
  it('opens the one .gguf in the models folder with the settings file\'s context size and threads', async () => {
    const root = join(dir, 'open-provider');
    const modelsDir = join(root, 'models');
    mkdirSync(modelsDir, { recursive: true });
    const file = writeTinyGguf(join(modelsDir, 'tiny.gguf'));
    const settingsFile = join(root, 'settings.yaml');
    writeFileSync(settingsFile, 'context_size: 1024\nthreads: 1\ngpu_layers: 0\n');
    const opened = await openProvider({ gpu: false }, { modelsDir, settingsFile });
    try {
      expect(opened?.provider).toBeInstanceOf(LlamaCppProvider);
      expect(opened?.description).toMatch(/^llama\.cpp \S*tiny\.gguf \(ctx 1024, threads 1\)$/);
      expect(opened?.provider.name).toBe(`llama.cpp:${file}`);
      const r = await opened!.provider.chat({ messages: ask('hi'), maxTokens: 16 });
      expect(r.message.content).toBe(CHAT_REPLY);
    } finally {
      await opened?.provider.close();
    }
  }, LONG);
});

describe('LlamaCppProvider refuses bad model files before loading', () => {
  it.each([
    ['a missing file', null, 'model-missing'],
    ['a zip renamed .gguf', Buffer.concat([Buffer.from('PK\x03\x04', 'latin1'), Buffer.alloc(100)]), 'not-gguf'],
    ['a truncated GGUF header', Buffer.from('GGUF\x03\x00', 'latin1'), 'not-gguf'],
    ['an unsupported GGUF version', Buffer.concat([Buffer.from('GGUF', 'latin1'), Buffer.from([7, 0, 0, 0]), Buffer.alloc(16)]), 'not-gguf'],
  ])('%s', async (_what, bytes, code) => {
    const file = join(dir, `bad-${code}-${Math.round(performance.now())}.gguf`);
    if (bytes) writeFileSync(file, bytes);
    const err = await LlamaCppProvider.open({ modelPath: file, gpu: false, threads: 1 }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(LlmError);
    expect((err as LlmError).code).toBe(code);
    expect((err as LlmError).message).toContain(file);
  });

  it('a GGUF file llama.cpp cannot load is load-failed, naming the file', async () => {
    const file = join(dir, 'header-only.gguf');
    writeFileSync(file, Buffer.concat([Buffer.from('GGUF', 'latin1'), Buffer.from([3, 0, 0, 0]), Buffer.alloc(16)]));
    const err = await LlamaCppProvider.open({ modelPath: file, gpu: false, threads: 1 }).catch((e: unknown) => e);
    expect((err as LlmError).code).toBe('load-failed');
    expect((err as LlmError).message).toContain(file);
  }, LONG);
});
