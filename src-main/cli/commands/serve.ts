import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { createDispatch } from '../../api/dispatch.js';
import { createHandlers } from '../../api/handlers.js';
import { Services } from '../../api/services.js';
import { AppError } from '../../app/app-error.js';
import { defaultDbPath, exampleFleetDir, promptsDir, rendererDistDir } from '../../app/paths.js';
import { startBridge } from '../../bridge/bridge-server.js';
import { describeModelChoice, openProvider } from '../../llm/open-provider.js';
import { parseCommandArgs } from '../args.js';
import { EXIT_OK, UsageError, type Command } from '../command.js';
import { pushStopHandler, stopSignalsInstalled, type StopSignal } from '../stop-signals.js';

export const serveCommand: Command = {
  name: 'serve',
  summary: 'Serve the desktop UI to a local browser on 127.0.0.1 (where Electron is not installed)',
  usage: `Usage: plantshift serve [--port N] [--db FILE] [--fleet DIR]

Starts the browser bridge: the same UI and services as the desktop app, on 127.0.0.1 only. Prints a URL
holding a per-launch token; only a browser given that URL can use the API. Stop with Ctrl+C or SIGTERM: a
run in progress is stopped and recorded as interrupted, then the server closes (exit status 0).

Options:
  --port N      port to listen on (default: a free port)
  --db FILE     database file (default: $PLANTSHIFT_HOME/plantshift.db)
  --fleet DIR   fleet folder shown first in the UI (default: the bundled example fleet)`,
  async run(args, io) {
    const { values } = parseCommandArgs(args, { port: { type: 'string' }, db: { type: 'string' }, fleet: { type: 'string' } }, false);
    const port = values.port === undefined ? 0 : Number(values.port);
    if (!Number.isInteger(port) || port < 0 || port > 65535) throw new UsageError(`--port: expected 0-65535, got "${values.port}"`);
    const rendererDir = rendererDistDir();
    if (!existsSync(join(rendererDir, 'index.html'))) {
      throw new AppError('not-found', `the UI bundle is missing at ${rendererDir}; run "npm run build" first`);
    }
    const services = new Services({
      dbPath: values.db ? resolve(io.cwd, values.db) : defaultDbPath(),
      promptsDir: promptsDir(),
      clock: io.clock,
      host: 'bridge',
      defaultFleetPath: values.fleet ? resolve(io.cwd, values.fleet) : exampleFleetDir(),
      // The model from settings.yaml or models/*.gguf, opened on the first run that needs the agent.
      openModel: async () => (await openProvider({}))?.provider ?? null,
      describeModel: () => describeModelChoice(),
    });
    const bridge = await startBridge({ dispatch: createDispatch(createHandlers(services)), events: services.events, rendererDir, port });
    io.out(`Plantshift UI: ${bridge.url}\nDatabase: ${services.store.file}\nPress Ctrl+C to stop.\n`);
    // SIGINT or SIGTERM: a run in progress is stopped and recorded as interrupted, then the server closes. A
    // second signal leaves at once.
    const signal = await new Promise<StopSignal>((done) => {
      if (stopSignalsInstalled()) {
        const pop = pushStopHandler((sig) => {
          pop();
          done(sig);
        });
      } else {
        process.once('SIGINT', () => done('SIGINT'));
        process.once('SIGTERM', () => done('SIGTERM'));
      }
    });
    const interrupted = services.interruptRun(`the app server was stopped by ${signal}`);
    if (interrupted.length) io.out(`Run ${interrupted.join(', ')} stopped and recorded as interrupted.\n`);
    // An open event stream must not keep the server from closing.
    await Promise.race([bridge.close(), new Promise((r) => setTimeout(r, 2000).unref())]);
    services.close();
    // The interrupted run's code may still be awaiting a step; it must not keep the process alive.
    if (interrupted.length) process.exit(EXIT_OK);
    return EXIT_OK;
  },
};
