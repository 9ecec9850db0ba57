import type { VarSym } from '../../../plc/check/symbols.js';
import type { Instruction, RungElement } from '../../../plc/ladder/rung.js';
import { key } from '../../../plc/st/ast.js';
import { l5xDocs, type L5xDoc, type L5xRung } from './l5x-document.js';
import { appendRungs, insertRungs, insText } from './l5x-edits.js';
import { hazardRungs, operandRoot, rungUse } from './l5x-rung-facts.js';
import type { Attempt } from './attempt.js';
import type { Rng } from './random.js';
import { isWritten, type SiteContext } from './site-context.js';
import { analogVars, isSafetyName, processBools } from './site-facts.js';

interface HazardRung {
  doc: L5xDoc;
  rung: L5xRung;
  coil: Instruction;
  output: string;
  /** Its condition reads another hazardous output (gated itself), so a bypass here may be no hazard. */
  dependent: boolean;
}

/** The series (a rung or a branch leg) that holds `ins` directly, or null. */
export function seriesOf(els: RungElement[], ins: Instruction): RungElement[] | null {
  if (els.includes(ins)) return els;
  for (const e of els) {
    if (e.kind !== 'Branch') continue;
    for (const leg of e.legs) {
      const s = seriesOf(leg, ins);
      if (s) return s;
    }
  }
  return null;
}

/** Every rung that drives a hazardous output. */
function hazards(ctx: SiteContext): HazardRung[] {
  const hz = new Set(ctx.config.safety.hazardousOutputs.map(key));
  return l5xDocs(ctx).flatMap((doc) =>
    hazardRungs(ctx, doc).map((h) => ({ doc, ...h, dependent: [...rungUse(h.rung).reads].some((n) => hz.has(n) && n !== key(h.output)) })),
  );
}

/** Up to four process BOOL signals the rung does not read yet, inputs first. */
function bypassBits(ctx: SiteContext, rung: L5xRung, output: string): VarSym[] {
  const read = rungUse(rung).reads;
  return processBools(ctx).filter((v) => !read.has(key(v.name)) && key(v.name) !== key(output)).slice(0, 4);
}

const isContact = (e: RungElement): e is Instruction => e.kind === 'Instruction' && /^XI[CO]$/i.test(e.mnemonic);

/**
 * A bypass branch: the interlock contacts in series before a hazardous output's coil (the run of e-stop,
 * guard and safety-permissive contacts; without one, the whole condition) get a parallel leg `XIC(p)` for a
 * process signal p, so the output runs whenever p is on, e-stop or not.
 */
export function ladderBypassOr(ctx: SiteContext, rng: Rng): Attempt[] | string {
  const hs = hazards(ctx);
  if (!hs.length) return 'no rung drives a hazardous output with OTE/OTL';
  const combos = hs.flatMap((h) => bypassBits(ctx, h.rung, h.output).map((v) => ({ h, v })));
  if (!combos.length) return 'no process BOOL signal outside the safety names to bypass with';
  return ordered(rng, combos).map(({ h, v }) => (ed) => {
    const series = seriesOf(h.rung.elements, h.coil) ?? [];
    const before = series.slice(0, series.indexOf(h.coil));
    let run: RungElement[] = [];
    for (const e of before) {
      if (isContact(e) && isSafetyName(ctx, operandRoot(e.operands[0] ?? '') ?? '')) run.push(e);
      else if (run.length) break;
    }
    if (!run.length) run = before;
    if (!run.length) return { description: `rung ${h.rung.number} of ${h.rung.routine.name} has no condition before its coil` };
    const span = { start: run[0]!.start, end: run[run.length - 1]!.end };
    ed.raw(h.doc.path, span, `[${insText(h.doc, span)},XIC(${v.name})]`);
    return { description: `bypass branch [${insText(h.doc, span)},XIC(${v.name})] before ${h.coil.mnemonic}(${h.output}) on rung ${h.rung.number} of ${h.rung.routine.name}` };
  });
}

/** A new rung `XIC(p)OTL(H)` right after the gated rung: the hazardous output set on a process signal. */
export function ladderBypassSet(ctx: SiteContext, rng: Rng): Attempt[] | string {
  const hs = hazards(ctx);
  if (!hs.length) return 'no rung drives a hazardous output with OTE/OTL';
  const combos = hs.flatMap((h) => bypassBits(ctx, h.rung, h.output).map((v) => ({ h, v })));
  if (!combos.length) return 'no process BOOL signal outside the safety names to bypass with';
  return ordered(rng, combos).map(({ h, v }) => (ed) => {
    insertRungs(ed, h.doc, h.rung.routine, h.rung.index, [{ text: `XIC(${v.name})OTL(${h.output});`, comment: null }]);
    return { description: `new rung XIC(${v.name})OTL(${h.output}) after rung ${h.rung.number} of ${h.rung.routine.name}` };
  });
}

/** A new rung `GRT(r,50.0)OTL(H)` after the gated rung, r a REAL (or an analog input's integer). */
export function ladderRealBypass(ctx: SiteContext, rng: Rng): Attempt[] | string {
  const hs = hazards(ctx);
  if (!hs.length) return 'no rung drives a hazardous output with OTE/OTL';
  const reals = analogVars(ctx, null).slice(0, 4);
  if (!reals.length) return 'no REAL tag (or analog input) in the export';
  const combos = hs.flatMap((h) => reals.map((v) => ({ h, v })));
  return ordered(rng, combos).map(({ h, v }) => (ed) => {
    const real = v.type?.kind === 'elem' && (v.type.name === 'REAL' || v.type.name === 'LREAL');
    const limit = real ? '50.0' : '16000';
    insertRungs(ed, h.doc, h.rung.routine, h.rung.index, [{ text: `GRT(${v.name},${limit})OTL(${h.output});`, comment: null }]);
    return { description: `new rung GRT(${v.name},${limit})OTL(${h.output}) after rung ${h.rung.number} of ${h.rung.routine.name}` };
  });
}

/** A second writer: `XIC(p)OTE(H)` appended to the entry program's main routine, after every JSR. */
export function ladderSecondWriter(ctx: SiteContext, rng: Rng): Attempt[] | string {
  const hs = hazards(ctx);
  if (!hs.length) return 'no rung drives a hazardous output with OTE/OTL';
  const inputs = processBools(ctx).filter((v) => !isWritten(ctx, v)).slice(0, 4);
  if (!inputs.length) return 'no process input outside the safety names';
  const mains = hs.flatMap((h) => {
    const p = h.doc.programs.find((x) => key(x.name) === key(ctx.config.entry));
    const main = p?.routines.find((r) => key(r.name) === key(p.main ?? ''));
    return main && main.type === 'RLL' && main.rungs.length ? [{ h, main }] : [];
  });
  if (!mains.length) return `the entry program ${ctx.config.entry} has no ladder main routine`;
  const outputs = [...new Map(mains.map((m) => [key(m.h.output), m])).values()];
  const combos = outputs.flatMap((m) => inputs.map((v) => ({ ...m, v })));
  return rng.shuffle(combos).map(({ h, main, v }) => (ed) => {
    appendRungs(ed, h.doc, main, [{ text: `XIC(${v.name})OTE(${h.output});`, comment: null }]);
    return { description: `second writer: rung XIC(${v.name})OTE(${h.output}) at the end of ${main.name}` };
  });
}

/** Seeded order within the hazard order (rungs that are a hazard on their own first). */
function ordered<T extends { h: HazardRung }>(rng: Rng, combos: T[]): T[] {
  return rng.shuffle(combos).sort((a, b) => Number(a.h.dependent) - Number(b.h.dependent));
}
