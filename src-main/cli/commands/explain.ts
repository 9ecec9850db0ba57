import { CATALOG, codeInfo } from '../../plc/diagnostics/catalog.js';
import { EXIT_OK, EXIT_USAGE, UsageError, type Command } from '../command.js';

export const explainCommand: Command = {
  name: 'explain',
  summary: 'Explain a diagnostic code (e.g. plantshift explain ST2001)',
  usage: `Usage: plantshift explain CODE

Prints what a diagnostic code means, why it matters on a machine and how to fix it. Codes: ST1xxx syntax,
ST2xxx semantic checks, FMTxxxx file formats (TwinCAT, PLCopen XML, L5X, L5K), LDxxxx ladder.
"plantshift explain --list" lists every code with its title.`,
  async run(args, io) {
    if (args[0] === '--list') {
      for (const info of [...CATALOG.values()].sort((a, b) => a.code.localeCompare(b.code))) io.out(`${info.code}  ${info.severity.padEnd(7)}  ${info.title}\n`);
      return EXIT_OK;
    }
    if (args.length !== 1) throw new UsageError('expected exactly one CODE');
    const info = codeInfo(args[0]!);
    if (!info) {
      io.err(`plantshift explain: unknown code "${args[0]}"; "plantshift explain --list" lists the codes\n`);
      return EXIT_USAGE;
    }
    io.out(`${info.code} (${info.severity}): ${info.title}\n\n${wrap(info.explanation, 100)}\n`);
    return EXIT_OK;
  },
};

function wrap(text: string, width: number): string {
  const out: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/)) {
    if (line && line.length + 1 + word.length > width) {
      out.push(line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  if (line) out.push(line);
  return out.join('\n');
}
