// plantshift run with --llm-url, end to end: a loopback server on 127.0.0.1 plays an OpenAI-compatible model by
// replaying a recorded agent run, so the CLI's model path (flags, provider, agent, verification, judge, table,
// recorded steps) is exercised as a plant engineer would use it with a LAN server.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fixedClock } from '../../src-main/app/clock.js';
import { cliMain } from '../../src-main/cli/main.js';
import { Store } from '../../src-main/store/store.js';
import { loadRecordings } from '../helpers/recordings.js';
import { REPO, tempDir } from '../helpers/temp.js';

const savedHome = process.env['PLANTSHIFT_HOME'];
const savedKey = process.env['PLANTSHIFT_LLM_API_KEY'];
let server: Server | null = null;

beforeEach(() => {
  process.env['PLANTSHIFT_HOME'] = tempDir('plantshift-home-');
  process.env['PLANTSHIFT_LLM_API_KEY'] = 'plant-lan-key';
});
afterEach(async () => {
  if (savedHome === undefined) delete process.env['PLANTSHIFT_HOME'];
  else process.env['PLANTSHIFT_HOME'] = savedHome;
  if (savedKey === undefined) delete process.env['PLANTSHIFT_LLM_API_KEY'];
  else process.env['PLANTSHIFT_LLM_API_KEY'] = savedKey;
  server?.closeAllConnections();
  await new Promise<void>((done) => (server ? server.close(() => done()) : done()));
  server = null;
});

interface Seen {
  authorization: string | undefined;
  body: { model: string; messages: { role: string }[]; tools?: unknown[]; response_format?: unknown };
}

/** Answers each chat completion with the next recorded turn, in the OpenAI wire format. */
async function replayServer(recipe: string): Promise<{ url: string; seen: Seen[]; left: () => number }> {
  const turns = loadRecordings().find((r) => r.recipe === recipe)!.turns;
  let next = 0;
  const seen: Seen[] = [];
  server = createServer((req, res) => {
    let data = '';
    req.on('data', (c: Buffer) => (data += c.toString('utf8')));
    req.on('end', () => {
      seen.push({ authorization: req.headers.authorization, body: JSON.parse(data) as Seen['body'] });
      const turn = turns[next++];
      if (!turn) {
        res.writeHead(500).end('no recorded turn left');
        return;
      }
      const calls = turn.message.toolCalls ?? [];
      const message = calls.length
        ? { role: 'assistant', content: turn.message.content || null, tool_calls: calls.map((c) => ({ id: c.id, type: 'function', function: { name: c.name, arguments: c.raw } })) }
        : { role: 'assistant', content: turn.message.content };
      const usage = { prompt_tokens: turn.usage?.promptTokens ?? 0, completion_tokens: turn.usage?.completionTokens ?? 0, prompt_tokens_details: { cached_tokens: turn.usage?.cachedPromptTokens ?? 0 } };
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ id: `r${next}`, object: 'chat.completion', choices: [{ index: 0, message, finish_reason: calls.length ? 'tool_calls' : 'stop' }], usage }));
    });
  });
  await new Promise<void>((done) => server!.listen(0, '127.0.0.1', () => done()));
  return { url: `http://127.0.0.1:${(server!.address() as AddressInfo).port}`, seen, left: () => turns.length - next };
}

async function cli(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await cliMain(argv, { out: (t) => (out += t), err: (t) => (err += t), clock: fixedClock('2026-11-25T10:00:00Z'), cwd: REPO });
  return { code, out, err };
}

describe('plantshift run --llm-url', () => {
  it('runs the agent and the judge through a LAN model server and records every step', { timeout: 240_000 }, async () => {
    const srv = await replayServer('protocol_migration');
    const db = join(tempDir(), 'run.db');
    const r = await cli('run', 'protocol_migration', '--fleet', 'examples/fleet', '--site', 'pump-station-6', '--llm-url', srv.url, '--llm-model', 'plant-coder', '--db', db);
    expect(r.code, r.out + r.err).toBe(0);
    expect(r.out).toContain(`Model: OpenAI-compatible server ${srv.url}`);
    expect(r.out).toContain('    agent turn 1: list_files');
    expect(r.out).toMatch(/^\s+judge: in scope: /m);
    expect(r.out).toMatch(/^pump-station-6\s+changed\s+#1\s+pass\s/m);
    expect(r.out).toMatch(/^pump-station-6\s.*\bfinished \(\d+ turns, 1 attempt\)\s+in scope\s+\d+\+\d+\s+\d+ \(\d+\/\d+ hits\)/m);
    expect(srv.left()).toBe(0);
    // Every request named the model and carried the key from the environment; the agent's offered the tools, the judge's a schema.
    expect(srv.seen.every((s) => s.body.model === 'plant-coder' && s.authorization === 'Bearer plant-lan-key')).toBe(true);
    expect(srv.seen.slice(0, -1).every((s) => Array.isArray(s.body.tools) && s.body.tools.length === 6)).toBe(true);
    expect(srv.seen.at(-1)!.body.response_format).toBeDefined();
    expect(r.out + r.err).not.toContain('plant-lan-key');
    const store = Store.open(db);
    try {
      const steps = store.steps.forChange(1);
      expect(steps.map((s) => s.kind)).toEqual(['transform', 'agent', 'verify', 'judge']);
      expect(steps[1]!.promptTokens).toBeGreaterThan(0);
    } finally {
      store.close();
    }
  });

  it('a server that cannot be reached ends each site as failed with the URL named, exit 1', { timeout: 120_000 }, async () => {
    const srv = await replayServer('protocol_migration');
    server!.closeAllConnections();
    await new Promise<void>((done) => server!.close(() => done()));
    server = null;
    const r = await cli('run', 'protocol_migration', '--fleet', 'examples/fleet', '--site', 'pump-station-6', '--llm-url', srv.url, '--dry-run');
    expect(r.code).toBe(1);
    expect(r.out).toMatch(/^pump-station-6\s+failed\s/m);
    expect(r.out).toContain(`POST ${srv.url}/v1/chat/completions failed`);
  });
});
