#!/usr/bin/env node
// The `plantshift` command. `npm ci` compiles it to dist/ through the `prepare` script.
import { cliMain, processIo } from './main.js';
import { installStopSignals } from './stop-signals.js';

// `plantshift check big/ | head` closes the pipe early: that is the reader's choice, not a crash.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (err: NodeJS.ErrnoException) => {
    if (err.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw err;
  });
}

// SIGINT and SIGTERM end every command promptly; `run` and `serve` first record or close what they hold.
installStopSignals();

process.exitCode = await cliMain(process.argv.slice(2), processIo());
