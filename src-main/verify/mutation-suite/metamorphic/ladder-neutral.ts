import { child, childrenNamed } from '../../../plc/formats/xml-content.js';
import { numericValue } from '../../../plc/ladder/rll-operand.js';
import type { Instruction } from '../../../plc/ladder/rung.js';
import { key } from '../../../plc/st/ast.js';
import { allRoutines, cdataOf, l5xDocs, type L5xDoc, type L5xRung, type L5xTag } from './l5x-document.js';
import { addBoolTag, appendRungs } from './l5x-edits.js';
import { COMPARES, freshTagName, hazardRungs, instructions, isSafetyRoutine, isSafetyRung, operandRoot, rungUse, TIMERS } from './l5x-rung-facts.js';
import type { Attempt } from './attempt.js';
import type { Rng } from './random.js';
import { isWritten, type SiteContext } from './site-context.js';
import { processBools } from './site-facts.js';

/** The entry program's main routine, when it is ladder. */
function entryMain(ctx: SiteContext): { doc: L5xDoc; routine: ReturnType<typeof allRoutines>[number] } | null {
  for (const doc of l5xDocs(ctx)) {
    const p = doc.programs.find((x) => key(x.name) === key(ctx.config.entry));
    const r = p?.routines.find((x) => key(x.name) === key(p.main ?? ''));
    if (r && r.type === 'RLL' && r.rungs.length) return { doc, routine: r };
  }
  return null;
}

/**
 * A new indication lamp: a BOOL controller tag and a rung at the end of the entry program's main routine
 * (after every JSR) that shows a hazardous output running (`XIC(H)OTE(lamp)`) or an e-stop pressed.
 */
export function ladderNewLamp(ctx: SiteContext, rng: Rng): Attempt[] | string {
  const main = entryMain(ctx);
  if (!main) return `the entry program ${ctx.config.entry} has no ladder main routine`;
  const s = ctx.config.safety;
  const sources = [...s.hazardousOutputs.map((n) => ({ n, ins: 'XIC' })), ...s.estops.map((n) => ({ n, ins: 'XIO' }))];
  return rng.shuffle(sources).map(({ n, ins }) => (ed) => {
    const { doc, routine } = main;
    const lamp = freshTagName(ctx, doc, 'Lamp_Meta');
    addBoolTag(ed, doc, null, lamp, `Indication lamp: ${ins === 'XIC' ? `${n} running` : `${n} pressed`} (metamorphic)`);
    appendRungs(ed, doc, routine, [{ text: `${ins}(${n})OTE(${lamp});`, comment: 'Indication lamp (metamorphic)' }]);
    return { description: `new BOOL controller tag ${lamp} and a rung ${ins}(${n})OTE(${lamp}) at the end of ${routine.name}`, allowed: [lamp] };
  });
}

/** An extra XIC/XIO of a process signal in series with a hazardous output's coil (just before it). */
export function ladderStrongerCondition(ctx: SiteContext, rng: Rng): Attempt[] | string {
  const found = l5xDocs(ctx).flatMap((doc) => hazardRungs(ctx, doc).map((h) => ({ doc, ...h })));
  if (!found.length) return 'no rung drives a hazardous output with OTE/OTL';
  const signals = processBools(ctx);
  const inputs = new Set(signals.filter((v) => !isWritten(ctx, v)));
  const combos = found.flatMap((h) => {
    const read = rungUse(h.rung).reads;
    return signals.filter((v) => !read.has(key(v.name))).flatMap((v) => ['XIC', 'XIO'].map((ins) => ({ ...h, v, ins })));
  });
  if (!combos.length) return 'every process signal is already read on the hazardous output rungs';
  return [...rng.shuffle(combos.filter((c) => inputs.has(c.v))), ...rng.shuffle(combos.filter((c) => !inputs.has(c.v)))].map(({ doc, rung, coil, output, v, ins }) => (ed) => {
    ed.raw(doc.path, { start: coil.start, end: coil.start }, `${ins}(${v.name})`);
    return { description: `${ins}(${v.name}) in series before the ${coil.mnemonic}(${output}) coil on rung ${rung.number} of ${rung.routine.name}`, allowed: [output] };
  });
}

/** The tag an operand names, in the rung's program scope first, then the controller's. */
function tagOf(doc: L5xDoc, rung: L5xRung, op: string): L5xTag | null {
  const root = operandRoot(op);
  const named = doc.tags.filter((t) => key(t.name) === root);
  return named.find((t) => t.program === rung.routine.program.name) ?? named.find((t) => t.program === null) ?? null;
}

/** The PRE of a TIMER tag: the L5K data's second field and the Decorated PRE member, each with its span. */
function presetSpans(doc: L5xDoc, tag: L5xTag): { value: number; spans: { start: number; end: number }[] } | null {
  const spans: { start: number; end: number }[] = [];
  let value: number | null = null;
  for (const data of childrenNamed(tag.el, 'Data')) {
    const l5k = data.attrs.Format === 'L5K' ? cdataOf(doc.xml, data) : null;
    const m = l5k && /^(\s*\[\s*[^,\]]+,\s*)(\d+)/.exec(l5k.text);
    if (l5k && m) {
      spans.push({ start: l5k.start + m[1]!.length, end: l5k.start + m[1]!.length + m[2]!.length });
      value = Number(m[2]);
    }
    const pre = childrenNamed(child(data, 'Structure') ?? data, 'DataValueMember').find((x) => x.attrs.Name === 'PRE');
    const v = pre ? /\sValue\s*=\s*"(\d+)"/.exec(doc.text.slice(pre.start, pre.end)) : null;
    if (pre && v) {
      const s = pre.start + v.index + v[0].indexOf('"') + 1;
      spans.push({ start: s, end: s + v[1]!.length });
      value = Number(v[1]);
    }
  }
  return value === null ? null : { value, spans };
}

/**
 * A preset shortened in 10 ms steps, by a fifth first (as the ST generator does), by a tenth where a fifth
 * breaks the site's scenarios (a settle time the sequence depends on). Never longer: static safety flags a
 * lengthened timer (SAF006), so a longer preset is not a safety-neutral edit.
 */
export const movedMs = (ms: number, factor: number): number | null => {
  const to = Math.max(10, Math.round((ms * factor) / 10) * 10);
  return ms >= 20 && to < ms ? to : null;
};
export const PRESET_FACTORS = [0.8, 0.9] as const;

/**
 * A changed timer preset outside the safety logic: a TON/TOF/RTO on a rung that touches no safety name or
 * hazardous output; its PRE (the tag's L5K and Decorated data, and the rung operand where it is a number)
 * moved by about a fifth. Kept only where the site's scenarios still pass; hazardous outputs may move in time.
 */
export function ladderTimerPt(ctx: SiteContext, rng: Rng): Attempt[] | string {
  const found: { doc: L5xDoc; rung: L5xRung; ins: Instruction; tag: L5xTag }[] = [];
  for (const doc of l5xDocs(ctx)) {
    for (const rung of allRoutines(doc).flatMap((r) => r.rungs)) {
      if (!rung.ok || isSafetyRung(ctx, rung)) continue;
      for (const ins of instructions(rung.elements).filter((i) => TIMERS.has(i.mnemonic.toUpperCase()))) {
        const tag = tagOf(doc, rung, ins.operands[0] ?? '');
        if (tag && !found.some((f) => f.tag === tag)) found.push({ doc, rung, ins, tag });
      }
    }
  }
  if (!found.length) return 'no TON/TOF/RTO on a rung outside the safety logic';
  const tries = PRESET_FACTORS.flatMap((factor) => rng.shuffle(found).map((f) => ({ ...f, factor })));
  return tries.map(({ doc, rung, ins, tag, factor }) => (ed) => {
    const pre = presetSpans(doc, tag);
    const to = pre ? movedMs(pre.value, factor) : null;
    if (!pre || to === null) return { description: `${tag.name} has no preset to change` };
    for (const s of pre.spans) ed.raw(doc.path, s, String(to));
    const literal = numericValue(ins.operands[1] ?? '') !== null;
    if (literal) ed.raw(doc.path, { start: ins.operandStarts[1]!, end: ins.operandStarts[1]! + ins.operands[1]!.length }, String(to));
    return { description: `${ins.mnemonic}(${tag.name}) on rung ${rung.number} of ${rung.routine.name}: PRE ${pre.value} -> ${to} ms (tag data${literal ? ' and rung operand' : ''})`, allowed: ctx.config.safety.hazardousOutputs };
  });
}

function step(text: string): string | null {
  const v = numericValue(text);
  if (v === null) return null;
  if (/[.eE]/.test(text)) return v !== 0 ? String(Number((v * 1.05).toPrecision(6))).replace(/^(-?\d+)$/, '$1.0') : null;
  return v >= 5 ? String(v + 1) : null;
}

/**
 * A process constant moved by a small step: a counter preset (CTU/CTD tag data) or a literal limit of a
 * GRT/GEQ/LES/LEQ/LIM on a rung outside the safety logic, or a literal compared (<, >, <=, >=) in a line of an
 * ST routine that writes no safety name.
 */
export function ladderProcessConstant(ctx: SiteContext, rng: Rng): Attempt[] | string {
  const found: { doc: L5xDoc; spans: { start: number; end: number }[]; from: string; to: string; where: string }[] = [];
  for (const doc of l5xDocs(ctx)) {
    for (const r of allRoutines(doc)) {
      for (const rung of r.rungs.filter((g) => g.ok && !isSafetyRung(ctx, g))) {
        // A counter's preset (a batch or shift count) lives in the COUNTER tag's data, like a timer's.
        for (const ins of instructions(rung.elements).filter((i) => /^CT[UD]$/i.test(i.mnemonic))) {
          const tag = tagOf(doc, rung, ins.operands[0] ?? '');
          const pre = tag ? presetSpans(doc, tag) : null;
          const to = pre ? step(String(pre.value)) : null;
          if (!tag || !pre || !to || found.some((f) => f.where.includes(`(${tag.name})`))) continue;
          found.push({ doc, spans: pre.spans, from: String(pre.value), to, where: `the preset of ${ins.mnemonic}(${tag.name}) on rung ${rung.number} of ${r.name} (tag data)` });
        }
        for (const ins of instructions(rung.elements).filter((i) => COMPARES.has(i.mnemonic.toUpperCase()))) {
          ins.operands.forEach((op, i) => {
            const to = step(op);
            if (to) found.push({ doc, spans: [{ start: ins.operandStarts[i]!, end: ins.operandStarts[i]! + op.length }], from: op, to, where: `${ins.mnemonic} on rung ${rung.number} of ${r.name}` });
          });
        }
      }
      if (r.type !== 'ST' || isSafetyRoutine(ctx, r) || r.lines.some((l) => /RESET|SAFE|ESTOP|GUARD/i.test(l.text))) continue;
      for (const [n, l] of r.lines.entries()) {
        const code = l.text.replace(/\/\/.*$|\(\*.*?\*\)/g, '');
        for (const m of code.matchAll(/(?:<=|>=|<(?!>)|>)\s*(\d+(?:\.\d+)?)\b/g)) {
          const lit = m[1]!;
          const to = step(lit);
          const at = l.start + m.index! + m[0].length - lit.length;
          if (to) found.push({ doc, spans: [{ start: at, end: at + lit.length }], from: lit, to, where: `line ${n} of the ST routine ${r.name}` });
        }
      }
    }
  }
  if (!found.length) return 'no counter preset and no literal limit of a GRT/GEQ/LES/LEQ/LIM outside the safety rungs, and no literal comparison in an ST routine outside the safety logic';
  return rng.shuffle(found).map(({ doc, spans, from, to, where }) => (ed) => {
    for (const span of spans) ed.raw(doc.path, span, to);
    return { description: `process constant in ${where}: ${from} -> ${to}`, allowed: ctx.config.safety.hazardousOutputs };
  });
}
