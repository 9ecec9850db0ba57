import type { SiteConfig } from '../../../src-shared/model/site.js';
import type { SourceFile } from '../../fleet/site-sources.js';
import { Codemod, findAll } from '../../plc/edit/codemod.js';
import { keyword } from '../../plc/edit/style.js';
import { sourceFormat } from '../../plc/project/read-source-file.js';
import { key, type GlobalVars, type Pou, type Statement, type VarDecl } from '../../plc/st/ast.js';
import { dialectForPlatform } from '../../plc/st/dialect.js';
import { parseSt, type ParseResult } from '../../plc/st/parser.js';
import { replaceEstopReads, type LeftRead } from './estop-chains.js';
import { commentsIn } from '../../plc/source/comment-spans.js';
import { declarationAfter, lineStartOf } from './estop-declaration.js';
import type { Transform, TransformContext } from './transform.js';

const HEALTHY = 'EStop_Healthy';
const SAFETY_OK = 'Safety_OK';
const SAFETY_LOGIC = 'Safety_Logic';

interface Parsed extends ParseResult {
  file: SourceFile;
}

/**
 * The PROGRAM the site names as safety logic and that writes a hazardous output; by name when site.yaml's
 * lists do not single one out.
 */
function findSafetyProgram(parsed: readonly Parsed[], site: SiteConfig): { p: Parsed; pou: Pou } | null {
  const programs = parsed.flatMap((p) => findAll(p.unit, 'Pou', (x) => x.pouKind === 'PROGRAM').map((pou) => ({ p, pou })));
  const safety = new Set(site.safety.pous.map(key));
  const outputs = new Set(site.safety.hazardousOutputs.map(key));
  const writesOutput = (pou: Pou): boolean => findAll(pou, 'Assign', (a) => a.target.kind === 'Name' && outputs.has(key(a.target.id.name))).length > 0;
  return programs.find((x) => safety.has(key(x.pou.name.name)) && writesOutput(x.pou)) ?? programs.find((x) => key(x.pou.name.name) === key(SAFETY_LOGIC)) ?? null;
}

function findSafetyOk(parsed: readonly Parsed[]): { p: Parsed; gvl: GlobalVars; decl: VarDecl } | null {
  for (const p of parsed) {
    for (const gvl of findAll(p.unit, 'GlobalVars')) {
      const decl = gvl.block.decls.find((d) => d.names.some((n) => key(n.name) === key(SAFETY_OK)));
      if (decl && !gvl.block.qualifiers.includes('CONSTANT')) return { p, gvl, decl };
    }
  }
  return null;
}

/**
 * Where the new first statement goes: above the first statement and above any comment lines that sit right on
 * top of it, because such a comment describes that statement and must stay with it.
 */
function firstStatementAnchor(text: string, pou: Pou, first: Statement): number {
  let anchor = first.start;
  const comments = commentsIn(text, pou.bodyStart >= 0 ? pou.bodyStart : first.start, first.start);
  for (let i = comments.length - 1; i >= 0; i--) {
    const c = comments[i]!;
    if ((text.slice(c.end, anchor).match(/\n/g) ?? []).length > 1) break;
    if (!/^[ \t]*$/.test(text.slice(lineStartOf(text, c.start), c.start))) break;
    anchor = c.start;
  }
  return anchor;
}

/** A note's place as the agent will see the file: after this transform's own edits. */
function locate(mod: Codemod, after: string, offset: number): string {
  let shift = 0;
  for (const e of mod.pending) if (e.end <= offset && (e.start < offset || e.start === e.end)) shift += e.text.length - (e.end - e.start);
  const at = offset + shift;
  const line = after.slice(0, at).split('\n').length;
  const text = after.slice(lineStartOf(after, at)).split(/\r?\n/, 1)[0]!.trim();
  return `line ${line} (\`${text.length > 80 ? `${text.slice(0, 77)}...` : text}\`)`;
}

function estopHealthyEdits(files: readonly SourceFile[], ctx: TransformContext): SourceFile[] {
  const note = (path: string, message: string): void => ctx.report?.({ path, message });
  const mentioning = (word: string): string => files.find((f) => f.text.includes(word))?.path ?? files[0]?.path ?? 'site.yaml';
  const estops = ctx.site.safety.estops;
  if (!estops.length) {
    note(mentioning(SAFETY_LOGIC), 'site.yaml lists no e-stop inputs: nothing to combine, nothing changed');
    return [];
  }
  const dialect = dialectForPlatform(ctx.site.platform);
  const parsed: Parsed[] = files.filter((f) => sourceFormat(f.path, f.text) === 'st').map((file) => ({ file, ...parseSt(file.text, file.path, dialect) }));

  const done = parsed.find((p) => findAll(p.unit, 'VarDecl', (d) => d.names.some((n) => key(n.name) === key(HEALTHY))).length);
  if (done) {
    note(done.file.path, `${HEALTHY} is already declared here: the site has had this step, nothing changed`);
    return [];
  }
  const program = findSafetyProgram(parsed, ctx.site);
  if (!program) {
    note(mentioning(SAFETY_LOGIC), `no PROGRAM ${SAFETY_LOGIC} in the site's Structured Text files: nothing changed`);
    return [];
  }
  const safetyOk = findSafetyOk(parsed);
  if (!safetyOk) {
    note(mentioning(SAFETY_OK), `no VAR_GLOBAL block declares ${SAFETY_OK}, so there is no place for ${HEALTHY}: nothing changed`);
    return [];
  }
  for (const p of new Set([program.p, safetyOk.p])) {
    const error = p.diagnostics.find((d) => d.severity === 'error');
    if (error) {
      note(p.file.path, `the file does not parse (${error.code} ${error.message}), so it is not edited: nothing changed`);
      return [];
    }
  }
  const { pou } = program;
  const first = pou.body[0];
  if (!first) {
    note(program.p.file.path, `${pou.name.name} has no statements: nothing changed`);
    return [];
  }

  const mods = new Map<Parsed, Codemod>();
  const modFor = (p: Parsed): Codemod => mods.get(p) ?? mods.set(p, Codemod.for(p.file.text, p.tokens)).get(p)!;

  const gvlMod = modFor(safetyOk.p);
  const comment = `every e-stop healthy this scan (${estops.join(' AND ')})`;
  const decl = declarationAfter(gvlMod.text, safetyOk.decl, safetyOk.gvl.block, HEALTHY, comment);
  const needsBreak = decl.at === gvlMod.text.length && !/[\r\n]$/.test(gvlMod.text);
  gvlMod.insertBefore({ start: decl.at, end: decl.at }, (needsBreak ? gvlMod.style.eol : '') + decl.line + gvlMod.style.eol);

  const mod = modFor(program.p);
  // Each input is spelled as the logic already reads it (case, SCL quotes); site.yaml gives the order.
  const reads = findAll(pou, 'Name');
  const spelled = estops.map((e) => {
    const r = reads.find((n) => key(n.id.name) === key(e));
    return r?.id.quoting === 'quoted' ? `"${r.id.name}"` : (r?.id.name ?? e);
  });
  const healthy = spelled.some((s) => s.startsWith('"')) ? `"${HEALTHY}"` : HEALTHY;
  const statement = `${healthy} := ${spelled.join(` ${keyword('AND', mod.style)} `)};`;
  const anchor = firstStatementAnchor(mod.text, pou, first);
  if (/^[ \t]*$/.test(mod.text.slice(lineStartOf(mod.text, anchor), anchor))) mod.insertStatementsBefore({ start: anchor, end: anchor }, `${statement}\n\n`);
  else mod.insertBefore(first, statement + mod.style.eol + mod.style.eol + mod.indentAt(first.start));

  const left: LeftRead[] = replaceEstopReads(mod, pou.body, estops);
  const wanted = new Set(estops.map(key));
  for (const sub of [...pou.actions, ...pou.methods]) {
    const hit = findAll(sub, 'Name', (n) => wanted.has(key(n.id.name)))[0];
    if (hit) left.push({ offset: hit.start, message: `${hit.id.name} is read in ${pou.name.name}.${sub.name.name}, which this step does not edit: left as it was` });
  }

  const out: SourceFile[] = [];
  for (const [p, m] of mods) {
    const text = m.apply();
    if (m === mod) for (const l of left.sort((a, b) => a.offset - b.offset)) note(p.file.path, `${pou.name.name} ${locate(m, text, l.offset)}: ${l.message}`);
    if (text !== p.file.text) out.push({ path: p.file.path, text });
  }
  return out;
}

/**
 * The judgment-free half of the e-stop standard: EStop_Healthy declared beside Safety_OK, computed first in
 * the safety program from every e-stop input, and read wherever the logic ANDed all of them. Each edit spans
 * only the bytes it changes. Anything that needs a decision (per-device alarms, partial chains, comments) is
 * left to the agent, with a note for every e-stop read it did not replace.
 */
export const estopHealthy: Transform = {
  id: 'estop-healthy',
  description: 'Declares EStop_Healthy after Safety_OK, computes it first in Safety_Logic as the AND of every e-stop input, and uses it wherever all the e-stops were ANDed.',
  apply(files: readonly SourceFile[], ctx: TransformContext): SourceFile[] {
    try {
      return estopHealthyEdits(files, ctx);
    } catch (err) {
      // A transform must never stop a run; the agent still gets the whole recipe to do by hand.
      ctx.report?.({ path: files[0]?.path ?? 'site.yaml', message: `estop-healthy failed, nothing changed: ${err instanceof Error ? err.message : String(err)}` });
      return [];
    }
  },
};
