import { child } from '../../../plc/formats/xml-content.js';
import { key } from '../../../plc/st/ast.js';
import type { Attempt } from './attempt.js';
import { indentBefore } from './l5x-document.js';
import { entryLd } from './plcopen-ld-neutral.js';
import { addBoolVar, addWire, appendToBody, contactXml, deleteElement, networkXml, prependToBody, setVariable } from './plcopen-ld-edits.js';
import { nextId, plcopenDocs, readersOf, type LdElement, type LdPou, type PlcopenDoc } from './plcopen-ld-document.js';
import { hazardCoils, isSafetyPou, seriesBefore, varRoot, type LdCoilAt } from './plcopen-ld-facts.js';
import type { Rng } from './random.js';
import { isWritten, type SiteContext } from './site-context.js';
import { freshName, isSafetyName, processBools, startInputs } from './site-facts.js';

const bits = (ctx: SiteContext, h: LdCoilAt): ReturnType<typeof processBools> => {
  const read = new Set(h.pou.elements.filter((e) => e.kind === 'contact').map(varRoot));
  return processBools(ctx).filter((v) => !read.has(key(v.name)) && key(v.name) !== key(h.output)).slice(0, 4);
};

/**
 * A bypass branch: a contact of a process signal drawn in parallel with the run of e-stop, guard and
 * safety-permissive contacts in series before a hazardous coil (wired from the same point, into the same
 * point), so the coil is on whenever the signal is, e-stop or not.
 */
export function ldBypassOr(ctx: SiteContext, rng: Rng): Attempt[] | string {
  const found = hazardCoils(ctx).flatMap((h) => {
    const chain = seriesBefore(h.pou, h.coil);
    const run: LdElement[] = [];
    for (const c of chain) {
      if (isSafetyName(ctx, varRoot(c)) && !c.negated && c.edge === 'none') run.push(c);
      else if (run.length) break;
    }
    // `run` is nearest-the-coil first: the far end's input is where the parallel leg starts.
    const far = run[run.length - 1];
    const near = run[0];
    const into = near ? (chain[chain.indexOf(near) - 1] ?? h.coil) : null;
    return far && into ? bits(ctx, h).map((v) => ({ h, far, near: near!, into, v })) : [];
  });
  if (!found.length) return 'no hazardous coil has a run of safety contacts in series before it';
  return rng.shuffle(found).map(({ h, far, near, into, v }) => (ed) => {
    const id = nextId(h.pou);
    const refs = far.inputs[0]!.map((c) => c.ref);
    ed.raw(h.doc.path, { start: h.coil.el.start, end: h.coil.el.start }, `${contactXml(id, 60, h.coil.y + 20, refs, v.name)}${h.doc.eol}${indentBefore(h.doc.text, h.coil.el.start)}`);
    addWire(ed, h.doc, into.inputs[0]!, id);
    return { description: `bypass: contact ${v.name} drawn in parallel with the safety contacts ${far.variable!.text}..${near.variable!.text} before the coil ${h.output} in ${h.pou.name}` };
  });
}

/** A new network at the end of the POU that writes the coil: `p -> (S) H`. */
export function ldBypassSet(ctx: SiteContext, rng: Rng): Attempt[] | string {
  const combos = hazardCoils(ctx).flatMap((h) => bits(ctx, h).map((v) => ({ h, v })));
  if (!combos.length) return 'no hazardous coil, or no process BOOL signal to set it with';
  return rng.shuffle(combos).map(({ h, v }) => (ed) => {
    appendToBody(ed, h.doc, h.pou, networkXml(h.doc, h.pou, [{ v: v.name }], { v: h.output, storage: 'set' }, 'Set by a process signal (metamorphic)'));
    return { description: `new network ${v.name} -> (S) ${h.output} at the end of ${h.pou.name}` };
  });
}

/** A second writer: `p -> ( ) H` at the end of the entry program's LD body, after the safety logic's call. */
export function ldSecondWriter(ctx: SiteContext, rng: Rng): Attempt[] | string {
  const entry = entryLd(ctx);
  if (!entry) return `the entry program ${ctx.config.entry} has no LD body`;
  const outputs = [...new Set(hazardCoils(ctx).map((h) => h.output))];
  const inputs = processBools(ctx).filter((v) => !isWritten(ctx, v)).slice(0, 4);
  if (!outputs.length || !inputs.length) return 'no hazardous coil or no process input';
  return rng.shuffle(outputs.flatMap((o) => inputs.map((v) => ({ o, v })))).map(({ o, v }) => (ed) => {
    appendToBody(ed, entry.doc, entry.pou, networkXml(entry.doc, entry.pou, [{ v: v.name }], { v: o }, 'Second writer (metamorphic)'));
    return { description: `second writer: network ${v.name} -> ( ) ${o} at the end of ${entry.pou.name}` };
  });
}

/** Reset contacts in the safety POUs' networks that drive a safety name or a hazardous output. */
function resetContacts(ctx: SiteContext): { doc: PlcopenDoc; pou: LdPou; c: LdElement }[] {
  const reset = ctx.config.safety.reset;
  if (!reset) return [];
  return plcopenDocs(ctx).flatMap((doc) => doc.pous.filter((p) => isSafetyPou(ctx, p)).flatMap((pou) => pou.elements.filter((e) => e.kind === 'contact' && !e.negated && varRoot(e) === key(reset)).map((c) => ({ doc, pou, c }))));
}

/** Automatic reset: the reset contact taken out of its network (what it fed is wired to what fed it). */
export function ldAutoReset(ctx: SiteContext, rng: Rng): Attempt[] | string {
  const uses = resetContacts(ctx).filter((u) => (u.c.inputs[0] ?? []).length === 1);
  if (!uses.length) return `no contact of ${ctx.config.safety.reset ?? 'a reset input'} in the safety POUs' LD networks`;
  return [uses, ...rng.shuffle(uses).map((u) => [u])].map((group) => (ed) => {
    for (const { doc, pou, c } of group) {
      const from = String(c.inputs[0]![0]!.ref);
      for (const r of readersOf(pou, c.localId)) ed.raw(doc.path, r.c.refSpan, from);
      deleteElement(ed, doc, c);
    }
    return { description: `reset made automatic: the ${ctx.config.safety.reset} contact${group.length > 1 ? 's' : ''} deleted from ${[...new Set(group.map((u) => u.pou.name))].join(', ')}, the networks wired past ${group.length > 1 ? 'them' : 'it'}` };
  });
}

/** Reset wired to start: the safety POUs' reset contacts read the start button. */
export function ldResetToStart(ctx: SiteContext, rng: Rng): Attempt[] | string {
  const uses = resetContacts(ctx);
  const starts = startInputs(ctx);
  if (!uses.length) return `no contact of ${ctx.config.safety.reset ?? 'a reset input'} in the safety POUs' LD networks`;
  if (!starts.length) return 'no start input (a BOOL input named Start) to wire the reset to';
  return rng.shuffle(starts).map((s) => (ed) => {
    for (const u of uses) setVariable(ed, u.doc, u.c, s.name);
    return { description: `the restart interlock's ${ctx.config.safety.reset} contacts read ${s.name} in ${[...new Set(uses.map((u) => u.pou.name))].join(', ')}` };
  });
}

/**
 * A self-latching guard: a new local BOOL set by the guard in a network drawn first in the safety POU, and
 * every guard contact of that POU reading the latch instead, so opening the guard stops nothing.
 */
export function ldSelfLatchingGuard(ctx: SiteContext, rng: Rng): Attempt[] | string {
  const found = plcopenDocs(ctx).flatMap((doc) =>
    doc.pous.filter((p) => isSafetyPou(ctx, p)).flatMap((pou) =>
      ctx.config.safety.guards.map((g) => ({ doc, pou, g, reads: pou.elements.filter((e) => e.kind === 'contact' && varRoot(e) === key(g)) })).filter((x) => x.reads.length),
    ),
  );
  if (!found.length) return 'no safety POU has a guard contact in its LD networks';
  return rng.shuffle(found).map(({ doc, pou, g, reads }) => (ed) => {
    const locals = pou.vars.filter((v) => v.section === 'localVars').map((v) => v.el);
    const latch = freshName(ctx, 'bGuardSeen');
    if (!locals.length || !child(pou.el, 'interface')) return { description: `${pou.name} has no local variables to declare the latch like` };
    addBoolVar(ed, doc, locals, latch, 'guard seen closed (metamorphic latch)');
    for (const r of reads) setVariable(ed, doc, r, latch);
    prependToBody(ed, doc, pou, networkXml(doc, pou, [{ v: g }], { v: latch, storage: 'set' }, 'Guard latch (metamorphic)', 0));
    return { description: `${g} latched into ${latch} (set, never reset) by a first network of ${pou.name}; its ${reads.length} guard contact(s) read the latch` };
  });
}
