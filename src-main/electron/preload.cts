// Sandboxed preloads cannot require our own modules, so the two channel names are written out here; the
// `typeof` annotations make the compiler reject them if they ever drift from src-shared's constants.
import electron = require('electron');
import type { IpcRendererEvent } from 'electron';
import type { IPC_EVENT_CHANNEL, IPC_INVOKE_CHANNEL } from '../../src-shared/api/envelope.js';
import type { RawTransport } from '../../src-shared/api/client.js';

const { contextBridge, ipcRenderer } = electron;
const INVOKE: typeof IPC_INVOKE_CHANNEL = 'plantshift:invoke';
const EVENT: typeof IPC_EVENT_CHANNEL = 'plantshift:event';

const transport: RawTransport = {
  invoke: (channel, input) => ipcRenderer.invoke(INVOKE, channel, input),
  on: (listener) => {
    const wrapped = (_e: IpcRendererEvent, name: string, payload: unknown): void => listener(name, payload);
    ipcRenderer.on(EVENT, wrapped);
    return () => {
      ipcRenderer.removeListener(EVENT, wrapped);
    };
  },
};

// Only the raw two-method transport is exposed; the renderer builds the typed, validated client on it.
contextBridge.exposeInMainWorld('plantshiftTransport', transport);
