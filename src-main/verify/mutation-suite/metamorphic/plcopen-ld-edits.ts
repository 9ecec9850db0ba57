import { child } from '../../../plc/formats/xml-content.js';
import type { XmlElement } from '../../../plc/formats/safe-xml.js';
import { indentBefore } from './l5x-document.js';
import { bottomY, elementIndent, nextId, type LdConnection, type LdElement, type LdPou, type PlcopenDoc } from './plcopen-ld-document.js';
import { NotEditable, type SiteEditor } from './site-editor.js';

/**
 * New LD elements drawn as CODESYS exports them (one element a line, the body's indentation): rails,
 * contacts and coils wired by localId, and the edits that wire them into an existing network.
 */

const esc = (s: string): string => {
  if (/[<>&"]/.test(s)) throw new NotEditable(`'${s}' would need XML escaping`);
  return s;
};

export function contactXml(id: number, x: number, y: number, refs: readonly number[], variable: string, negated = false): string {
  const conns = refs.map((r) => `<connection refLocalId="${r}"/>`).join('');
  return `<contact localId="${id}" negated="${negated}" height="20" width="20"><position x="${x}" y="${y}"/><connectionPointIn><relPosition x="0" y="10"/>${conns}</connectionPointIn><connectionPointOut><relPosition x="20" y="10"/></connectionPointOut><variable>${esc(variable)}</variable></contact>`;
}

export function coilXml(id: number, y: number, ref: number, variable: string, storage: 'none' | 'set' = 'none'): string {
  const st = storage === 'set' ? ' storage="set"' : '';
  return `<coil localId="${id}" negated="false"${st} height="20" width="20"><position x="500" y="${y}"/><connectionPointIn><relPosition x="0" y="10"/><connection refLocalId="${ref}"/></connectionPointIn><connectionPointOut><relPosition x="20" y="10"/></connectionPointOut><variable>${esc(variable)}</variable></coil>`;
}

/** The `<xhtml:p>`-style paragraph tag the file's LD comments use, or null when it has none to copy. */
function paragraphTag(doc: PlcopenDoc, pou: LdPou): string | null {
  const c = pou.elements.find((e) => e.kind === 'comment');
  const p = c && child(child(c.el, 'content') ?? c.el, 'p');
  return p ? p.name : null;
}

/**
 * A one-rung network `contacts in series -> coil` with its rails and (where the body has comments) a comment,
 * localIds after the POU's last and y below its last element.
 */
export function networkXml(doc: PlcopenDoc, pou: LdPou, contacts: readonly { v: string; neg?: boolean }[], coil: { v: string; storage?: 'none' | 'set' }, comment: string, yAt = bottomY(pou)): string[] {
  let id = nextId(pou);
  const lines: string[] = [];
  const p = paragraphTag(doc, pou);
  if (p) lines.push(`<comment localId="${id++}" height="30" width="600"><position x="10" y="${yAt}"/><content><${p}>${esc(comment)}</${p}></content></comment>`);
  const y = yAt + 40;
  const rail = id++;
  lines.push(`<leftPowerRail localId="${rail}" height="40" width="2"><position x="10" y="${y}"/><connectionPointOut formalParameter=""><relPosition x="2" y="10"/></connectionPointOut></leftPowerRail>`);
  let prev = rail;
  contacts.forEach((c, i) => {
    const cid = id++;
    lines.push(contactXml(cid, 60 + 80 * i, y, [prev], c.v, c.neg));
    prev = cid;
  });
  const coilId = id++;
  lines.push(coilXml(coilId, y, prev, coil.v, coil.storage));
  lines.push(`<rightPowerRail localId="${id++}" height="40" width="2"><position x="600" y="${y}"/><connectionPointIn><relPosition x="0" y="10"/><connection refLocalId="${coilId}"/></connectionPointIn></rightPowerRail>`);
  return lines;
}

/** Inserts element lines after the last element of the LD body (executed last: networks run in document order). */
export function appendToBody(ed: SiteEditor, doc: PlcopenDoc, pou: LdPou, lines: readonly string[]): void {
  const last = pou.elements[pou.elements.length - 1];
  if (!last) throw new NotEditable(`${pou.name} has an empty LD body`);
  const ind = elementIndent(doc, pou);
  ed.raw(doc.path, { start: last.el.end, end: last.el.end }, lines.map((l) => `${doc.eol}${ind}${l}`).join(''));
}

/** Inserts element lines before the first element of the LD body (executed first). */
export function prependToBody(ed: SiteEditor, doc: PlcopenDoc, pou: LdPou, lines: readonly string[]): void {
  const first = pou.elements[0];
  if (!first) throw new NotEditable(`${pou.name} has an empty LD body`);
  const ind = elementIndent(doc, pou);
  ed.raw(doc.path, { start: first.el.start, end: first.el.start }, lines.map((l) => `${l}${doc.eol}${ind}`).join(''));
}

/** Adds a wire into the input point that holds `conns` (OR with what is there). */
export function addWire(ed: SiteEditor, doc: PlcopenDoc, conns: readonly LdConnection[], ref: number): void {
  const last = conns[conns.length - 1];
  if (!last) throw new NotEditable('an input point without a wire');
  ed.raw(doc.path, { start: last.el.end, end: last.el.end }, `<connection refLocalId="${ref}"/>`);
}

/** Replaces a contact's or coil's variable (or an in/out variable's expression). */
export function setVariable(ed: SiteEditor, doc: PlcopenDoc, e: LdElement, text: string): void {
  if (!e.variable) throw new NotEditable(`element ${e.localId} has no plain variable text`);
  ed.raw(doc.path, e.variable.span, esc(text));
}

/** Deletes an element with its line. */
export function deleteElement(ed: SiteEditor, doc: PlcopenDoc, e: LdElement): void {
  const ind = indentBefore(doc.text, e.el.start);
  let end = e.el.end;
  if (doc.text.startsWith(doc.eol, end)) end += doc.eol.length;
  ed.raw(doc.path, { start: e.el.start - ind.length, end }, '');
}

/**
 * Declares a new BOOL variable after the last one of a list (a POU's localVars or a global list), laid out
 * like a BOOL declaration without an address, its documentation text replaced.
 */
export function addBoolVar(ed: SiteEditor, doc: PlcopenDoc, list: readonly XmlElement[], name: string, note: string): void {
  const last = list[list.length - 1];
  const template = list.find((v) => child(child(v, 'type') ?? v, 'BOOL') && v.attrs.address === undefined) ?? list.find((v) => child(child(v, 'type') ?? v, 'BOOL'));
  if (!last || !template) throw new NotEditable(`no BOOL declaration to declare ${name} like`);
  const t = doc.text;
  let xml = t.slice(template.start, template.end).replace(/(\sname\s*=\s*")[^"]*"/, `$1${esc(name)}"`).replace(/\saddress\s*=\s*"[^"]*"/, '');
  xml = xml.replace(/(<documentation>\s*<([\w:]+)>)[^<]*(<\/\2>)/, `$1${esc(note)}$3`);
  ed.raw(doc.path, { start: last.end, end: last.end }, `${doc.eol}${indentBefore(t, last.start)}${xml}`);
}
