import { key } from '../../../plc/st/ast.js';
import { operandRoot } from './l5x-rung-facts.js';
import { plcopenDocs, source, type LdElement, type LdPou, type PlcopenDoc } from './plcopen-ld-document.js';
import type { SiteContext } from './site-context.js';
import { isSafetyName } from './site-facts.js';

/** What the PLCopen LD generators choose from: hazardous coils, the series contacts before them, safety POUs. */

export interface LdCoilAt {
  doc: PlcopenDoc;
  pou: LdPou;
  coil: LdElement;
  output: string;
}

export const varRoot = (e: LdElement): string => operandRoot(e.variable?.text ?? '') ?? '';

/** Coils (plain or set) of a hazardous output. */
export function hazardCoils(ctx: SiteContext): LdCoilAt[] {
  const hz = new Set(ctx.config.safety.hazardousOutputs.map(key));
  return plcopenDocs(ctx).flatMap((doc) =>
    doc.pous.flatMap((pou) => pou.elements.filter((e) => e.kind === 'coil' && e.storage !== 'reset' && !e.negated && hz.has(varRoot(e))).map((coil) => ({ doc, pou, coil, output: coil.variable!.text }))),
  );
}

/** A POU of the safety function: declared in site.yaml, or writing a hazardous output or a safety name. */
export function isSafetyPou(ctx: SiteContext, pou: LdPou): boolean {
  const hz = new Set(ctx.config.safety.hazardousOutputs.map(key));
  return ctx.safetyPous.has(key(pou.name)) || pou.elements.some((e) => e.kind === 'coil' && (hz.has(varRoot(e)) || isSafetyName(ctx, varRoot(e))));
}

/** The contacts in series before an element, nearest first, as long as each has exactly one wire in. */
export function seriesBefore(pou: LdPou, e: LdElement): LdElement[] {
  const out: LdElement[] = [];
  let cur = e;
  for (;;) {
    const ins = cur.inputs[0] ?? [];
    if (ins.length !== 1) break;
    const src = source(pou, ins[0]!);
    if (!src || src.kind !== 'contact' || out.includes(src)) break;
    out.push(src);
    cur = src;
  }
  return out;
}

/** Whether an element's input comes straight from a left rail. */
export const fromRail = (pou: LdPou, e: LdElement): boolean => (e.inputs[0] ?? []).every((c) => source(pou, c)?.kind === 'leftPowerRail');
