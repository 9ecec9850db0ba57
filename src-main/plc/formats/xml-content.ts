import type { Diagnostic } from '../diagnostics/diagnostic.js';
import type { MappedSourceBuilder } from '../source/mapped-source.js';
import { decodeXmlText, type XmlDocument, type XmlElement } from './safe-xml.js';

/** A run of character data directly inside an element, located in the container text. */
export interface ContentPiece {
  kind: 'text' | 'cdata';
  /** Offsets of the raw characters in the container (for CDATA: the content, without `<![CDATA[` and `]]>`). */
  start: number;
  end: number;
}

/** Offset just after the start tag's `>`, skipping quoted attribute values; -1 when the tag does not close. */
export function startTagEnd(text: string, el: XmlElement): number {
  let quote = '';
  for (let i = el.start + 1; i < el.end; i++) {
    const c = text[i];
    if (quote) {
      if (c === quote) quote = '';
    } else if (c === '"' || c === "'") quote = c;
    else if (c === '>') return i + 1;
  }
  return -1;
}

/** Where an element's content starts; -1 for `<x/>`, which has none. */
function contentStart(text: string, el: XmlElement): number {
  const end = startTagEnd(text, el);
  return end < 0 || text[end - 2] === '/' ? -1 : end;
}

/**
 * The character data directly inside `el`, in order, with exact container offsets. fast-xml-parser gives element
 * ranges but not text offsets, so the gaps between child elements are scanned here.
 */
export function contentPieces(doc: XmlDocument, el: XmlElement): ContentPiece[] {
  const text = doc.text;
  const from = contentStart(text, el);
  if (from < 0) return [];
  const to = text.lastIndexOf('</', el.end - 1);
  if (to < from) return [];
  const pieces: ContentPiece[] = [];
  const gaps: [number, number][] = [];
  let cursor = from;
  for (const child of el.children) {
    gaps.push([cursor, child.start]);
    cursor = child.end;
  }
  gaps.push([cursor, to]);
  for (const [gapStart, gapEnd] of gaps) {
    let i = gapStart;
    let textStart = i;
    const flush = (until: number): void => {
      if (until > textStart) pieces.push({ kind: 'text', start: textStart, end: until });
    };
    while (i < gapEnd) {
      const lt = text.indexOf('<', i);
      if (lt < 0 || lt >= gapEnd) break;
      let close: number;
      if (text.startsWith('<![CDATA[', lt)) {
        flush(lt);
        const e = text.indexOf(']]>', lt + 9);
        close = e < 0 ? gapEnd : e;
        pieces.push({ kind: 'cdata', start: lt + 9, end: close });
        close += 3;
      } else if (text.startsWith('<!--', lt)) {
        flush(lt);
        const e = text.indexOf('-->', lt + 4);
        close = e < 0 ? gapEnd : e + 3;
      } else if (text.startsWith('<?', lt)) {
        flush(lt);
        const e = text.indexOf('?>', lt + 2);
        close = e < 0 ? gapEnd : e + 2;
      } else {
        close = lt + 1;
        i = close;
        continue;
      }
      i = close;
      textStart = close;
    }
    flush(gapEnd);
  }
  return pieces;
}

/** The decoded character data directly inside `el` (text and CDATA together). */
export function textContent(doc: XmlDocument, el: XmlElement, diagnostics: Diagnostic[]): string {
  let out = '';
  for (const p of contentPieces(doc, el)) {
    const raw = doc.text.slice(p.start, p.end);
    out += p.kind === 'cdata' ? raw : decodeXmlText(raw, { file: doc.file, start: p.start, end: p.end }, diagnostics);
  }
  return out;
}

/**
 * Appends the character data of `el` to a mapped source: CDATA and entity-free text byte for byte, so every
 * offset maps back exactly; text with entities as its decoded form, anchored where it starts.
 */
export function appendContent(builder: MappedSourceBuilder, doc: XmlDocument, el: XmlElement, diagnostics: Diagnostic[]): void {
  for (const p of contentPieces(doc, el)) {
    const raw = doc.text.slice(p.start, p.end);
    if (p.kind === 'cdata' || !raw.includes('&')) builder.verbatim(raw, p.start);
    else builder.generated(decodeXmlText(raw, { file: doc.file, start: p.start, end: p.end }, diagnostics), p.start);
  }
}

export function child(el: XmlElement, local: string): XmlElement | undefined {
  return el.children.find((c) => c.local === local);
}

export function childrenNamed(el: XmlElement, local: string): XmlElement[] {
  return el.children.filter((c) => c.local === local);
}

/** Follows a path of local names, first match at each step. */
export function path(el: XmlElement | undefined, ...locals: string[]): XmlElement | undefined {
  let cur = el;
  for (const l of locals) cur = cur && child(cur, l);
  return cur;
}
