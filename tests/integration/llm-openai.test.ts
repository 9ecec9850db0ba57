// The OpenAI-compatible provider against a fake server on 127.0.0.1 (a random port): never any other address.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { OpenAiProvider } from '../../src-main/llm/openai-provider.js';
import { LlmError } from '../../src-main/llm/provider.js';

interface Seen {
  url: string;
  headers: IncomingMessage['headers'];
  body: Record<string, unknown>;
}

const servers: Server[] = [];
afterEach(async () => {
  await Promise.all(
    servers.splice(0).map((s) => {
      s.closeAllConnections();
      return new Promise<void>((done) => s.close(() => done()));
    }),
  );
});

async function fakeServer(answer: (seen: Seen, res: ServerResponse) => void): Promise<{ url: string; seen: Seen[] }> {
  const seen: Seen[] = [];
  const server = createServer((req, res) => {
    let data = '';
    req.on('data', (c: Buffer) => (data += c.toString('utf8')));
    req.on('end', () => {
      const s = { url: req.url ?? '', headers: req.headers, body: JSON.parse(data || '{}') as Record<string, unknown> };
      seen.push(s);
      answer(s, res);
    });
  });
  servers.push(server);
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', () => done()));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, seen };
}

function json(res: ServerResponse, body: unknown, status = 200): void {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(typeof body === 'string' ? body : JSON.stringify(body));
}

const completion = (message: Record<string, unknown>, finish = 'stop') => ({
  id: 'x',
  object: 'chat.completion',
  choices: [{ index: 0, message: { role: 'assistant', ...message }, finish_reason: finish }],
  usage: { prompt_tokens: 50, completion_tokens: 7, prompt_tokens_details: { cached_tokens: 32 } },
});

async function failure(p: Promise<unknown>): Promise<LlmError> {
  const err = await p.then(() => undefined, (e: unknown) => e);
  expect(err).toBeInstanceOf(LlmError);
  return err as LlmError;
}

describe('OpenAiProvider', () => {
  it('sends tools, the API key and the conversation; returns tool calls, including malformed ones', async () => {
    const srv = await fakeServer((_s, res) =>
      json(
        res,
        completion(
          {
            content: null,
            tool_calls: [
              { id: 'call_1', type: 'function', function: { name: 'read_file', arguments: '{"path":"main.st"}' } },
              { id: 'call_2', type: 'function', function: { name: 'read_file', arguments: '{"path": "io.st",' } },
            ],
          },
          'tool_calls',
        ),
      ),
    );
    const p = new OpenAiProvider({ url: `${srv.url}/v1/`, model: 'qwen-coder', apiKey: 'sk-plant' });
    const r = await p.chat({
      messages: [
        { role: 'system', content: 'S' },
        { role: 'user', content: 'U' },
        { role: 'assistant', content: '', toolCalls: [{ id: 'c0', name: 'list', arguments: {}, raw: '{}' }] },
        { role: 'tool', content: 'a.st', toolCallId: 'c0' },
      ],
      tools: [{ name: 'read_file', description: 'Read a file', parameters: { type: 'object', properties: { path: { type: 'string' } } } }],
      toolChoice: 'auto',
      maxTokens: 100,
    });
    expect(srv.seen).toHaveLength(1);
    const sent = srv.seen[0]!;
    expect(sent.url).toBe('/v1/chat/completions');
    expect(sent.headers.authorization).toBe('Bearer sk-plant');
    expect(sent.body.model).toBe('qwen-coder');
    expect(sent.body.max_tokens).toBe(100);
    expect(sent.body.tool_choice).toBe('auto');
    expect(sent.body.tools).toEqual([
      { type: 'function', function: { name: 'read_file', description: 'Read a file', parameters: { type: 'object', properties: { path: { type: 'string' } } } } },
    ]);
    expect(sent.body.messages).toEqual([
      { role: 'system', content: 'S' },
      { role: 'user', content: 'U' },
      { role: 'assistant', content: null, tool_calls: [{ id: 'c0', type: 'function', function: { name: 'list', arguments: '{}' } }] },
      { role: 'tool', content: 'a.st', tool_call_id: 'c0' },
    ]);
    expect(r.finishReason).toBe('tool_calls');
    expect(r.message.toolCalls).toEqual([
      { id: 'call_1', name: 'read_file', arguments: { path: 'main.st' }, raw: '{"path":"main.st"}' },
      { id: 'call_2', name: 'read_file', arguments: null, raw: '{"path": "io.st",' },
    ]);
    expect(r.usage).toEqual({ promptTokens: 50, completionTokens: 7, cachedPromptTokens: 32 });
  });

  it('asks for a JSON-schema reply with response_format and sends no key when none is set', async () => {
    const srv = await fakeServer((_s, res) => json(res, completion({ content: '{"verdict":"pass"}' })));
    const schema = { type: 'object', properties: { verdict: { enum: ['pass', 'fail'] } }, required: ['verdict'] };
    const r = await new OpenAiProvider({ url: srv.url, model: 'm' }).chat({ messages: [{ role: 'user', content: 'judge' }], jsonSchema: schema });
    expect(srv.seen[0]!.body.response_format).toEqual({ type: 'json_schema', json_schema: { name: 'reply', schema, strict: true } });
    expect(srv.seen[0]!.headers.authorization).toBeUndefined();
    expect(JSON.parse(r.message.content)).toEqual({ verdict: 'pass' });
    expect(r.finishReason).toBe('stop');
  });

  it('accepts Ollama-style argument objects and maps length', async () => {
    const srv = await fakeServer((_s, res) =>
      json(res, completion({ content: 'partial', tool_calls: [{ function: { name: 'f', arguments: { a: 1 } } }] }, 'length')),
    );
    const r = await new OpenAiProvider({ url: srv.url, model: 'm' }).chat({ messages: [] });
    expect(r.message.toolCalls).toEqual([{ id: 'call_0', name: 'f', arguments: { a: 1 }, raw: '{"a":1}' }]);
  });

  it('names the URL on HTTP 500', async () => {
    const srv = await fakeServer((_s, res) => json(res, { error: 'model not loaded' }, 500));
    const err = await failure(new OpenAiProvider({ url: srv.url, model: 'm', apiKey: 'secret-key' }).chat({ messages: [] }));
    expect(err.code).toBe('http');
    expect(err.message).toContain(`${srv.url}/v1/chat/completions`);
    expect(err.message).toContain('HTTP 500');
    expect(err.message).toContain('model not loaded');
    expect(err.message).not.toContain('secret-key');
  });

  it('names the URL on malformed JSON and on missing fields', async () => {
    const bodies = ['{"choices": [', '{"choices": []}', '{"choices": [{"finish_reason": "stop"}]}', '{"choices": [{"message": {"content": 5}}]}'];
    let i = 0;
    const srv = await fakeServer((_s, res) => json(res, bodies[i++]!));
    const p = new OpenAiProvider({ url: srv.url, model: 'm' });
    for (const why of ['not JSON', 'no choices[0]', 'no choices[0].message', 'content is not a string']) {
      const err = await failure(p.chat({ messages: [] }));
      expect(err.code).toBe('bad-response');
      expect(err.message).toContain(`${srv.url}/v1/chat/completions`);
      expect(err.message).toContain(why);
    }
  });

  it('names the URL when nothing listens there', async () => {
    const srv = await fakeServer(() => undefined);
    const gone = servers.pop()!;
    gone.closeAllConnections();
    await new Promise<void>((done) => gone.close(() => done()));
    const err = await failure(new OpenAiProvider({ url: srv.url, model: 'm' }).chat({ messages: [] }));
    expect(err.code).toBe('http');
    expect(err.message).toContain(srv.url);
  });

  it('times out, and is cancelled by an AbortSignal', async () => {
    const hanging: ServerResponse[] = [];
    const srv = await fakeServer((_s, res) => hanging.push(res));
    const p = new OpenAiProvider({ url: srv.url, model: 'm' });
    const timeout = await failure(p.chat({ messages: [], timeoutMs: 100 }));
    expect(timeout.code).toBe('timeout');
    expect(timeout.message).toContain(srv.url);

    const ac = new AbortController();
    const pending = p.chat({ messages: [], signal: ac.signal });
    setTimeout(() => ac.abort(), 20);
    const cancelled = await failure(pending);
    expect(cancelled.code).toBe('cancelled');
    hanging.forEach((res) => res.destroy());
  });
});
