import { child, childrenNamed } from '../../../plc/formats/xml-content.js';
import type { XmlElement } from '../../../plc/formats/safe-xml.js';
import { key } from '../../../plc/st/ast.js';
import { afterStartTag, cdataOf, indentBefore, type L5xDoc, type L5xRoutine, type L5xRung } from './l5x-document.js';
import { NotEditable, type SiteEditor } from './site-editor.js';

/**
 * L5X edits as Studio 5000 would export them after the engineer's change: a new rung is a `<Rung>` element
 * laid out like its neighbours (the rungs after it renumbered), a new tag is a `<Tag>` like the others in its
 * scope, a changed rung is its `<Text>` CDATA rewritten. Every edit goes through the SiteEditor's byte spans.
 */

const cdataSafe = (s: string, what: string): string => {
  if (s.includes(']]>') || /[\r\n]/.test(s)) throw new NotEditable(`${what} cannot hold ']]>' or a line break`);
  return s;
};

export const insText = (doc: L5xDoc, i: { start: number; end: number }): string => doc.text.slice(i.start, i.end);

/** A `Number="n"` attribute's value span in an element's start tag. */
function numberAttr(doc: L5xDoc, el: XmlElement): { start: number; end: number } | null {
  const tag = doc.text.slice(el.start, afterStartTag(doc, el));
  const m = /\sNumber\s*=\s*"(\d+)"/.exec(tag);
  if (!m) return null;
  const s = el.start + m.index + m[0].indexOf('"') + 1;
  return { start: s, end: s + m[1]!.length };
}

/** Sets the Number attribute of a rung's start tag. */
export function renumber(ed: SiteEditor, doc: L5xDoc, r: L5xRung, n: number): void {
  const at = numberAttr(doc, r.el);
  if (at && n !== r.number) ed.raw(doc.path, at, String(n));
}

/** A `<Rung>` element laid out like `like` (its start tag, child indentation and CDATA placement). */
export function rungXml(doc: L5xDoc, like: L5xRung, number: number, text: string, comment: string | null): string {
  const t = doc.text;
  const eol = doc.eol;
  const open = t.slice(like.el.start, afterStartTag(doc, like.el)).replace(/(\sNumber\s*=\s*")\d+"/, `$1${number}"`);
  const textEl = child(like.el, 'Text');
  const ind = indentBefore(t, like.el.start);
  const inner = textEl ? indentBefore(t, textEl.start) : ind;
  const cdataAt = like.text ? like.text.start - '<![CDATA['.length : -1;
  const inline = !textEl || cdataAt < 0 || !/[\r\n]/.test(t.slice(afterStartTag(doc, textEl), cdataAt));
  const cdataInd = inline ? '' : indentBefore(t, cdataAt);
  const elem = (name: string, content: string): string =>
    inline ? `${inner}<${name}><![CDATA[${content}]]></${name}>${eol}` : `${inner}<${name}>${eol}${cdataInd}<![CDATA[${content}]]>${eol}${inner}</${name}>${eol}`;
  return `${open}${eol}${comment !== null ? elem('Comment', cdataSafe(comment, 'rung comment')) : ''}${elem('Text', cdataSafe(text, 'rung text'))}${ind}</Rung>`;
}

export interface NewRung {
  text: string;
  comment: string | null;
}

/** Inserts rungs after rung `after` (-1: before the first) of a routine; the rungs below are renumbered. */
export function insertRungs(ed: SiteEditor, doc: L5xDoc, routine: L5xRoutine, after: number, rungs: readonly NewRung[]): void {
  const like = routine.rungs[Math.max(0, after)];
  if (!like) throw new NotEditable(`routine ${routine.name} has no rung to lay a new one out like`);
  const ind = indentBefore(doc.text, like.el.start);
  const first = after < 0 ? 0 : routine.rungs[after]!.number + 1;
  const xml = rungs.map((r, i) => rungXml(doc, like, first + i, r.text, r.comment));
  if (after < 0) ed.raw(doc.path, { start: like.el.start, end: like.el.start }, xml.map((x) => `${x}${doc.eol}${ind}`).join(''));
  else {
    const end = routine.rungs[after]!.el.end;
    ed.raw(doc.path, { start: end, end }, xml.map((x) => `${doc.eol}${ind}${x}`).join(''));
  }
  for (const r of routine.rungs.slice(after + 1)) renumber(ed, doc, r, r.number + rungs.length);
}

/** Appends rungs at the end of a routine. */
export const appendRungs = (ed: SiteEditor, doc: L5xDoc, routine: L5xRoutine, rungs: readonly NewRung[]): void => insertRungs(ed, doc, routine, routine.rungs.length - 1, rungs);

/** Adds or rewrites a rung's comment. */
export function setRungComment(ed: SiteEditor, doc: L5xDoc, r: L5xRung, comment: string): void {
  if (r.comment) return void ed.raw(doc.path, r.comment, cdataSafe(comment, 'rung comment'));
  if (r.commentEl) throw new NotEditable(`rung ${r.number} of ${r.routine.name} has a comment that is not one CDATA section`);
  const textEl = child(r.el, 'Text');
  if (!textEl || !r.text) throw new NotEditable(`rung ${r.number} of ${r.routine.name} has no CDATA <Text>`);
  // The new comment takes the <Text> element's layout.
  const t = doc.text;
  const inner = indentBefore(t, textEl.start);
  const cdataAt = r.text.start - '<![CDATA['.length;
  const between = t.slice(afterStartTag(doc, textEl), cdataAt);
  const inline = !/[\r\n]/.test(between);
  const xml = inline
    ? `<Comment><![CDATA[${cdataSafe(comment, 'rung comment')}]]></Comment>${doc.eol}${inner}`
    : `<Comment>${doc.eol}${indentBefore(t, cdataAt)}<![CDATA[${cdataSafe(comment, 'rung comment')}]]>${doc.eol}${inner}</Comment>${doc.eol}${inner}`;
  ed.raw(doc.path, { start: textEl.start, end: textEl.start }, xml);
}

/** The Tags element of a scope (controller, or a program by name). */
function tagsOf(doc: L5xDoc, program: string | null): XmlElement | null {
  if (program === null) return doc.controllerTagsEl;
  return doc.programs.find((p) => key(p.name) === key(program))?.tagsEl ?? null;
}

/**
 * Declares a new BOOL tag in a scope, laid out like a BOOL tag already there (its attributes, description
 * and both data formats), value 0.
 */
export function addBoolTag(ed: SiteEditor, doc: L5xDoc, program: string | null, name: string, description: string): void {
  const container = tagsOf(doc, program);
  const tags = container ? childrenNamed(container, 'Tag') : [];
  const last = tags[tags.length - 1];
  const template = [...tags, ...doc.tags.map((t) => t.el)].find((el) => el.attrs.DataType === 'BOOL' && el.attrs.TagType !== 'Alias');
  if (!container || !last || !template) throw new NotEditable(`no BOOL tag in ${program ?? 'the controller'} scope to declare ${name} like`);
  const t = doc.text;
  const puts: { start: number; end: number; text: string }[] = [];
  const put = (span: { start: number; end: number }, text: string): void => void puts.push({ ...span, text });
  const nameAt = /\sName\s*=\s*"([^"]*)"/.exec(t.slice(template.start, afterStartTag(doc, template)))!;
  const nameStart = template.start + nameAt.index + nameAt[0].indexOf('"') + 1;
  put({ start: nameStart, end: nameStart + nameAt[1]!.length }, name);
  const desc = cdataOf(doc.xml, child(template, 'Description'));
  if (desc) put(desc, cdataSafe(description, 'tag description'));
  for (const data of childrenNamed(template, 'Data')) {
    if (data.attrs.Format === 'L5K') {
      const c = cdataOf(doc.xml, data);
      if (c) put(c, '0');
    }
    const dv = child(data, 'DataValue');
    const m = dv ? /\sValue\s*=\s*"([^"]*)"/.exec(t.slice(dv.start, dv.end)) : null;
    if (dv && m) {
      const s = dv.start + m.index + m[0].indexOf('"') + 1;
      put({ start: s, end: s + m[1]!.length }, '0');
    }
  }
  let xml = '';
  let pos = template.start;
  for (const p of puts.sort((a, b) => a.start - b.start)) {
    xml += t.slice(pos, p.start) + p.text;
    pos = p.end;
  }
  xml += t.slice(pos, template.end);
  ed.raw(doc.path, { start: last.end, end: last.end }, `${doc.eol}${indentBefore(t, last.start)}${xml}`);
}
