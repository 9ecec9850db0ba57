import { join, resolve } from 'node:path';
import { openFleet, siteId } from '../../fleet/load-fleet.js';
import { parseCommandArgs } from '../args.js';
import { EXIT_FAIL, EXIT_OK, UsageError, type Command } from '../command.js';
import { formatTable } from '../table.js';

export const sitesCommand: Command = {
  name: 'sites',
  summary: 'List the sites of a fleet folder and any problem in their site.yaml',
  usage: `Usage: plantshift sites --fleet DIR [--json]

Reads every site.yaml under DIR and lists the sites with their platform, entry program, cycle time and
number of source files, then every problem found (file:line: key: what was expected) and every path that
was not read, with the reason (a link out of the fleet folder, a broken link, a FIFO or device, ...). Links
are followed inside DIR only; a site whose site.yaml or sources cannot be read has a problem.

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
      // Skipped paths that are problems were printed above; the rest (lost nothing, or only maybe a site) here.
      const printed = new Set(problems.map((p) => p.file));
      const skipped = [...fleet.skipped.map((s) => ({ ...s, file: join(fleet.path, s.path) })), ...fleet.sites.flatMap((site) => site.skipped.map((s) => ({ ...s, file: join(site.dir, s.path) })))];
      for (const s of skipped) if (!printed.has(s.file)) io.err(`${s.file}: skipped: ${s.message}\n`);
    }
    return problems.length ? EXIT_FAIL : EXIT_OK;
  },
};
