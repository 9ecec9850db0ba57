import { resolve } from 'node:path';
import { AppError } from '../../app/app-error.js';
import { promptsDir } from '../../app/paths.js';
import { expandGlobs } from '../../fleet/glob.js';
import { loadScenarios, loadSiteVersion } from '../../fleet/site-version-loader.js';
import { loadRecipes, requireRecipe } from '../../recipe/load-recipes.js';
import { RULES } from '../../verify/rules.js';
import { renderReportHtml } from '../../verify/html/render-report.js';
import { verifyChange } from '../../verify/pipeline.js';
import { findingLabel } from '../../evidence/verdict.js';
import { parseCommandArgs } from '../args.js';
import { checkOutputTarget, writeOutputFile } from '../output-file.js';
import { EXIT_FAIL, EXIT_OK, UsageError, type Command } from '../command.js';

export const verifyCommand: Command = {
  name: 'verify',
  summary: 'Verify a change to a site: compile, safety rules, simulation, formal proof; with evidence',
  usage: `Usage: plantshift verify --before DIR --after DIR [--recipe ID] [--allow NAME]... [--json] [--html FILE] [--fast]

DIR is a site folder (site.yaml + sources). Runs the verification pipeline in its fixed order: compile,
safety (static rules; always runs, cannot be turned off), simulation on the soft-PLC (scenarios, e-stop,
restart and guard properties, old against new), formal (bounded model checking of the safety properties),
judge (with --recipe, the recipe's safety scope rule; the LLM judge needs a model and runs within plantshift
run). The old-against-new comparison runs every input sequence to its end and reports each output's first
difference: an error on a hazardous output (site.yaml safety.hazardous_outputs), a warning on any other
output, internal variables at most as one info line. Every finding carries its evidence: rule, location,
counterexample trace.

Options:
  --recipe ID  verify the change as recipe ID (prompts/ID.md) made it: its required_scenarios run besides the
               site's, its allowed_differences are not compared, and a recipe with touches_safety: false fails
               the judge stage on a safety-critical change
  --allow NAME an output the change is meant to alter (repeatable; adds to the recipe's allowed_differences):
               the old-against-new comparison skips it; a hazardous output is compared even so and its
               difference reported as a warning, never hidden
  --json       print {"verdict","safetyCritical","openPoints":[{"id","stage","rule","what","file","line"}],
               "stages":[{"name","status","findings":[{"rule","severity","message","file","line","undecided",
               "preExisting"}]}]}
  --html FILE  write the full report, with code excerpts and timing diagrams, as one offline HTML page
  --fast       compile and static safety only (seconds; simulation and formal are reported as skipped)

Verdicts: PASS (every stage decided, nothing new is wrong), FAIL (evidence that the change is unsafe or broke
something: a rule and a location, or a counterexample replayed on the soft-PLC; a stage that crashed fails
too), INCONCLUSIVE (something could not be decided: each open point says what and where; not shown to be
safe, and only the Safety officer may approve it, acknowledging each point). Findings the unchanged site
already has are listed as "already before this change" and do not count against it.

Exit status: 0 the verdict is pass, 1 it is fail or inconclusive (the first line says which), 2 the
verification could not run.`,
  async run(args, io) {
    const { values } = parseCommandArgs(
      args,
      { before: { type: 'string' }, after: { type: 'string' }, recipe: { type: 'string' }, allow: { type: 'string', multiple: true }, json: { type: 'boolean' }, html: { type: 'string' }, fast: { type: 'boolean' } },
      false,
    );
    if (!values.before || !values.after) throw new UsageError('--before DIR and --after DIR are required');
    const allow = values.allow ?? [];
    const empty = allow.find((n) => !n.trim());
    if (empty !== undefined) throw new UsageError('--allow needs a variable name');
    if (values.html) checkOutputTarget(resolve(io.cwd, values.html), 'HTML report');
    const recipe = values.recipe === undefined ? null : requireRecipe(loadRecipes(promptsDir()), values.recipe);
    const before = loadSiteVersion(resolve(io.cwd, values.before), 'before');
    const afterDir = resolve(io.cwd, values.after);
    const after = loadSiteVersion(afterDir, 'after');
    // As plantshift run would: a site without the scenarios the recipe is checked against is not verified as it.
    const missing = recipe?.requiredScenarios.find((g) => expandGlobs(afterDir, [g]).length === 0);
    if (recipe && missing !== undefined) throw new AppError('invalid-input', `recipe ${recipe.id} needs a scenario matching ${missing}, which ${afterDir} does not have`, [missing]);
    const scenarios = loadScenarios(afterDir, [...after.config.scenarios, ...(recipe?.requiredScenarios ?? [])]);
    const report = await verifyChange(before, after, {
      mode: values.fast ? 'fast' : 'full',
      clock: io.clock,
      scenarios,
      allowedDifferences: [...(recipe?.allowedDifferences ?? []), ...allow.map((n) => n.trim())],
      ...(recipe ? { scope: { recipeId: recipe.id, touchesSafety: recipe.touchesSafety } } : {}),
    });
    if (values.html) writeOutputFile(resolve(io.cwd, values.html), renderReportHtml(report, RULES), 'HTML report');
    if (values.json) {
      const stages = report.stages.map((s) => ({
        name: s.name,
        status: s.status,
        findings: s.findings.map((f) => ({ rule: f.rule, severity: f.severity, message: f.message, file: f.file, line: f.line, undecided: f.undecided === true, preExisting: f.preExisting === true })),
      }));
      io.out(JSON.stringify({ verdict: report.verdict, safetyCritical: report.safetyCritical, openPoints: report.openPoints, stages }, null, 2) + '\n');
    } else {
      const what = report.verdict === 'inconclusive' ? ': not shown to be safe; the Safety officer must acknowledge each open point' : '';
      io.out(`Verdict: ${report.verdict.toUpperCase()}${what}${report.safetyCritical ? ' (safety-critical: needs the safety officer\u2019s signature)' : ''}\n`);
      for (const r of report.safetyCriticalReasons) io.out(`  safety-critical: ${r}\n`);
      for (const p of report.openPoints) io.out(`  open point ${p.id}: ${p.what}${p.file ? ` (${p.file}${p.line ? `:${p.line}` : ''})` : ''}\n`);
      for (const s of report.stages) {
        io.out(`${s.name.padEnd(10)} ${s.status.toUpperCase().padEnd(12)} ${s.summary}\n`);
        for (const f of s.findings) io.out(`  ${findingLabel(f)} ${f.rule}: ${f.message}${f.file ? ` (${f.file}${f.line ? `:${f.line}` : ''})` : ''}\n`);
      }
    }
    return report.verdict === 'pass' ? EXIT_OK : EXIT_FAIL;
  },
};
