import { relative, resolve } from 'node:path';
import { AppError } from '../../app/app-error.js';
import { loadSiteProgram, readText, siteFile } from '../../fleet/site-program.js';
import { scenarioPaths } from '../../fleet/site-version-loader.js';
import { formatDiagnostic } from '../../plc/diagnostics/format.js';
import { SourceText } from '../../plc/source/source-text.js';
import { formatFailure, formatFault, runScenario, type ScenarioRunResult } from '../../sim/run-scenario.js';
import { formatScenarioProblem, MAX_SCENARIO_BYTES, parseScenario } from '../../sim/scenario.js';
import { traceToVcd } from '../../sim/vcd.js';
import { parseCommandArgs } from '../args.js';
import { checkOutputTarget, writeOutputFile } from '../output-file.js';
import { EXIT_FAIL, EXIT_OK, EXIT_USAGE, UsageError, type Command } from '../command.js';

export const simCommand: Command = {
  name: 'sim',
  summary: "Run a site's program on the soft-PLC against its scenarios (timing, e-stops, interlocks)",
  usage: `Usage: plantshift sim SITE_DIR [--scenario FILE]... [--json] [--vcd FILE]

Compiles the site's sources (site.yaml: sources, entry, cycle) for the built-in soft-PLC and runs each
scenario on virtual time: 'set' applies before the scan at a step's time, 'expect' is checked after it.
Without --scenario, every scenario file of the site (site.yaml 'scenarios') runs.

Options:
  --scenario FILE  a scenario YAML file (repeatable); relative to the current folder
  --json           print the results as JSON
  --vcd FILE       write the trace of the (single) scenario as a VCD waveform for GTKWave

Exit status: 0 every expectation holds, 1 any fails (or the program faults), 2 could not run (bad site,
compile errors, unreadable or invalid scenario).`,
  async run(args, io) {
    const { values, positionals } = parseCommandArgs(args, { scenario: { type: 'string', multiple: true }, json: { type: 'boolean' }, vcd: { type: 'string' } });
    if (positionals.length !== 1) throw new UsageError('expected exactly one SITE_DIR');
    const dir = resolve(io.cwd, positionals[0]!);
    if (values.vcd) checkOutputTarget(resolve(io.cwd, values.vcd), 'VCD file');
    const sp = loadSiteProgram(dir);
    const show = (p: string): string => relative(io.cwd, p) || p;
    if (sp.errors.length) {
      const lookup = (f: string): SourceText | undefined => (sp.texts.has(f) ? new SourceText(f, sp.texts.get(f)!) : undefined);
      for (const d of sp.errors) io.err(formatDiagnostic(d, lookup));
      io.err(`plantshift sim: ${sp.errors.length} compile error(s) in ${show(dir)}; fix them first ("plantshift check ${show(dir)}")\n`);
      return EXIT_USAGE;
    }
    if (!sp.program) {
      for (const p of sp.problems) io.err(`${p.file}:${p.line}: ${p.message}\n`);
      io.err(`plantshift sim: ${show(dir)} uses constructs the soft-PLC cannot run yet\n`);
      return EXIT_USAGE;
    }
    // A --scenario FILE is the person's own choice and may lie anywhere; the site's own scenarios stay inside it.
    const explicit = Boolean(values.scenario?.length);
    const files = explicit ? values.scenario!.map((f) => resolve(io.cwd, f)) : scenarioPaths(sp.dir, sp.config.scenarios).map((rel) => siteFile(sp, rel));
    if (files.length === 0) throw new AppError('invalid-input', `${show(dir)} has no scenario files; pass --scenario FILE`);
    if (values.vcd && files.length !== 1) throw new UsageError('--vcd needs exactly one scenario');
    const scenarios = files.map((f) => {
      const parsed = parseScenario(readText(f, explicit ? null : sp.dir, MAX_SCENARIO_BYTES, 'scenario'), show(f));
      if (!parsed.scenario) throw new AppError('bad-data', parsed.problems.map(formatScenarioProblem).join('\n'), [f]);
      return { file: show(f), scenario: parsed.scenario };
    });
    const results: (ScenarioRunResult & { file: string; name: string })[] = [];
    for (const s of scenarios) results.push({ file: s.file, name: s.scenario.name, ...runScenario(sp.program, s.scenario) });
    if (values.vcd) writeOutputFile(resolve(io.cwd, values.vcd), traceToVcd(results[0]!.trace), 'VCD file');
    if (values.json) {
      io.out(JSON.stringify({ site: sp.config.id, cycleMs: sp.program.cycleMs, scenarios: results.map(({ trace: _t, ...r }) => r) }, (_k, v: unknown) => (typeof v === 'bigint' ? v.toString() : v), 2) + '\n');
    } else {
      for (const r of results) {
        io.out(`${r.passed ? 'PASS' : 'FAIL'} ${r.file}: ${r.name} (${r.scans} scans, ${r.scans * sp.program.cycleMs} ms virtual)\n`);
        for (const f of r.failures) io.out(`  ${formatFailure(f)}\n`);
        for (const p of r.problems) io.out(`  ${p.message}\n`);
        if (r.fault) io.out(`  ${formatFault(r.fault)}\n`);
      }
      const failed = results.filter((r) => !r.passed).length;
      io.out(`${results.length - failed} passed, ${failed} failed\n`);
    }
    return results.every((r) => r.passed) ? EXIT_OK : EXIT_FAIL;
  },
};
