import { parseXmlSafely, type XmlDocument, type XmlElement } from '../../../plc/formats/safe-xml.js';
import { child, childrenNamed, contentPieces, startTagEnd } from '../../../plc/formats/xml-content.js';
import { sourceFormat } from '../../../plc/project/read-source-file.js';
import { indentBefore } from './l5x-document.js';
import type { SiteContext } from './site-context.js';

/**
 * A PLCopen XML export's LD bodies as the ladder generators edit them: each graphical element with its
 * localId, its variable text and its wires (`<connection refLocalId>`), located in the file by the repo's XML
 * reader, so an edit (a contact wired in, a variable renamed, a new network) names exact bytes.
 */

export interface Span {
  start: number;
  end: number;
}

export interface LdConnection {
  ref: number;
  el: XmlElement;
  /** The refLocalId value's span. */
  refSpan: Span;
  formal: string | null;
}

export interface LdElement {
  kind: string;
  localId: number;
  el: XmlElement;
  /** `<variable>` text of a contact or coil, `<expression>` of an in/out variable: its text and span. */
  variable: { text: string; span: Span } | null;
  /** The element's own input point (contact, coil, out variable, right rail: each input point in order). */
  inputs: LdConnection[][];
  negated: boolean;
  storage: string;
  edge: string;
  y: number;
  /** Block: its type and instance name; its inputs by formal parameter. */
  typeName: string | null;
  instance: string | null;
  pins: { formal: string; conns: LdConnection[] }[];
}

export interface LdPou {
  name: string;
  pouType: string;
  el: XmlElement;
  /** Variable declarations of the interface, by section (`localVars`, `inputVars`...). */
  vars: { section: string; name: string; el: XmlElement }[];
  ld: XmlElement;
  elements: LdElement[];
}

export interface PlcopenDoc {
  path: string;
  text: string;
  xml: XmlDocument;
  eol: string;
  pous: LdPou[];
  globals: { name: string; el: XmlElement; list: XmlElement }[];
}

const textOf = (xml: XmlDocument, el: XmlElement | undefined): { text: string; span: Span } | null => {
  const p = el ? contentPieces(xml, el).filter((x) => x.kind === 'text' && xml.text.slice(x.start, x.end).trim()) : [];
  if (p.length !== 1) return null;
  const raw = xml.text.slice(p[0]!.start, p[0]!.end);
  if (raw.includes('&')) return null;
  const lead = raw.length - raw.trimStart().length;
  return { text: raw.trim(), span: { start: p[0]!.start + lead, end: p[0]!.start + lead + raw.trim().length } };
};

function connections(xml: XmlDocument, point: XmlElement): LdConnection[] {
  return childrenNamed(point, 'connection').flatMap((c) => {
    const m = /\srefLocalId\s*=\s*"(\d+)"/.exec(xml.text.slice(c.start, c.end));
    if (!m) return [];
    const s = c.start + m.index + m[0].indexOf('"') + 1;
    return [{ ref: Number(m[1]), el: c, refSpan: { start: s, end: s + m[1]!.length }, formal: c.attrs.formalParameter ?? null }];
  });
}

function readElement(xml: XmlDocument, el: XmlElement): LdElement {
  const pins = ['inputVariables', 'inOutVariables'].flatMap((sec) =>
    childrenNamed(child(el, sec) ?? el, 'variable').map((v) => ({ formal: v.attrs.formalParameter ?? '', conns: (() => { const p = child(v, 'connectionPointIn'); return p ? connections(xml, p) : []; })() })),
  );
  return {
    kind: el.local,
    localId: Number(el.attrs.localId),
    el,
    variable: textOf(xml, child(el, 'variable') ?? child(el, 'expression')),
    inputs: childrenNamed(el, 'connectionPointIn').map((p) => connections(xml, p)),
    negated: el.attrs.negated === 'true',
    storage: el.attrs.storage ?? 'none',
    edge: el.attrs.edge ?? 'none',
    y: Number(child(el, 'position')?.attrs.y ?? 0),
    typeName: el.attrs.typeName ?? null,
    instance: el.attrs.instanceName ?? null,
    pins,
  };
}

function walk(el: XmlElement, local: string, out: XmlElement[] = []): XmlElement[] {
  if (el.local === local) out.push(el);
  for (const c of el.children) walk(c, local, out);
  return out;
}

export function readPlcopenDoc(path: string, text: string): PlcopenDoc | null {
  const { doc } = parseXmlSafely(path, text);
  if (!doc || doc.root.local !== 'project') return null;
  const pous: LdPou[] = [];
  for (const p of walk(doc.root, 'pou')) {
    const ld = child(child(p, 'body') ?? p, 'LD');
    if (!ld) continue;
    const iface = child(p, 'interface');
    const vars = (iface?.children ?? []).flatMap((sec) => childrenNamed(sec, 'variable').map((v) => ({ section: sec.local, name: v.attrs.name ?? '', el: v })));
    pous.push({ name: p.attrs.name ?? '', pouType: p.attrs.pouType ?? '', el: p, vars, ld, elements: ld.children.filter((c) => c.attrs.localId !== undefined).map((c) => readElement(doc, c)) });
  }
  const globals = walk(doc.root, 'globalVars').flatMap((list) => childrenNamed(list, 'variable').map((el) => ({ name: el.attrs.name ?? '', el, list })));
  return { path, text, xml: doc, eol: /\r\n/.test(text) ? '\r\n' : '\n', pous, globals };
}

const cache = new WeakMap<SiteContext, PlcopenDoc[]>();

/** The site's PLCopen XML files that hold LD bodies, read once per site. */
export function plcopenDocs(ctx: SiteContext): PlcopenDoc[] {
  let docs = cache.get(ctx);
  if (!docs) {
    docs = [...ctx.files].filter(([p, t]) => sourceFormat(p, t) === 'plcopen').flatMap(([p, t]) => readPlcopenDoc(p, t) ?? []).filter((d) => d.pous.length > 0);
    cache.set(ctx, docs);
  }
  return docs;
}

export const hasPlcopenLd = (ctx: SiteContext): boolean => plcopenDocs(ctx).length > 0;

/** A localId no element of the POU uses, and the y below its last element (a new network goes there). */
export function nextId(pou: LdPou, taken = 0): number {
  return Math.max(0, ...pou.elements.map((e) => e.localId)) + 1 + taken;
}
export const bottomY = (pou: LdPou): number => Math.max(0, ...pou.elements.map((e) => e.y)) + 60;

/** The element the wire comes from. */
export const source = (pou: LdPou, c: LdConnection): LdElement | undefined => pou.elements.find((e) => e.localId === c.ref);

/** Every element that has a wire from `id`, with the wire. */
export function readersOf(pou: LdPou, id: number): { e: LdElement; c: LdConnection }[] {
  return pou.elements.flatMap((e) => [...e.inputs.flat(), ...e.pins.flatMap((p) => p.conns)].filter((c) => c.ref === id).map((c) => ({ e, c })));
}

/** The file's layout for a new LD element line: the indentation of the body's elements. */
export const elementIndent = (doc: PlcopenDoc, pou: LdPou): string => indentBefore(doc.text, (pou.elements[0]?.el ?? pou.ld).start);

export const afterStart = (doc: PlcopenDoc, el: XmlElement): number => startTagEnd(doc.text, el);
