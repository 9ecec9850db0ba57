import { randomBytes, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { resolve } from 'node:path';
import { BRIDGE_API_PREFIX, BRIDGE_EVENTS_PATH, BRIDGE_TOKEN_HEADER, type Envelope } from '../../src-shared/api/envelope.js';
import type { Dispatch } from '../api/dispatch.js';
import type { EventHub } from '../api/event-hub.js';
import { RENDERER_CSP } from './content-security.js';
import { readStatic } from './static-files.js';

/** Requests to the bridge are small JSON documents; a larger body is refused before it is buffered. */
const MAX_BODY_BYTES = 1024 * 1024;
const HEARTBEAT_MS = 15_000;

export interface BridgeOptions {
  dispatch: Dispatch;
  events: EventHub;
  rendererDir: string;
  /** 0 picks a free port. The bridge only ever listens on the loopback address. */
  port?: number;
  token?: string;
}

export interface Bridge {
  port: number;
  token: string;
  /** The URL to open: the token travels in the fragment, so it never reaches logs or Referer headers. */
  url: string;
  close(): Promise<void>;
}

function sameToken(given: string | null | undefined, token: string): boolean {
  if (!given) return false;
  const a = Buffer.from(given);
  const b = Buffer.from(token);
  return a.length === b.length && timingSafeEqual(a, b);
}

function send(res: ServerResponse, status: number, type: string, body: string | Buffer): void {
  res.writeHead(status, {
    'content-type': type,
    'cache-control': 'no-store',
    'x-content-type-options': 'nosniff',
    'content-security-policy': RENDERER_CSP,
    'referrer-policy': 'no-referrer',
    'cross-origin-resource-policy': 'same-origin',
  });
  res.end(body);
}

function hasDotDotSegment(rawUrl: string): boolean {
  const path = rawUrl.split('?')[0]!;
  let decoded: string;
  try {
    decoded = decodeURIComponent(path);
  } catch {
    decoded = path;
  }
  return decoded.split(/[\\/]/).includes('..');
}

function sendEnvelope(res: ServerResponse, status: number, env: Envelope<unknown>): void {
  send(res, status, 'application/json; charset=utf-8', JSON.stringify(env));
}

function readBody(req: IncomingMessage): Promise<string | null> {
  return new Promise((done, fail) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > MAX_BODY_BYTES) {
        chunks.length = 0;
        req.pause();
        done(null);
      } else chunks.push(c);
    });
    req.on('end', () => done(Buffer.concat(chunks).toString('utf8')));
    req.on('error', fail);
  });
}

/**
 * Serves the renderer bundle and the API contract on 127.0.0.1, for development and for the browser tests that
 * drive the real UI in Chromium. Every API call and the event stream need the per-launch token; requests for
 * another Host or from another Origin are refused, so a web page cannot reach the bridge by DNS rebinding.
 */
export function startBridge(opts: BridgeOptions): Promise<Bridge> {
  const token = opts.token ?? randomBytes(24).toString('base64url');
  const root = resolve(opts.rendererDir);
  let port = 0;
  const sockets = new Set<ServerResponse>();

  const server = createServer((req, res) => {
    void handle(req, res).catch((err: unknown) => {
      if (!res.headersSent) sendEnvelope(res, 500, { ok: false, error: { code: 'internal', message: String(err), details: [] } });
      else res.end();
    });
  });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const origin = `http://127.0.0.1:${port}`;
    const hostOk = req.headers.host === `127.0.0.1:${port}` || req.headers.host === `localhost:${port}`;
    if (!hostOk) return send(res, 421, 'text/plain', 'wrong host');
    if (req.headers.origin && req.headers.origin !== origin && req.headers.origin !== `http://localhost:${port}`) {
      return send(res, 403, 'text/plain', 'cross-origin requests are refused');
    }
    // Refuse `..` segments (also as %2e%2e) before URL parsing folds them away and the fallback below
    // answers them with index.html: a path that tries to climb out of the bundle gets a plain 404.
    if (hasDotDotSegment(req.url ?? '/')) return send(res, 404, 'text/plain', 'not found');
    const url = new URL(req.url ?? '/', origin);

    if (url.pathname.startsWith(BRIDGE_API_PREFIX)) {
      if (req.method !== 'POST') return sendEnvelope(res, 405, { ok: false, error: { code: 'invalid-input', message: 'use POST', details: [] } });
      if (!sameToken(req.headers[BRIDGE_TOKEN_HEADER] as string | undefined, token)) {
        return sendEnvelope(res, 401, { ok: false, error: { code: 'invalid-input', message: 'missing or wrong bridge token', details: [] } });
      }
      const body = await readBody(req);
      if (body === null) {
        // Answer first, then drop the connection: the rest of an oversized upload is never read.
        res.setHeader('connection', 'close');
        res.on('finish', () => req.destroy());
        return sendEnvelope(res, 413, { ok: false, error: { code: 'invalid-input', message: `request larger than ${MAX_BODY_BYTES} bytes`, details: [] } });
      }
      let input: unknown;
      try {
        input = body.trim() === '' ? {} : JSON.parse(body);
      } catch {
        return sendEnvelope(res, 400, { ok: false, error: { code: 'invalid-input', message: 'request body is not JSON', details: [] } });
      }
      let channel: string;
      try {
        channel = decodeURIComponent(url.pathname.slice(BRIDGE_API_PREFIX.length));
      } catch {
        return sendEnvelope(res, 400, { ok: false, error: { code: 'invalid-input', message: 'malformed channel name in URL', details: [] } });
      }
      return sendEnvelope(res, 200, await opts.dispatch(channel, input));
    }

    if (url.pathname === BRIDGE_EVENTS_PATH) {
      if (!sameToken(url.searchParams.get('token'), token)) return send(res, 401, 'text/plain', 'missing or wrong bridge token');
      res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-store', connection: 'keep-alive' });
      res.write(': connected\n\n');
      sockets.add(res);
      const unsubscribe = opts.events.subscribe((event, payload) => {
        res.write(`event: ${event}\ndata: ${JSON.stringify(payload)}\n\n`);
      });
      const beat = setInterval(() => res.write(': beat\n\n'), HEARTBEAT_MS);
      req.on('close', () => {
        clearInterval(beat);
        unsubscribe();
        sockets.delete(res);
      });
      return;
    }

    if (req.method !== 'GET' && req.method !== 'HEAD') return send(res, 405, 'text/plain', 'method not allowed');
    const file = readStatic(root, url.pathname) ?? (url.pathname.includes('.') ? null : readStatic(root, '/'));
    if (!file) return send(res, 404, 'text/plain', 'not found');
    return send(res, 200, file.type, file.body);
  }

  return new Promise((done, fail) => {
    server.once('error', fail);
    server.listen(opts.port ?? 0, '127.0.0.1', () => {
      port = (server.address() as AddressInfo).port;
      done({
        port,
        token,
        url: `http://127.0.0.1:${port}/#token=${token}`,
        close: () =>
          new Promise<void>((closed) => {
            for (const s of sockets) s.end();
            server.close(() => closed());
            server.closeAllConnections();
          }),
      });
    });
  });
}
