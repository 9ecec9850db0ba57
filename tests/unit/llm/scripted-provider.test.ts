import { describe, expect, it } from 'vitest';
import { LlmError, type ChatMessage } from '../../../src-main/llm/provider.js';
import { ScriptedProvider } from '../../../src-main/llm/scripted-provider.js';

describe('ScriptedProvider', () => {
  it('replays turns in order, with usage, and records what it was sent', async () => {
    const p = new ScriptedProvider([
      {
        message: { content: '', toolCalls: [{ id: 'c1', name: 'read_file', arguments: { path: 'main.st' }, raw: '{"path":"main.st"}' }] },
        usage: { promptTokens: 120, completionTokens: 9, cachedPromptTokens: 100 },
      },
      { message: { content: 'done' }, usage: { promptTokens: 140, completionTokens: 2 } },
    ]);
    const messages: ChatMessage[] = [{ role: 'user', content: 'fix it' }];
    const first = await p.chat({ messages, tools: [{ name: 'read_file', description: 'read', parameters: { type: 'object' } }] });
    expect(first.finishReason).toBe('tool_calls');
    expect(first.message.role).toBe('assistant');
    expect(first.message.toolCalls?.[0]?.arguments).toEqual({ path: 'main.st' });
    expect(first.usage).toEqual({ promptTokens: 120, completionTokens: 9, cachedPromptTokens: 100 });
    messages.push(first.message, { role: 'tool', content: 'PROGRAM main END_PROGRAM', toolCallId: 'c1' });
    const second = await p.chat({ messages });
    expect(second.message.content).toBe('done');
    expect(second.finishReason).toBe('stop');
    expect(second.usage.cachedPromptTokens).toBe(0);
    expect(p.remaining).toBe(0);
    // The first request is recorded as it was sent, not as the caller's array became later.
    expect(p.requests).toHaveLength(2);
    expect(p.requests[0]?.messages).toHaveLength(1);
    expect(p.requests[0]?.tools?.[0]?.name).toBe('read_file');
    expect(p.requests[1]?.messages.map((m) => m.role)).toEqual(['user', 'assistant', 'tool']);
  });

  it('replays deliberately malformed tool-call JSON as recorded', async () => {
    const p = new ScriptedProvider([
      { message: { content: '', toolCalls: [{ id: 'c1', name: 'write_file', arguments: null, raw: '{"path": "a.st", ' }] }, finishReason: 'length' },
    ]);
    const r = await p.chat({ messages: [{ role: 'user', content: 'go' }] });
    expect(r.message.toolCalls?.[0]).toEqual({ id: 'c1', name: 'write_file', arguments: null, raw: '{"path": "a.st", ' });
    expect(r.finishReason).toBe('length');
  });

  it('running out of turns is an LlmError', async () => {
    const p = new ScriptedProvider([{ message: { content: 'only' } }]);
    await p.chat({ messages: [] });
    const err = await p.chat({ messages: [] }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(LlmError);
    expect((err as LlmError).code).toBe('bad-response');
    expect((err as LlmError).message).toContain('request 2 has no recorded turn left (1 recorded)');
  });

  it('honours an aborted signal', async () => {
    const p = new ScriptedProvider([{ message: { content: 'x' } }]);
    const ac = new AbortController();
    ac.abort();
    await expect(p.chat({ messages: [], signal: ac.signal })).rejects.toMatchObject({ code: 'cancelled' });
    expect(p.remaining).toBe(1);
  });
});
