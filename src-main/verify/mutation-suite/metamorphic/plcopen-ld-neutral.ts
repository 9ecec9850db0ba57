import { key } from '../../../plc/st/ast.js';
import type { Attempt } from './attempt.js';
import { indentBefore } from './l5x-document.js';
import { addBoolVar, appendToBody, contactXml, networkXml } from './plcopen-ld-edits.js';
import { nextId, plcopenDocs, readersOf, type LdElement, type LdPou, type PlcopenDoc } from './plcopen-ld-document.js';
import { movedMs, PRESET_FACTORS } from './ladder-neutral.js';
import { hazardCoils, isSafetyPou, varRoot } from './plcopen-ld-facts.js';
import type { Rng } from './random.js';
import { isWritten, type SiteContext } from './site-context.js';
import { freshName, processBools } from './site-facts.js';

/** The entry program's LD body. */
export function entryLd(ctx: SiteContext): { doc: PlcopenDoc; pou: LdPou } | null {
  for (const doc of plcopenDocs(ctx)) {
    const pou = doc.pous.find((p) => key(p.name) === key(ctx.config.entry));
    if (pou && pou.elements.length) return { doc, pou };
  }
  return null;
}

/** A new lamp: a BOOL in the global list and a network at the end of the entry program's LD body. */
export function ldNewLamp(ctx: SiteContext, rng: Rng): Attempt[] | string {
  const entry = entryLd(ctx);
  if (!entry) return `the entry program ${ctx.config.entry} has no LD body`;
  const list = entry.doc.globals.map((g) => g.el);
  if (!list.length) return 'no global variable list in the PLCopen export to declare a lamp in';
  const s = ctx.config.safety;
  const sources = [...s.hazardousOutputs.map((v) => ({ v, neg: false })), ...s.estops.map((v) => ({ v, neg: true }))];
  return rng.shuffle(sources).map(({ v, neg }) => (ed) => {
    const lamp = freshName(ctx, 'Lamp_Meta');
    const lastList = entry.doc.globals[entry.doc.globals.length - 1]!.list;
    addBoolVar(ed, entry.doc, entry.doc.globals.filter((g) => g.list === lastList).map((g) => g.el), lamp, `indication lamp: ${v} ${neg ? 'pressed' : 'running'} (metamorphic)`);
    appendToBody(ed, entry.doc, entry.pou, networkXml(entry.doc, entry.pou, [{ v, neg }], { v: lamp }, 'Indication lamp (metamorphic)'));
    return { description: `new global BOOL ${lamp} and an LD network ${neg ? 'NOT ' : ''}${v} -> (${lamp}) at the end of ${entry.pou.name}`, allowed: [lamp] };
  });
}

/** A contact of a process signal wired in series just before a hazardous output's coil. */
export function ldStrongerCondition(ctx: SiteContext, rng: Rng): Attempt[] | string {
  const coils = hazardCoils(ctx).filter((h) => (h.coil.inputs[0] ?? []).length === 1);
  if (!coils.length) return 'no hazardous output coil with a single wire in';
  const signals = processBools(ctx);
  const inputs = new Set(signals.filter((v) => !isWritten(ctx, v)));
  const combos = coils.flatMap((h) => {
    const read = new Set(h.pou.elements.filter((e) => e.kind === 'contact').map(varRoot));
    return signals.filter((v) => !read.has(key(v.name))).flatMap((v) => [false, true].map((neg) => ({ h, v, neg })));
  });
  if (!combos.length) return 'every process signal is already read in the hazardous networks';
  return [...rng.shuffle(combos.filter((c) => inputs.has(c.v))), ...rng.shuffle(combos.filter((c) => !inputs.has(c.v)))].map(({ h, v, neg }) => (ed) => {
    const wire = h.coil.inputs[0]![0]!;
    const id = nextId(h.pou);
    ed.raw(h.doc.path, { start: h.coil.el.start, end: h.coil.el.start }, `${contactXml(id, 440, h.coil.y, [wire.ref], v.name, neg)}${h.doc.eol}${indentBefore(h.doc.text, h.coil.el.start)}`);
    ed.raw(h.doc.path, wire.refSpan, String(id));
    return { description: `contact ${neg ? 'NOT ' : ''}${v.name} wired in series before the coil ${h.output} in ${h.pou.name}`, allowed: [h.output] };
  });
}

const TIMER_PT = new Set(['TON', 'TOF', 'TP']);

/** In-variables with a literal wired into a pin of a box, outside the safety POUs. */
function literalPins(ctx: SiteContext, want: (box: LdElement, formal: string) => boolean): { doc: PlcopenDoc; pou: LdPou; lit: LdElement; box: LdElement }[] {
  return plcopenDocs(ctx).flatMap((doc) =>
    doc.pous.filter((p) => !isSafetyPou(ctx, p)).flatMap((pou) =>
      pou.elements.filter((e) => e.kind === 'inVariable' && e.variable).flatMap((lit) =>
        readersOf(pou, lit.localId).flatMap(({ e, c }) => {
          const pin = e.pins.find((p) => p.conns.includes(c));
          return e.kind === 'block' && pin && want(e, pin.formal) ? [{ doc, pou, lit, box: e }] : [];
        }),
      ),
    ),
  );
}

/** A TON/TOF/TP preset drawn as a literal in-variable, outside the safety POUs, moved by about a fifth. */
export function ldTimerPt(ctx: SiteContext, rng: Rng): Attempt[] | string {
  const found = literalPins(ctx, (b, f) => TIMER_PT.has(key(b.typeName ?? '')) && key(f) === 'PT').filter((x) => /^T(IME)?#\d+MS$/i.test(x.lit.variable!.text));
  if (!found.length) return 'no TON/TOF/TP with a literal PT in ms drawn outside the safety POUs';
  return PRESET_FACTORS.flatMap((factor) => rng.shuffle(found).map((f) => ({ ...f, factor }))).map(({ doc, pou, lit, box, factor }) => (ed) => {
    const text = lit.variable!.text;
    const to = movedMs(Number(/(\d+)/.exec(text)![1]), factor);
    if (to === null) return { description: `${text} is too short to change` };
    ed.raw(doc.path, lit.variable!.span, text.replace(/\d+/, String(to)));
    return { description: `${box.typeName} ${box.instance ?? ''}.PT in ${pou.name}: ${text} -> ${text.replace(/\d+/, String(to))}`, allowed: ctx.config.safety.hazardousOutputs };
  });
}

/** A process constant: a literal counter preset (PV) or compare limit drawn as an in-variable, one up. */
export function ldProcessConstant(ctx: SiteContext, rng: Rng): Attempt[] | string {
  const found = literalPins(ctx, (b, f) => (/^CT(U|D|UD)$/i.test(b.typeName ?? '') && key(f) === 'PV') || /^(GT|GE|LT|LE)$/i.test(b.typeName ?? '')).filter((x) => /^\d+$/.test(x.lit.variable!.text) && Number(x.lit.variable!.text) >= 5);
  if (!found.length) return 'no literal counter preset or compare limit (>= 5) drawn outside the safety POUs';
  return rng.shuffle(found).map(({ doc, pou, lit, box }) => (ed) => {
    const to = String(Number(lit.variable!.text) + 1);
    ed.raw(doc.path, lit.variable!.span, to);
    return { description: `process constant into ${box.typeName} ${box.instance ?? ''} in ${pou.name}: ${lit.variable!.text} -> ${to}`, allowed: ctx.config.safety.hazardousOutputs };
  });
}
