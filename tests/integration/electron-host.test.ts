// Electron cannot run on these machines, so the Electron host is tested against a recording fake of the
// electron module: the real main.ts and the real compiled preload run, everything else is observed.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runInNewContext } from 'node:vm';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { createApi } from '../../src-renderer/api/client.js';
import type { RawTransport } from '../../src-shared/api/client.js';
import { IPC_EVENT_CHANNEL, IPC_INVOKE_CHANNEL } from '../../src-shared/api/envelope.js';
import { EXAMPLE_FLEET, REPO } from '../helpers/temp.js';

type Listener = (...args: unknown[]) => unknown;

const fake = vi.hoisted(() => {
  const state = {
    userData: '',
    handlers: new Map<string, (...args: unknown[]) => unknown>(),
    appEvents: new Map<string, (...args: unknown[]) => unknown>(),
    windows: [] as { options: Record<string, unknown>; loaded: string | null; sent: unknown[][]; webContents: unknown }[],
    permissionHandler: null as null | ((...a: unknown[]) => void),
    beforeRequest: null as null | ((d: { url: string }, cb: (r: { cancel: boolean }) => void) => void),
    sandboxEnabled: false,
    ready: null as null | (() => void),
  };
  class BrowserWindow {
    webContents: { send: (...a: unknown[]) => void };
    record: (typeof state.windows)[number];
    constructor(options: Record<string, unknown>) {
      this.webContents = { send: (...a: unknown[]) => this.record.sent.push(a) };
      this.record = { options, loaded: null, sent: [], webContents: this.webContents };
      state.windows.push(this.record);
    }
    once(): void {}
    on(): void {}
    show(): void {}
    async loadURL(url: string): Promise<void> {
      this.record.loaded = url;
    }
  }
  const electron = {
    app: {
      enableSandbox: () => (state.sandboxEnabled = true),
      getPath: () => state.userData,
      on: (ev: string, fn: (...a: unknown[]) => unknown) => state.appEvents.set(ev, fn),
      whenReady: () => new Promise<void>((r) => (state.ready = r)),
      quit: () => undefined,
      exit: () => undefined,
    },
    BrowserWindow,
    dialog: { showOpenDialog: async () => ({ canceled: true, filePaths: [] }) },
    ipcMain: { handle: (ch: string, fn: (...a: unknown[]) => unknown) => state.handlers.set(ch, fn) },
    session: {
      defaultSession: {
        setPermissionRequestHandler: (fn: (...a: unknown[]) => void) => (state.permissionHandler = fn),
        webRequest: { onBeforeRequest: (fn: typeof state.beforeRequest) => (state.beforeRequest = fn) },
      },
    },
  };
  return { state, electron };
});

vi.mock('electron', () => fake.electron);

const { state } = fake;

beforeAll(async () => {
  state.userData = mkdtempSync(join(tmpdir(), 'plantshift-electron-'));
  await import('../../src-main/electron/main.js');
  state.ready!();
  await vi.waitFor(() => expect(state.windows[0]?.loaded).toBeTruthy());
});

function win() {
  return state.windows[0]!;
}

function frameEvent(url: string, sender: unknown = win().webContents) {
  return { sender, senderFrame: { url } };
}

describe('Electron main process', () => {
  it('creates a locked-down window that loads the local bundle', () => {
    expect(state.sandboxEnabled).toBe(true);
    const prefs = win().options['webPreferences'] as Record<string, unknown>;
    expect(prefs).toMatchObject({ contextIsolation: true, sandbox: true, nodeIntegration: false, webSecurity: true, webviewTag: false });
    expect(String(prefs['preload'])).toMatch(/dist\/src-main\/electron\/preload\.cjs$/);
    expect(win().loaded).toMatch(/^file:\/\/.*\/dist\/renderer\/index\.html$/);
  });

  it('answers the contract over IPC for its own window only', async () => {
    const handle = state.handlers.get(IPC_INVOKE_CHANNEL)!;
    const ok = (await handle(frameEvent(win().loaded!), 'app.info', {})) as { ok: boolean; value: { host: string; canPickFolder: boolean; dbPath: string } };
    expect(ok.ok).toBe(true);
    expect(ok.value).toMatchObject({ host: 'electron', canPickFolder: true, dbPath: join(state.userData, 'plantshift.db') });
    const foreignFrame = (await handle(frameEvent('https://example.invalid/'), 'app.info', {})) as { ok: boolean };
    expect(foreignFrame.ok).toBe(false);
    const foreignSender = (await handle(frameEvent(win().loaded!, {}), 'app.info', {})) as { ok: boolean };
    expect(foreignSender.ok).toBe(false);
    const bad = (await handle(frameEvent(win().loaded!), 'changes.get', { changeId: 'x' })) as { ok: boolean; error: { code: string } };
    expect(bad).toMatchObject({ ok: false, error: { code: 'invalid-input' } });
  });

  it('pushes run progress to the window as events', async () => {
    const handle = state.handlers.get(IPC_INVOKE_CHANNEL)!;
    const run = (await handle(frameEvent(win().loaded!), 'run.start', { fleetPath: EXAMPLE_FLEET, recipeId: 'revision-note', siteIds: ['press-line-2'] })) as { ok: boolean };
    expect(run.ok).toBe(true);
    const progress = win().sent.filter((a) => a[0] === IPC_EVENT_CHANNEL && a[1] === 'run.progress').map((a) => (a[2] as { phase: string }).phase);
    expect(progress).toEqual(['started', 'step', 'step', 'finished']);
  });

  it('denies new windows, foreign navigation, webviews, permissions and remote requests', () => {
    const contentsHandlers = new Map<string, Listener>();
    let openHandler: Listener | null = null;
    state.appEvents.get('web-contents-created')!(
      {},
      { setWindowOpenHandler: (fn: Listener) => (openHandler = fn), on: (ev: string, fn: Listener) => contentsHandlers.set(ev, fn) },
    );
    expect(openHandler!({ url: 'https://example.invalid' })).toEqual({ action: 'deny' });
    const nav = (url: string): boolean => {
      let prevented = false;
      contentsHandlers.get('will-navigate')!({ preventDefault: () => (prevented = true) }, url);
      return prevented;
    };
    expect(nav('https://example.invalid/')).toBe(true);
    expect(nav(win().loaded!)).toBe(false);
    let webview = false;
    contentsHandlers.get('will-attach-webview')!({ preventDefault: () => (webview = true) });
    expect(webview).toBe(true);

    let granted: boolean | null = null;
    state.permissionHandler!({}, 'media', (g: boolean) => (granted = g));
    expect(granted).toBe(false);
    const cancel = (url: string): boolean => {
      let result = false;
      state.beforeRequest!({ url }, (r) => (result = r.cancel));
      return result;
    };
    expect(cancel('https://cdn.example.invalid/monaco.js')).toBe(true);
    expect(cancel('http://127.0.0.1:9/')).toBe(true);
    expect(cancel(win().loaded!)).toBe(false);
  });
});

describe('Electron preload', () => {
  beforeAll(() => {
    if (!existsSync(join(REPO, 'dist/src-main/electron/preload.cjs'))) execFileSync('npx', ['tsc', '-p', 'tsconfig.build.json'], { cwd: REPO });
  });

  it('exposes only the raw transport, which the typed client uses over the invoke channel', async () => {
    const exposed = new Map<string, unknown>();
    const invokes: unknown[][] = [];
    const listeners = new Map<string, Listener>();
    const electron = {
      contextBridge: { exposeInMainWorld: (k: string, v: unknown) => exposed.set(k, v) },
      ipcRenderer: {
        invoke: async (...a: unknown[]) => {
          invokes.push(a);
          return { ok: true, value: { version: '1', host: 'electron', dbPath: '/x', canPickFolder: true, defaultFleetPath: null, model: { description: null, problem: null } } };
        },
        on: (ch: string, fn: Listener) => listeners.set(ch, fn),
        removeListener: (ch: string) => listeners.delete(ch),
      },
    };
    const code = readFileSync(join(REPO, 'dist/src-main/electron/preload.cjs'), 'utf8');
    const module = { exports: {} };
    // A sandboxed preload gets only a few modules; anything but 'electron' must not be required.
    const sandboxRequire = (id: string): unknown => {
      if (id === 'electron') return electron;
      throw new Error(`preload may not require ${id}`);
    };
    runInNewContext(code, { require: sandboxRequire, module, exports: module.exports });
    expect([...exposed.keys()]).toEqual(['plantshiftTransport']);
    const transport = exposed.get('plantshiftTransport') as RawTransport;
    expect(Object.keys(transport).sort()).toEqual(['invoke', 'on']);

    const api = createApi(transport);
    expect((await api.invoke('app.info', {})).host).toBe('electron');
    expect(invokes).toEqual([[IPC_INVOKE_CHANNEL, 'app.info', {}]]);

    const seen: unknown[] = [];
    const off = api.on('run.progress', (p) => seen.push(p));
    const payload = { runId: 1, siteId: 's', phase: 'started', status: null, message: 'm' };
    listeners.get(IPC_EVENT_CHANNEL)!({}, 'run.progress', payload);
    listeners.get(IPC_EVENT_CHANNEL)!({}, 'run.progress', { bogus: true });
    expect(seen).toEqual([payload]);
    off();
    expect(listeners.has(IPC_EVENT_CHANNEL)).toBe(false);
  });
});
