import { LlmError } from '../llm/provider.js';
import { AppError } from '../app/app-error.js';
import { systemClock } from '../app/clock.js';
import { packageVersion } from '../app/paths.js';
import { EXIT_OK, EXIT_USAGE, UsageError, type CliIo, type Command } from './command.js';
import { checkCommand } from './commands/check.js';
import { explainCommand } from './commands/explain.js';
import { logCommand } from './commands/log.js';
import { recipesCommand } from './commands/recipes.js';
import { runCommand } from './commands/run.js';
import { serveCommand } from './commands/serve.js';
import { simCommand } from './commands/sim.js';
import { verifyCommand } from './commands/verify.js';
import { sitesCommand } from './commands/sites.js';

export const COMMANDS: readonly Command[] = [runCommand, logCommand, sitesCommand, recipesCommand, checkCommand, explainCommand, simCommand, verifyCommand, serveCommand];

export function helpText(): string {
  const width = Math.max(...COMMANDS.map((c) => c.name.length), 'help'.length);
  const rows = [...COMMANDS.map((c) => [c.name, c.summary]), ['help', 'Show help for a command (plantshift help COMMAND)']];
  return `Plantshift ${packageVersion()}: fleet-wide, verified migrations of PLC/SCADA code, offline.

Usage: plantshift COMMAND [options]

Commands:
${rows.map(([n, s]) => `  ${n!.padEnd(width)}  ${s}`).join('\n')}

Options:
  -h, --help     show this help, or a command's help after its name
  -v, --version  print the version

Exit status: 0 success, 1 the command ran and found failures, 2 the command could not run, 130 or 143
stopped by SIGINT (Ctrl+C) or SIGTERM.
`;
}

function findCommand(name: string): Command | undefined {
  return COMMANDS.find((c) => c.name === name);
}

/** Runs one CLI invocation and returns its exit status; never throws. */
export async function cliMain(argv: string[], io: CliIo): Promise<number> {
  const [first, ...rest] = argv;
  if (first === undefined || first === '-h' || first === '--help') {
    io.out(helpText());
    return first === undefined ? EXIT_USAGE : EXIT_OK;
  }
  if (first === '-v' || first === '--version') {
    io.out(packageVersion() + '\n');
    return EXIT_OK;
  }
  if (first === 'help') {
    const cmd = rest[0] ? findCommand(rest[0]) : undefined;
    if (rest[0] && !cmd) {
      io.err(`plantshift: unknown command "${rest[0]}"\n\n${helpText()}`);
      return EXIT_USAGE;
    }
    io.out(cmd ? cmd.usage + '\n' : helpText());
    return EXIT_OK;
  }
  const cmd = findCommand(first);
  if (!cmd) {
    io.err(`plantshift: unknown command "${first}"; run "plantshift --help" for the list\n`);
    return EXIT_USAGE;
  }
  if (rest.includes('--help') || rest.includes('-h')) {
    io.out(cmd.usage + '\n');
    return EXIT_OK;
  }
  try {
    return await cmd.run(rest, io);
  } catch (err) {
    if (err instanceof UsageError) {
      io.err(`plantshift ${cmd.name}: ${err.message}\n\n${cmd.usage}\n`);
      return EXIT_USAGE;
    }
    if (err instanceof AppError || err instanceof LlmError) {
      io.err(`plantshift ${cmd.name}: ${err.message}\n`);
      return EXIT_USAGE;
    }
    io.err(`plantshift ${cmd.name}: internal error: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
    return EXIT_USAGE;
  }
}

export function processIo(): CliIo {
  return {
    out: (t) => process.stdout.write(t),
    err: (t) => process.stderr.write(t),
    clock: systemClock,
    cwd: process.cwd(),
  };
}
