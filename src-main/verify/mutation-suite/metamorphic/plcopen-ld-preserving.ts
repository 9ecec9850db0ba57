import { key } from '../../../plc/st/ast.js';
import type { Attempt } from './attempt.js';
import { rootUses } from './ladder-rename.js';
import { afterStart, plcopenDocs, type LdElement, type LdPou, type PlcopenDoc } from './plcopen-ld-document.js';
import { varRoot } from './plcopen-ld-facts.js';
import type { Rng } from './random.js';
import type { SiteContext } from './site-context.js';
import { freshName, isSafetyName } from './site-facts.js';

/** A `name="..."`-style attribute's value span in an element's start tag. */
function attrSpan(doc: PlcopenDoc, el: LdElement['el'], attr: string): { start: number; end: number } | null {
  const m = new RegExp(`\\s${attr}\\s*=\\s*"([^"]*)"`).exec(doc.text.slice(el.start, afterStart(doc, el)));
  if (!m) return null;
  const s = el.start + m.index + m[0].indexOf('"') + 1;
  return { start: s, end: s + m[1]!.length };
}

/**
 * Rename an LD POU's local variable (not a safety name, not in a scenario): its declaration, every contact,
 * coil and in/out variable that names it, and every block drawn as its instance.
 */
export function ldRenameInternal(ctx: SiteContext, rng: Rng): Attempt[] | string {
  const found = plcopenDocs(ctx).flatMap((doc) =>
    doc.pous.flatMap((pou) =>
      pou.vars
        .filter((v) => v.section === 'localVars' && !isSafetyName(ctx, v.name) && !new RegExp(`\\b${v.name}\\b`, 'i').test(ctx.scenarioText))
        .filter((v) => pou.elements.some((e) => varRoot(e) === key(v.name) || key(e.instance ?? '') === key(v.name)))
        .map((v) => ({ doc, pou, v })),
    ),
  );
  if (!found.length) return 'no local variable of an LD POU outside the safety names and scenarios is used in its networks';
  return rng.shuffle(found).map(({ doc, pou, v }) => (ed) => {
    const to = freshName(ctx, `${v.name}_mm`);
    let n = 0;
    const put = (span: { start: number; end: number } | null): void => {
      if (span) ed.raw(doc.path, span, to);
      n++;
    };
    put(attrSpan(doc, v.el, 'name'));
    for (const e of pou.elements) {
      if (e.variable) for (const at of rootUses(e.variable.text, v.name)) put({ start: e.variable.span.start + at, end: e.variable.span.start + at + v.name.length });
      if (key(e.instance ?? '') === key(v.name)) put(attrSpan(doc, e.el, 'instanceName'));
    }
    return { description: `renamed ${pou.name}.${v.name} to ${to} in the LD body (declaration and ${n - 1} use(s) in contacts, coils, variables and instance boxes)` };
  });
}

interface Network {
  elements: LdElement[];
  start: number;
  end: number;
}

/** The POU's networks in document order: wired elements, each with the comment drawn just before it. */
function networks(doc: PlcopenDoc, pou: LdPou): Network[] | null {
  const parent = new Map<number, number>();
  const find = (x: number): number => (parent.get(x) === undefined || parent.get(x) === x ? x : find(parent.get(x)!));
  for (const e of pou.elements) {
    for (const c of [...e.inputs.flat(), ...e.pins.flatMap((p) => p.conns)]) parent.set(find(e.localId), find(c.ref));
  }
  const out: Network[] = [];
  let pending: LdElement[] = [];
  let lastRoot: number | null = null;
  for (const e of pou.elements) {
    if (e.kind === 'comment') {
      pending.push(e);
      continue;
    }
    const root = find(e.localId);
    if (root !== lastRoot || pending.length) out.push({ elements: [], start: -1, end: -1 });
    out[out.length - 1]!.elements.push(...pending, e);
    pending = [];
    lastRoot = root;
  }
  const roots = out.map((n) => find(n.elements.find((e) => e.kind !== 'comment')!.localId));
  if (new Set(roots).size !== roots.length || pending.length) return null;
  for (const n of out) {
    n.start = n.elements[0]!.el.start;
    n.end = n.elements[n.elements.length - 1]!.el.end;
  }
  return out;
}

const use = (n: Network): { reads: Set<string>; writes: Set<string>; plain: boolean } => {
  const reads = new Set<string>();
  const writes = new Set<string>();
  let plain = true;
  for (const e of n.elements) {
    if (e.kind === 'block' || e.edge !== 'none' || e.kind === 'jump' || e.kind === 'return' || e.kind === 'label') plain = false;
    if (e.kind === 'coil' || e.kind === 'outVariable') writes.add(varRoot(e));
    if (e.kind === 'contact' || e.kind === 'inVariable') reads.add(varRoot(e));
  }
  return { reads, writes, plain };
};

/** Swap two adjacent independent networks (no shared variable written, no boxes, no edges, no jumps). */
export function ldReorderNetworks(ctx: SiteContext, rng: Rng): Attempt[] | string {
  const pairs = plcopenDocs(ctx).flatMap((doc) =>
    doc.pous.flatMap((pou) => {
      const nets = networks(doc, pou) ?? [];
      return nets.slice(1).flatMap((b, i) => {
        const [ua, ub] = [use(nets[i]!), use(b)];
        const clash = [...ua.writes].some((w) => ub.writes.has(w) || ub.reads.has(w)) || [...ub.writes].some((w) => ua.reads.has(w));
        return ua.plain && ub.plain && !clash ? [{ doc, pou, a: nets[i]!, b }] : [];
      });
    }),
  );
  if (!pairs.length) return 'no two adjacent LD networks are independent (each pair shares a variable, calls a box or uses an edge)';
  return rng.shuffle(pairs).map(({ doc, pou, a, b }) => (ed) => {
    const t = doc.text;
    // The networks trade places in the drawing too: b takes a's top, a goes below b.
    const top = (n: Network): number => Math.min(...n.elements.map((e) => e.y));
    const bottom = (n: Network): number => Math.max(...n.elements.map((e) => e.y + Number(e.el.attrs.height ?? 0)));
    const moved = (n: Network, dy: number): string => t.slice(n.start, n.end).replace(/<position x="(-?\d+)" y="(-?\d+)"\/>/g, (_, x: string, y: string) => `<position x="${x}" y="${Number(y) + dy}"/>`);
    ed.raw(doc.path, a, moved(b, top(a) - top(b))).raw(doc.path, b, moved(a, bottom(b) - bottom(a)));
    const what = (n: Network): string => [...new Set(n.elements.filter((e) => e.kind === 'coil' || e.kind === 'outVariable').map((e) => e.variable?.text ?? '?'))].join('/');
    return { description: `swapped the LD networks writing ${what(a)} and ${what(b)} in ${pou.name} (document order is execution order)` };
  });
}
