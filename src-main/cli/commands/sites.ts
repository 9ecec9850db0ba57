import { resolve } from 'node:path';
import { openFleet, siteId } from '../../fleet/load-fleet.js';
import { parseCommandArgs } from '../args.js';
import { EXIT_FAIL, EXIT_OK, UsageError, type Command } from '../command.js';
import { formatTable } from '../table.js';

export const sitesCommand: Command = {
  name: 'sites',
  summary: 'List the sites of a fleet folder and any problem in their site.yaml',
  usage: `Usage: plantshift sites --fleet DIR [--json]

Reads every site.yaml under DIR and lists the sites with their platform, entry program, cycle time and
number of source files, then every problem found (file:line: key: what was expected).

Exit status: 0 when every site is valid, 1 when any site has a problem, 2 when DIR cannot be read.`,
  async run(args, io) {
    const { values, positionals } = parseCommandArgs(args, { fleet: { type: 'string' }, json: { type: 'boolean' } });
    const dir = values.fleet ?? positionals[0];
    if (!dir) throw new UsageError('--fleet DIR is required');
    const fleet = openFleet(resolve(io.cwd, dir));
    const problems = [...fleet.problems, ...fleet.sites.flatMap((s) => s.problems)];
    if (values.json) io.out(JSON.stringify(fleet, null, 2) + '\n');
    else {
      io.out(
        formatTable(
          ['site', 'name', 'platform', 'entry', 'cycle ms', 'sources', 'hazardous outputs'],
          fleet.sites.map((s) => [
            siteId(s),
            s.config?.name ?? '(invalid site.yaml)',
            s.config?.platform ?? '-',
            s.config?.entry ?? '-',
            s.config?.cycleMs ?? '-',
            s.sourceFiles.length,
            s.config?.safety.hazardousOutputs.join(', ') || '-',
          ]),
        ),
      );
      for (const p of problems) io.err(`${p.file}${p.line ? `:${p.line}` : ''}: ${p.message}\n`);
    }
    return problems.length ? EXIT_FAIL : EXIT_OK;
  },
};
