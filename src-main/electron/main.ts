// Electron entry: kept thin on purpose. Everything it hosts is a plain Node service tested without Electron;
// this file only creates the window, locks it down and wires the contract to IPC.
import { app, BrowserWindow, dialog, ipcMain, session, type IpcMainInvokeEvent } from 'electron';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { IPC_EVENT_CHANNEL, IPC_INVOKE_CHANNEL } from '../../src-shared/api/envelope.js';
import { createDispatch } from '../api/dispatch.js';
import { createHandlers } from '../api/handlers.js';
import { Services } from '../api/services.js';
import { systemClock } from '../app/clock.js';
import { exampleFleetDir, packageRoot, promptsDir, rendererDistDir } from '../app/paths.js';
import { describeModelChoice, openProvider } from '../llm/open-provider.js';

const indexHtml = join(rendererDistDir(), 'index.html');
const indexUrl = pathToFileURL(indexHtml).href;
let win: BrowserWindow | null = null;

app.enableSandbox();

/** Only our own window's top frame, showing our own bundle, may call the API. */
function trustedSender(event: IpcMainInvokeEvent): boolean {
  return win !== null && event.sender === win.webContents && event.senderFrame?.url.split('#')[0] === indexUrl;
}

async function start(): Promise<void> {
  // Plant PCs are offline: no permission (camera, notifications, ...) is ever granted, nothing remote is loaded.
  session.defaultSession.setPermissionRequestHandler((_wc, _perm, cb) => cb(false));
  session.defaultSession.webRequest.onBeforeRequest((details, cb) => {
    const local = details.url.startsWith('file://') || details.url.startsWith('devtools://') || details.url.startsWith('blob:') || details.url.startsWith('data:');
    cb({ cancel: !local });
  });

  const services = new Services({
    dbPath: join(app.getPath('userData'), 'plantshift.db'),
    promptsDir: promptsDir(),
    clock: systemClock,
    host: 'electron',
    defaultFleetPath: exampleFleetDir(),
    // The model from settings.yaml or models/*.gguf, opened on the first run that needs the agent.
    openModel: async () => (await openProvider({}))?.provider ?? null,
    describeModel: () => describeModelChoice(),
    pickFolder: async () => {
      const opts = { title: 'Choose a fleet folder', properties: ['openDirectory' as const] };
      const r = win ? await dialog.showOpenDialog(win, opts) : await dialog.showOpenDialog(opts);
      return r.canceled ? null : (r.filePaths[0] ?? null);
    },
  });
  const dispatch = createDispatch(createHandlers(services));

  ipcMain.handle(IPC_INVOKE_CHANNEL, async (event, channel: unknown, input: unknown) => {
    if (!trustedSender(event)) return { ok: false, error: { code: 'invalid-input', message: 'sender not allowed', details: [] } };
    return dispatch(typeof channel === 'string' ? channel : '', input);
  });
  services.events.subscribe((name, payload) => win?.webContents.send(IPC_EVENT_CHANNEL, name, payload));
  // Quitting with a run in progress records it as interrupted (and ends its proof children) before the database closes.
  app.on('will-quit', () => {
    services.interruptRun('the app was closed');
    services.close();
  });

  win = new BrowserWindow({
    width: 1400,
    height: 900,
    title: 'Plantshift',
    show: false,
    webPreferences: {
      preload: join(packageRoot(), 'dist', 'src-main', 'electron', 'preload.cjs'),
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      webviewTag: false,
      spellcheck: false,
    },
  });
  win.once('ready-to-show', () => win?.show());
  win.on('closed', () => (win = null));
  await win.loadURL(indexUrl);
}

app.on('web-contents-created', (_e, contents) => {
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
  contents.on('will-navigate', (e, url) => {
    if (url.split('#')[0] !== indexUrl) e.preventDefault();
  });
  contents.on('will-attach-webview', (e) => e.preventDefault());
});

app.on('window-all-closed', () => app.quit());
app.whenReady().then(start, (err: unknown) => {
  console.error('plantshift: failed to start', err);
  app.exit(1);
});
