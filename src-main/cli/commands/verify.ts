import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { loadScenarios, loadSiteVersion } from '../../fleet/site-version-loader.js';
import { RULES } from '../../verify/rules.js';
import { renderReportHtml } from '../../verify/html/render-report.js';
import { verifyChange } from '../../verify/pipeline.js';
import { parseCommandArgs } from '../args.js';
import { EXIT_FAIL, EXIT_OK, UsageError, type Command } from '../command.js';

export const verifyCommand: Command = {
  name: 'verify',
  summary: 'Verify a change to a site: compile, safety rules, simulation, formal proof; with evidence',
  usage: `Usage: plantshift verify --before DIR --after DIR [--json] [--html FILE] [--fast]

DIR is a site folder (site.yaml + sources). Runs the verification pipeline in its fixed order: compile,
safety (static rules; always runs, cannot be turned off), simulation on the soft-PLC (scenarios, e-stop,
restart and guard properties, old against new), formal (bounded model checking of the safety properties),
judge (reported skipped here: the LLM judge needs a recipe and a model and runs within plantshift run).
Every finding carries its evidence: rule, location, counterexample trace.

Options:
  --json       print {"verdict","safetyCritical","stages":[{"name","status","findings":[{"rule","severity",
               "message","file","line"}]}]}
  --html FILE  write the full report, with code excerpts and timing diagrams, as one offline HTML page
  --fast       compile and static safety only (seconds; simulation and formal are reported as skipped)

Exit status: 0 the verdict is pass, 1 it is fail, 2 the verification could not run.`,
  async run(args, io) {
    const { values } = parseCommandArgs(args, { before: { type: 'string' }, after: { type: 'string' }, json: { type: 'boolean' }, html: { type: 'string' }, fast: { type: 'boolean' } }, false);
    if (!values.before || !values.after) throw new UsageError('--before DIR and --after DIR are required');
    const before = loadSiteVersion(resolve(io.cwd, values.before), 'before');
    const afterDir = resolve(io.cwd, values.after);
    const after = loadSiteVersion(afterDir, 'after');
    const scenarios = loadScenarios(afterDir, after.config.scenarios);
    const report = await verifyChange(before, after, { mode: values.fast ? 'fast' : 'full', clock: io.clock, scenarios });
    if (values.html) writeFileSync(resolve(io.cwd, values.html), renderReportHtml(report, RULES));
    if (values.json) {
      const stages = report.stages.map((s) => ({ name: s.name, status: s.status, findings: s.findings.map((f) => ({ rule: f.rule, severity: f.severity, message: f.message, file: f.file, line: f.line })) }));
      io.out(JSON.stringify({ verdict: report.verdict, safetyCritical: report.safetyCritical, stages }, null, 2) + '\n');
    } else {
      io.out(`Verdict: ${report.verdict.toUpperCase()}${report.safetyCritical ? ' (safety-critical: needs the safety officer\u2019s signature)' : ''}\n`);
      for (const r of report.safetyCriticalReasons) io.out(`  safety-critical: ${r}\n`);
      for (const s of report.stages) {
        io.out(`${s.name.padEnd(10)} ${s.status.toUpperCase().padEnd(7)} ${s.summary}\n`);
        for (const f of s.findings) io.out(`  ${f.severity} ${f.rule}: ${f.message}${f.file ? ` (${f.file}${f.line ? `:${f.line}` : ''})` : ''}\n`);
      }
    }
    return report.verdict === 'pass' ? EXIT_OK : EXIT_FAIL;
  },
};
