import { describe, expect, it } from 'vitest';
import { toChatHistory, toFunctions } from '../../../src-main/llm/llama-history.js';
import { LlmError } from '../../../src-main/llm/provider.js';

describe('toChatHistory', () => {
  it('ends with an empty model response to write', () => {
    expect(toChatHistory([{ role: 'system', content: 'S' }, { role: 'user', content: 'U' }])).toEqual([
      { type: 'system', text: 'S' },
      { type: 'user', text: 'U' },
      { type: 'model', response: [] },
    ]);
  });

  it('puts tool results into the call they answer, so the model goes on after them', () => {
    const h = toChatHistory([
      { role: 'user', content: 'read it' },
      { role: 'assistant', content: 'Reading.', toolCalls: [{ id: 'a', name: 'read_file', arguments: { path: 'x' }, raw: '{"path":"x"}' }] },
      { role: 'tool', content: 'contents', toolCallId: 'a' },
    ]);
    expect(h).toEqual([
      { type: 'user', text: 'read it' },
      { type: 'model', response: ['Reading.', { type: 'functionCall', name: 'read_file', params: { path: 'x' }, result: 'contents' }] },
    ]);
  });

  it('refuses a tool result for a call nobody made', () => {
    expect(() => toChatHistory([{ role: 'tool', content: 'r', toolCallId: 'zz' }])).toThrow(LlmError);
  });

  it('turns tool specs into node-llama-cpp functions', () => {
    expect(toFunctions([{ name: 'f', description: 'd', parameters: { type: 'object', properties: {} } }])).toEqual({
      f: { description: 'd', params: { type: 'object', properties: {} } },
    });
  });
});
