import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { checkProgram } from '../plc/check/index.js';
import { compileProject, type ProjectFile } from '../plc/project/compile-project.js';
import { parseSt } from '../plc/st/parser.js';
import { dialectForPlatform, type Dialect } from '../plc/st/dialect.js';
import { openFleet } from '../fleet/load-fleet.js';
import { exampleFleetDir } from '../app/paths.js';
import { meanMs, type Figure } from './measure.js';

/**
 * A corpus of realistic ST: every example site's ST sources, copied with renamed POUs and globals so each copy
 * is a distinct project (as a fleet of similar plants is), until at least `minLines` lines. Container formats
 * (PLCopen XML) are measured on their own: their lines are markup, not ST.
 */
const fleet = (): ReturnType<typeof openFleet> => openFleet(exampleFleetDir());

export function buildCorpus(minLines: number): { projects: { files: ProjectFile[]; dialect: Dialect }[]; lines: number } {
  const sites = fleet().sites
    .map((s) => ({ dialect: dialectForPlatform(s.config!.platform), files: s.sourceFiles.filter((rel) => /\.st$/i.test(rel)).map((rel) => ({ path: rel, text: readFileSync(join(s.dir, rel), 'utf8') })) }))
    .filter((s) => s.files.length > 0);
  const projects: { files: ProjectFile[]; dialect: Dialect }[] = [];
  let lines = 0;
  for (let copy = 0; lines < minLines; copy++) {
    for (const site of sites) {
      const files = site.files.map((f) => ({ path: `copy${copy}/${f.path}`, text: f.text.replace(/\b(FB_\w+|Safety_Logic)\b/g, `$1_${copy}`) }));
      projects.push({ files, dialect: site.dialect });
      for (const f of files) lines += f.text.split('\n').length;
    }
  }
  return { projects, lines };
}

export function languageFigures(minLines = 200_000): Figure[] {
  const { projects, lines } = buildCorpus(minLines);
  const files = projects.flatMap((p) => p.files);
  // Warm the JIT on a slice so the figures show steady-state speed, as a long check run would see.
  for (const p of projects.slice(0, 20)) compileProject(p.files, p.dialect, checkProgram);

  const t0 = performance.now();
  for (const p of projects) for (const f of p.files) parseSt(f.text, f.path, p.dialect);
  const parseMs = performance.now() - t0;

  const t1 = performance.now();
  for (const p of projects) compileProject(p.files, p.dialect, checkProgram);
  const checkMs = performance.now() - t1;

  // Peak heap while the whole corpus is held parsed and checked at once (what `check` of a big fleet keeps).
  globalThis.gc?.();
  const before = process.memoryUsage().heapUsed;
  const kept = projects.map((p) => compileProject(p.files, p.dialect, checkProgram));
  const heapMb = (process.memoryUsage().heapUsed - before) / 1024 / 1024;
  const errors = kept.reduce((n, k) => n + k.diagnostics.filter((d) => d.severity === 'error').length, 0);

  // A PLCopen XML project with ladder: read the XML safely, translate LD to ST, parse and check.
  const xmlSite = fleet().sites.find((s) => s.sourceFiles.some((f) => /\.xml$/i.test(f)));
  const xmlFigures: Figure[] = [];
  if (xmlSite) {
    const xmlFiles = xmlSite.sourceFiles.map((rel) => ({ path: rel, text: readFileSync(join(xmlSite.dir, rel), 'utf8') }));
    const dialect = dialectForPlatform(xmlSite.config!.platform);
    const ms = meanMs(() => compileProject(xmlFiles, dialect, checkProgram));
    const xmlLines = xmlFiles.reduce((n, f) => n + f.text.split('\n').length, 0);
    xmlFigures.push({ name: 'PLCopen XML + LD read and check', value: ms, unit: 'ms', note: `${xmlSite.config!.id}: ${xmlLines.toLocaleString('en-US')} lines of XML per project` });
  }

  return [
    ...xmlFigures,
    { name: 'ST parse', value: (lines / parseMs) * 1000, unit: 'lines/s', note: `${lines.toLocaleString('en-US')} lines, ${files.length} files, one core` },
    { name: 'ST parse + check', value: (lines / checkMs) * 1000, unit: 'lines/s', note: `target >= 300,000; ${projects.length} projects, ${errors} errors found` },
    { name: 'heap for parsed+checked corpus', value: heapMb, unit: 'MB', note: `target < 400 MB for ${lines.toLocaleString('en-US')} lines${globalThis.gc ? '' : ' (run with --expose-gc for a clean baseline)'}` },
  ];
}
