import { checkProgram } from '../../plc/check/index.js';
import { diagnosticJson, formatDiagnostic } from '../../plc/diagnostics/format.js';
import { compileProject } from '../../plc/project/compile-project.js';
import { SourceText } from '../../plc/source/source-text.js';
import { DIALECTS, type Dialect } from '../../plc/st/dialect.js';
import { projectForPath } from '../../fleet/project-files.js';
import { parseCommandArgs } from '../args.js';
import { EXIT_FAIL, EXIT_OK, UsageError, type Command } from '../command.js';

export const checkCommand: Command = {
  name: 'check',
  summary: 'Check PLC sources like a compiler: syntax, names, types, calls, flow (ST, SCL, TwinCAT, PLCopen, L5X, L5K)',
  usage: `Usage: plantshift check PATH... [--json] [--dialect D]

PATH is a file or a folder. A site folder (with site.yaml) is checked as one project using its sources
and platform; any other folder takes every PLC source file below it as one project; a file is checked on
its own. Names resolve across the files of a project. A file named here may lie anywhere but must be a regular
file (a FIFO or device is refused at once); in a folder, links are followed only inside that folder, and every
path not read (a link out of it, a broken link, a FIFO, ...) is an error naming the path and the reason.

Prints each diagnostic as file:line:col: severity CODE: message, with the source line and a caret.
"plantshift explain CODE" says what a code means.

Options:
  --json        print {"files":[{"path","diagnostics":[{"code","severity","message","line","column",
                "endLine","endColumn"}]}],"errors":N,"warnings":N}
  --dialect D   read as ${DIALECTS.join(' | ')} (default: the site's platform, else codesys; .scl files are scl)

Exit status: 0 no errors, 1 errors found, 2 could not run (bad arguments, unreadable file).`,
  async run(args, io) {
    const { values, positionals } = parseCommandArgs(args, { json: { type: 'boolean' }, dialect: { type: 'string' } });
    if (positionals.length === 0) throw new UsageError('expected at least one PATH');
    const dialect = values.dialect ?? null;
    if (dialect !== null && !(DIALECTS as readonly string[]).includes(dialect)) throw new UsageError(`--dialect: expected one of ${DIALECTS.join(', ')}, got "${dialect}"`);
    const projects = positionals.map((p) => projectForPath(p, io.cwd, dialect as Dialect | null));

    const perFile = new Map<string, ReturnType<typeof diagnosticJson>[]>();
    const texts = new Map<string, SourceText>();
    let errors = 0;
    let warnings = 0;
    let out = '';
    for (const project of projects) {
      for (const note of project.notes) io.err(`${note}\n`);
      for (const problem of project.problems) {
        io.err(`${problem}\n`);
        errors++;
      }
      for (const f of project.files) {
        texts.set(f.path, new SourceText(f.path, f.text));
        if (!perFile.has(f.path)) perFile.set(f.path, []);
      }
      const compiled = compileProject(project.files, project.dialect, checkProgram);
      for (const d of compiled.diagnostics) {
        const src = texts.get(d.span.file);
        if (!src) continue;
        if (d.severity === 'error') errors++;
        else if (d.severity === 'warning') warnings++;
        perFile.get(d.span.file)!.push(diagnosticJson(d, src));
        out += formatDiagnostic(d, (f) => texts.get(f));
      }
    }
    if (values.json) {
      const files = [...perFile].map(([path, diagnostics]) => ({ path, diagnostics }));
      io.out(JSON.stringify({ files, errors, warnings }, null, 2) + '\n');
    } else {
      io.out(out);
      io.out(`${errors} error${errors === 1 ? '' : 's'}, ${warnings} warning${warnings === 1 ? '' : 's'} in ${perFile.size} file${perFile.size === 1 ? '' : 's'}\n`);
    }
    return errors > 0 ? EXIT_FAIL : EXIT_OK;
  },
};
