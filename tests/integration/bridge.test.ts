import { mkdirSync, writeFileSync } from 'node:fs';
import { request, type IncomingHttpHeaders } from 'node:http';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { BRIDGE_TOKEN_HEADER } from '../../src-shared/api/envelope.js';
import { RunResultSchema } from '../../src-shared/model/change.js';
import { createDispatch } from '../../src-main/api/dispatch.js';
import { createHandlers } from '../../src-main/api/handlers.js';
import { Services } from '../../src-main/api/services.js';
import { fixedClock } from '../../src-main/app/clock.js';
import { promptsDir } from '../../src-main/app/paths.js';
import { RENDERER_CSP } from '../../src-main/bridge/content-security.js';
import { startBridge, type Bridge } from '../../src-main/bridge/bridge-server.js';
import { copyExampleFleet, tempDir } from '../helpers/temp.js';

const INDEX_HTML = '<!doctype html><title>Plantshift test UI</title><script src="/assets/app.js"></script>';
const APP_JS = 'console.log("plantshift test bundle");';
const SECRET = 'TOP-SECRET-NEXT-TO-THE-BUNDLE';

let services: Services;
let bridge: Bridge;
let base: string;

beforeEach(async () => {
  const dir = tempDir();
  // A file beside the bundle folder: a traversal that escaped the bundle would find it.
  writeFileSync(join(dir, 'secret.txt'), SECRET);
  const rendererDir = join(dir, 'renderer');
  mkdirSync(join(rendererDir, 'assets'), { recursive: true });
  writeFileSync(join(rendererDir, 'index.html'), INDEX_HTML);
  writeFileSync(join(rendererDir, 'assets', 'app.js'), APP_JS);
  services = new Services({
    verification: 'fast',
    dbPath: join(dir, 'plantshift.db'),
    promptsDir: promptsDir(),
    clock: fixedClock('2026-11-25T10:00:00Z'),
    host: 'bridge',
    defaultFleetPath: null,
  });
  bridge = await startBridge({ dispatch: createDispatch(createHandlers(services), () => {}), events: services.events, rendererDir });
  base = `http://127.0.0.1:${bridge.port}`;
});

afterEach(async () => {
  await bridge.close();
  services.close();
});

interface RawResponse {
  status: number;
  headers: IncomingHttpHeaders;
  body: string;
}

/** A request with exactly this path and these headers: fetch would normalise `..` and refuse some headers. */
function raw(path: string, opts: { method?: string; headers?: Record<string, string>; body?: string } = {}): Promise<RawResponse> {
  return new Promise((done, fail) => {
    const req = request({ host: '127.0.0.1', port: bridge.port, path, method: opts.method ?? 'GET', headers: opts.headers }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => (body += c));
      res.on('end', () => done({ status: res.statusCode!, headers: res.headers, body }));
    });
    req.on('error', fail);
    req.end(opts.body);
  });
}

function api(channel: string, input: unknown, token: string | null = bridge.token): Promise<Response> {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (token !== null) headers[BRIDGE_TOKEN_HEADER] = token;
  return fetch(`${base}/api/${channel}`, { method: 'POST', headers, body: JSON.stringify(input) });
}

describe('static files', () => {
  it('serves index.html at / with a content security policy', async () => {
    const res = await fetch(`${base}/`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/html/);
    expect(res.headers.get('content-security-policy')).toBe(RENDERER_CSP);
    expect(res.headers.get('content-security-policy')).toContain("default-src 'self'");
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(await res.text()).toBe(INDEX_HTML);
  });

  it('serves the bundle assets with their type', async () => {
    const res = await fetch(`${base}/assets/app.js`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/javascript/);
    expect(await res.text()).toBe(APP_JS);
    expect((await fetch(`${base}/assets/missing.js`)).status).toBe(404);
  });

  it.each([
    '/../package.json',
    '/../secret.txt',
    '/%2e%2e/secret.txt',
    '/%2e%2e/%2e%2e/etc/passwd',
    '/%2E%2E/%2E%2E/%2E%2E/%2E%2E/etc/passwd',
    '/..%2fsecret.txt',
    '/assets/..%2f..%2fsecret.txt',
    '/..\\secret.txt',
  ])('refuses the traversal %s with 404 and no file content', async (path) => {
    const res = await raw(path);
    expect(res.status).toBe(404);
    expect(res.body).not.toContain(SECRET);
    expect(res.body).not.toContain('root:');
    expect(res.body).not.toContain('"name"');
    expect(res.body).not.toContain(INDEX_HTML);
  });
});

describe('request checks', () => {
  it('refuses an API call without or with a wrong token with 401', async () => {
    for (const token of [null, 'wrong', bridge.token + 'x']) {
      const res = await api('app.info', {}, token);
      expect(res.status, String(token)).toBe(401);
      expect(await res.json()).toMatchObject({ ok: false, error: { code: 'invalid-input' } });
    }
  });

  it('answers an API call with the token with an ok envelope', async () => {
    const res = await api('app.info', {});
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^application\/json/);
    const env = (await res.json()) as { ok: boolean; value: Record<string, unknown> };
    expect(env.ok).toBe(true);
    expect(env.value).toMatchObject({ host: 'bridge', dbPath: services.store.file, canPickFolder: false });
  });

  it('passes error envelopes from dispatch through', async () => {
    const res = await api('no.such.channel', {});
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ ok: false, error: { code: 'unsupported' } });
  });

  it('refuses GET on the API with 405', async () => {
    const res = await fetch(`${base}/api/app.info`, { headers: { [BRIDGE_TOKEN_HEADER]: bridge.token } });
    expect(res.status).toBe(405);
    expect(await res.json()).toMatchObject({ ok: false });
    expect((await fetch(`${base}/api/x`)).status).toBe(405);
  });

  it('refuses another Host with 421 (DNS rebinding), accepts localhost', async () => {
    for (const host of ['evil.example', `evil.example:${bridge.port}`, `127.0.0.1:${bridge.port + 1}`]) {
      const res = await raw('/', { headers: { host } });
      expect(res.status, host).toBe(421);
      expect(res.body).not.toContain(INDEX_HTML);
    }
    const api421 = await raw('/api/app.info', { method: 'POST', headers: { host: 'evil.example', [BRIDGE_TOKEN_HEADER]: bridge.token }, body: '{}' });
    expect(api421.status).toBe(421);
    expect((await raw('/', { headers: { host: `localhost:${bridge.port}` } })).status).toBe(200);
  });

  it('refuses another Origin with 403, accepts its own', async () => {
    const headers = { [BRIDGE_TOKEN_HEADER]: bridge.token, 'content-type': 'application/json' };
    const evil = await raw('/api/app.info', { method: 'POST', headers: { ...headers, origin: 'http://evil.example' }, body: '{}' });
    expect(evil.status).toBe(403);
    expect(evil.body).not.toContain('dbPath');
    const own = await raw('/api/app.info', { method: 'POST', headers: { ...headers, origin: base }, body: '{}' });
    expect(own.status).toBe(200);
    expect(JSON.parse(own.body)).toMatchObject({ ok: true });
  });

  it('refuses a body over 1 MiB with 413', async () => {
    const res = await fetch(`${base}/api/fleet.open`, {
      method: 'POST',
      headers: { [BRIDGE_TOKEN_HEADER]: bridge.token, 'content-type': 'application/json' },
      body: JSON.stringify({ path: 'x'.repeat(1024 * 1024 + 10) }),
    });
    expect(res.status).toBe(413);
    expect(await res.json()).toMatchObject({ ok: false, error: { code: 'invalid-input' } });
    // The server is still fine afterwards.
    expect((await api('app.info', {})).status).toBe(200);
  });

  it('answers a malformed channel name in the URL with a 400 envelope', async () => {
    const res = await fetch(`${base}/api/%E0%A4%A`, { method: 'POST', headers: { [BRIDGE_TOKEN_HEADER]: bridge.token }, body: '{}' });
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ ok: false, error: { code: 'invalid-input', message: 'malformed channel name in URL' } });
  });

  it('refuses a body that is not JSON with a 400 envelope', async () => {
    const res = await fetch(`${base}/api/app.info`, { method: 'POST', headers: { [BRIDGE_TOKEN_HEADER]: bridge.token }, body: '{not json' });
    expect(res.status).toBe(400);
    const env = (await res.json()) as { ok: boolean; error: { code: string; message: string } };
    expect(env).toMatchObject({ ok: false, error: { code: 'invalid-input' } });
    expect(env.error.message).toMatch(/not JSON/);
  });

  it('listens on 127.0.0.1 only', async () => {
    expect(bridge.url.startsWith(`http://127.0.0.1:${bridge.port}/`)).toBe(true);
    expect(bridge.url).toContain(`#token=${bridge.token}`);
    await expect(fetch(`http://[::1]:${bridge.port}/`)).rejects.toThrow();
  });
});

describe('events', () => {
  it('refuses the event stream without or with a wrong token', async () => {
    expect((await fetch(`${base}/events`)).status).toBe(401);
    expect((await fetch(`${base}/events?token=nope`)).status).toBe(401);
  });

  it('streams run.progress events while a run started through the API goes on', async () => {
    const abort = new AbortController();
    const timer = setTimeout(() => abort.abort(), 5000);
    try {
      const res = await fetch(`${base}/events?token=${bridge.token}`, { signal: abort.signal });
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toMatch(/^text\/event-stream/);
      const reader = res.body!.getReader();
      const decoder = new TextDecoder();
      let text = '';
      const readUntil = async (needle: string): Promise<void> => {
        while (!text.includes(needle)) {
          const { value, done } = await reader.read();
          if (done) throw new Error(`stream ended before "${needle}": ${text}`);
          text += decoder.decode(value, { stream: true });
        }
      };
      await readUntil(': connected');

      const fleetPath = copyExampleFleet();
      const runRes = await api('run.start', { fleetPath, recipeId: 'revision-note', siteIds: ['press-line-2'] });
      const env = (await runRes.json()) as { ok: boolean; value: unknown };
      expect(env.ok).toBe(true);
      const run = RunResultSchema.parse(env.value);

      await readUntil('"phase":"finished"');
      const events = text
        .split('\n\n')
        .filter((block) => block.startsWith('event: '))
        .map((block) => {
          const [eventLine, dataLine] = block.split('\n');
          return { event: eventLine!.slice('event: '.length), data: JSON.parse(dataLine!.slice('data: '.length)) as Record<string, unknown> };
        });
      expect(events.map((e) => e.event)).toEqual(['run.progress', 'run.progress', 'run.progress', 'run.progress']);
      expect(events.map((e) => e.data)).toEqual([
        { runId: run.runId, siteId: 'press-line-2', phase: 'started', status: null, message: 'running revision-note' },
        { runId: run.runId, siteId: 'press-line-2', phase: 'step', status: null, message: 'transform: revision-note: changed src/Main.st' },
        { runId: run.runId, siteId: 'press-line-2', phase: 'step', status: null, message: expect.stringMatching(/^verify: compile pass, safety pass, /) },
        { runId: run.runId, siteId: 'press-line-2', phase: 'finished', status: 'changed', message: run.sites[0]!.message },
      ]);
      await reader.cancel();
    } finally {
      clearTimeout(timer);
      abort.abort();
    }
  });

  it('close() resolves with an event stream client still connected', async () => {
    const abort = new AbortController();
    const timer = setTimeout(() => abort.abort(), 5000);
    try {
      const res = await fetch(`${base}/events?token=${bridge.token}`, { signal: abort.signal });
      const reader = res.body!.getReader();
      await reader.read();
      let timeout: NodeJS.Timeout | undefined;
      const closed = await Promise.race([
        bridge.close().then(() => 'closed'),
        new Promise((r) => (timeout = setTimeout(() => r('still open'), 5000))),
      ]);
      clearTimeout(timeout);
      expect(closed).toBe('closed');
      // The stream ends rather than hanging.
      let done = false;
      while (!done) done = (await reader.read()).done;
      await expect(fetch(`${base}/`)).rejects.toThrow();
    } finally {
      clearTimeout(timer);
      abort.abort();
    }
  });
});
