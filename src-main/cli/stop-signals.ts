// SIGINT and SIGTERM for the `plantshift` process: one handler per signal, installed by bin.ts, so every command
// stops cleanly and none swallows a signal. A command with something to finish (a run to record as
// interrupted, a server to close) pushes a handler for as long as it runs; otherwise the process leaves with the
// conventional 128 + signal number (proof child processes are killed by their module's exit hook). A second
// signal always leaves at once.

export type StopSignal = 'SIGINT' | 'SIGTERM';
export type StopHandler = (signal: StopSignal) => void;

const STOP_SIGNALS: readonly StopSignal[] = ['SIGINT', 'SIGTERM'];
const handlers: StopHandler[] = [];
let installed = false;
let received = 0;

/** 130 after SIGINT (Ctrl+C), 143 after SIGTERM. */
export function stopExitCode(signal: StopSignal): number {
  return signal === 'SIGINT' ? 130 : 143;
}

/** Installs the process's SIGINT and SIGTERM handlers (once; the CLI's bin.ts does it, in-process callers need not). */
export function installStopSignals(): void {
  if (installed) return;
  installed = true;
  for (const signal of STOP_SIGNALS) {
    process.on(signal, () => {
      received += 1;
      const handler = handlers.at(-1);
      if (received > 1 || !handler) process.exit(stopExitCode(signal));
      handler(signal);
    });
  }
}

/** Whether installStopSignals ran in this process. */
export function stopSignalsInstalled(): boolean {
  return installed;
}

/** Makes `handler` the one that gets the first SIGINT or SIGTERM until the returned function is called. */
export function pushStopHandler(handler: StopHandler): () => void {
  handlers.push(handler);
  return () => {
    const i = handlers.lastIndexOf(handler);
    if (i >= 0) handlers.splice(i, 1);
  };
}
