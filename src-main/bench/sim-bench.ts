import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { exampleFleetDir } from '../app/paths.js';
import { loadSiteProgram } from '../fleet/site-program.js';
import { analyzeProgram } from '../plc/check/index.js';
import { compileProject } from '../plc/project/compile-project.js';
import { compileSite } from '../sim/compile-site.js';
import type { Figure } from './measure.js';

/** The reference program of the soft-PLC target: 32 FB instances (TON, R_TRIG, CTU each), a 32-step FOR, a CASE. */
export const REFERENCE_PROGRAM = `
FUNCTION_BLOCK FB_Cell
VAR_INPUT run : BOOL; pt : TIME; END_VAR
VAR_OUTPUT done : BOOL; count : INT; END_VAR
VAR t : TON; edge : R_TRIG; c : CTU; END_VAR
  t(IN := run, PT := pt);
  edge(CLK := t.Q);
  c(CU := edge.Q, RESET := count > 1000, PV := 10);
  done := c.Q;
  count := WORD_TO_INT(c.CV);
END_FUNCTION_BLOCK

PROGRAM Main
VAR
  cells : ARRAY[0..31] OF FB_Cell;
  i : INT;
  sum : DINT;
  state : INT;
  blink : BOOL;
  values : ARRAY[0..31] OF INT;
END_VAR
  blink := NOT blink;
  FOR i := 0 TO 31 DO
    cells[i](run := blink OR (i MOD 3 = 0), pt := T#20MS);
    values[i] := cells[i].count;
    sum := sum + values[i];
  END_FOR;
  CASE state OF
    0: IF sum > 100 THEN state := 10; END_IF;
    10: state := 20;
    20..29: state := state + 1;
  ELSE
    state := 0;
  END_CASE;
END_PROGRAM
`;

function usPerScan(scan: () => void, scans: number): number {
  for (let i = 0; i < 2000; i++) scan();
  const t0 = performance.now();
  for (let i = 0; i < scans; i++) scan();
  return ((performance.now() - t0) * 1000) / scans;
}

export function simFigures(): Figure[] {
  const files = [{ path: 'reference.st', text: REFERENCE_PROGRAM }];
  const project = compileProject(files, 'codesys');
  const model = analyzeProgram(project.sources.map((s) => s.parse.unit), { dialect: 'codesys' });
  const { program } = compileSite(project, model, { entry: 'Main', cycleMs: 10, texts: new Map([['reference.st', REFERENCE_PROGRAM]]) });
  if (!program) throw new Error('reference program did not compile for the soft-PLC');
  const figures: Figure[] = [{ name: 'reference program scan', value: usPerScan(() => program.scan(), 100_000), unit: 'us/scan', note: '32 FBs (TON+R_TRIG+CTU), 32-step FOR, CASE; target <= 6 us' }];
  for (const site of readdirSync(exampleFleetDir()).sort()) {
    if (site.includes('.')) continue;
    const sp = loadSiteProgram(join(exampleFleetDir(), site));
    if (!sp.program) continue;
    const p = sp.program;
    const us = usPerScan(() => p.scan(), 50_000);
    figures.push({ name: `${site} scans`, value: 1e6 / us, unit: 'scans/s', note: `${(p.cycleMs * 1000 / us).toFixed(0)}x faster than real time (cycle ${p.cycleMs} ms); target >= 1000x` });
  }
  return figures;
}
