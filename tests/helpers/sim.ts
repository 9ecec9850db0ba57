import { analyzeProgram } from '../../src-main/plc/check/index.js';
import { compileProject } from '../../src-main/plc/project/compile-project.js';
import type { Dialect } from '../../src-main/plc/st/dialect.js';
import { compileSite } from '../../src-main/sim/compile-site.js';
import type { CompiledProgram } from '../../src-main/sim/sim-program.js';

/** Compiles ST source text (one file, entry Main) through the real pipeline; fails the test on any error. */
export function simulate(
  st: string,
  opts: { cycleMs?: number; dialect?: Dialect; entry?: string; iterationBudget?: number; extraFiles?: { path: string; text: string }[] } = {},
): CompiledProgram {
  const dialect = opts.dialect ?? 'codesys';
  const files = [{ path: 'main.st', text: st }, ...(opts.extraFiles ?? [])];
  const project = compileProject(files, dialect);
  const model = analyzeProgram(project.sources.map((s) => s.parse.unit), { dialect });
  const errors = [...project.diagnostics, ...model.diagnostics].filter((d) => d.severity === 'error');
  if (errors.length) throw new Error(`test program does not compile:\n${errors.map((e) => `${e.code} ${e.message} @${e.span.start}`).join('\n')}`);
  const { program, problems } = compileSite(project, model, {
    entry: opts.entry ?? 'Main',
    cycleMs: opts.cycleMs ?? 10,
    texts: new Map(files.map((f) => [f.path, f.text])),
    ...(opts.iterationBudget ? { iterationBudget: opts.iterationBudget } : {}),
  });
  if (!program) throw new Error(`simulator refused the program:\n${problems.map((p) => `${p.file}:${p.line}: ${p.message}`).join('\n')}`);
  return program;
}

/** A PROGRAM Main with the given declarations and body, run once. */
export function runOnce(vars: string, body: string, opts: Parameters<typeof simulate>[1] = {}): CompiledProgram {
  const p = simulate(`PROGRAM Main\nVAR\n${vars}\nEND_VAR\n${body}\nEND_PROGRAM\n`, opts);
  p.scan();
  return p;
}
