import type { XmlDocument, XmlElement } from '../../plc/formats/safe-xml.js';
import { child, startTagEnd } from '../../plc/formats/xml-content.js';

/** Replace `[start, end)` of the file with `text`. */
export interface XmlEdit {
  start: number;
  end: number;
  text: string;
}

export interface Temporary {
  name: string;
  type: string;
}

const XHTML = 'http://www.w3.org/1999/xhtml';
const SECTIONS = new Set(['returnType', 'inputVars', 'outputVars', 'inOutVars', 'localVars', 'tempVars', 'externalVars', 'globalVars', 'accessVars']);
/** PLCopen writes these as elements of their own (`<BOOL/>`); anything else is `<derived name="..."/>`. */
const ELEMENTARY = new Set(['BOOL', 'BYTE', 'WORD', 'DWORD', 'LWORD', 'SINT', 'INT', 'DINT', 'LINT', 'USINT', 'UINT', 'UDINT', 'ULINT', 'REAL', 'LREAL', 'TIME', 'DATE', 'DT', 'TOD']);

const escapeAttr = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/"/g, '&quot;');

/** The whitespace an element's line starts with, when only whitespace precedes it on that line. */
export function indentOf(text: string, offset: number): string {
  const lineStart = text.lastIndexOf('\n', offset - 1) + 1;
  const lead = text.slice(lineStart, offset);
  return /^[ \t]*$/.test(lead) ? lead : '';
}

/** One indentation step as the file uses it: from a variable nested in a section, else two spaces. */
function indentUnit(doc: XmlDocument, pou: XmlElement): string {
  for (const s of child(pou, 'interface')?.children ?? []) {
    const v = child(s, 'variable');
    if (!v) continue;
    const outer = indentOf(doc.text, s.start);
    const inner = indentOf(doc.text, v.start);
    if (inner.length > outer.length && inner.startsWith(outer)) return inner.slice(outer.length);
  }
  return /\n\t/.test(doc.text) ? '\t' : '  ';
}

function afterStartTag(text: string, el: XmlElement): number {
  const end = startTagEnd(text, el);
  return end < 0 ? el.end : end;
}

const selfClosing = (text: string, el: XmlElement): boolean => text.slice(el.end - 2, el.end) === '/>';

/**
 * The `<ST>` element that replaces a ladder body, at the ladder's indentation. ST goes in CDATA so operators such
 * as `<>` stay readable in the file; a `]]>` in a comment is split across two CDATA sections, which readers join.
 */
export function stElement(doc: XmlDocument, at: XmlElement, st: string, eol: string, unit: string): string {
  const prefix = Object.entries(doc.root.attrs).find(([k, v]) => k.startsWith('xmlns:') && v === XHTML)?.[0].slice(6);
  const [open, close] = prefix ? [`<${prefix}:p>`, `</${prefix}:p>`] : [`<xhtml xmlns="${XHTML}">`, '</xhtml>'];
  const indent = indentOf(doc.text, at.start);
  const cdata = `<![CDATA[${st.replace(/]]>/g, ']]]]><![CDATA[>').replace(/\n/g, eol)}]]>`;
  return `<ST>${eol}${indent}${unit}${open}${cdata}${close}${eol}${indent}</ST>`;
}

function typeXml(type: string): string {
  const t = type.toUpperCase();
  if (ELEMENTARY.has(t)) return `<${t}/>`;
  if (t === 'STRING' || t === 'WSTRING') return `<${t.toLowerCase()}/>`;
  return `<derived name="${escapeAttr(type)}"/>`;
}

/** The reader makes edge triggers instance variables (they keep state between scans) and the rest VAR_TEMP. */
const isInstance = (t: Temporary): boolean => /^[RF]_TRIG$/i.test(t.type);

function sections(temps: readonly Temporary[], indent: string, unit: string, eol: string): string[] {
  const out: string[] = [];
  for (const [tag, list] of [['localVars', temps.filter(isInstance)], ['tempVars', temps.filter((t) => !isInstance(t))]] as const) {
    if (!list.length) continue;
    const vars = list.map((t) => `${indent}${unit}<variable name="${escapeAttr(t.name)}"><type>${typeXml(t.type)}</type></variable>`);
    out.push([`${indent}<${tag}>`, ...vars, `${indent}</${tag}>`].join(eol));
  }
  return out;
}

/**
 * Declares a translation's temporaries in the POU's interface, as new sections after the existing ones: the reader
 * declares them there too, so the compiled declarations come out in the same order as before the conversion.
 */
export function declareTemporaries(doc: XmlDocument, pou: XmlElement, temps: readonly Temporary[], eol: string): XmlEdit | null {
  if (!temps.length) return null;
  const text = doc.text;
  const unit = indentUnit(doc, pou);
  const iface = child(pou, 'interface');
  if (!iface) {
    const before = pou.children.find((c) => c.local === 'actions' || c.local === 'transitions' || c.local === 'body');
    if (!before) return null;
    const indent = indentOf(text, before.start);
    const block = [`<interface>`, ...sections(temps, indent + unit, unit, eol), `${indent}</interface>`].join(eol);
    return { start: before.start, end: before.start, text: `${block}${eol}${indent}` };
  }
  const indent = indentOf(text, iface.start);
  if (selfClosing(text, iface)) {
    return { start: iface.start, end: iface.end, text: [`<interface>`, ...sections(temps, indent + unit, unit, eol), `${indent}</interface>`].join(eol) };
  }
  const last = [...iface.children].reverse().find((c) => SECTIONS.has(c.local));
  if (last) {
    const at = indentOf(text, last.start);
    return { start: last.end, end: last.end, text: eol + sections(temps, at, unit, eol).join(eol) };
  }
  const at = afterStartTag(text, iface);
  return { start: at, end: at, text: eol + sections(temps, indent + unit, unit, eol).join(eol) };
}

/** Applies non-overlapping edits; they may come in any order. */
export function applyEdits(text: string, edits: readonly XmlEdit[]): string {
  const sorted = [...edits].sort((a, b) => b.start - a.start || b.end - a.end);
  let out = text;
  let limit = Infinity;
  for (const e of sorted) {
    if (e.end > limit) throw new Error(`overlapping edits at offset ${e.start}`);
    out = out.slice(0, e.start) + e.text + out.slice(e.end);
    limit = e.start;
  }
  return out;
}
