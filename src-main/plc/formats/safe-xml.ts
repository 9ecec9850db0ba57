import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { diag } from '../diagnostics/catalog.js';
import type { Diagnostic, Span } from '../diagnostics/diagnostic.js';
import { SourceText } from '../source/source-text.js';
import { locateXmlError } from './xml-error-position.js';

/** Larger exports are archives, not objects; refusing them keeps memory bounded. */
export const MAX_XML_BYTES = 64 * 1024 * 1024;
/** PLC formats stay far below this; the cap keeps every walk over the tree shallow enough to recurse. */
export const MAX_XML_DEPTH = 256;

/** An element with its place in the container text; `attrs` values are entity-decoded. */
export interface XmlElement {
  /** As written, prefix included (`xhtml:p`). */
  name: string;
  /** Without the namespace prefix (`p`). */
  local: string;
  attrs: Readonly<Record<string, string>>;
  children: XmlElement[];
  /** Offset of `<` of the start tag. */
  start: number;
  /** Offset just after the end tag (or `/>`). */
  end: number;
}

export interface XmlDocument {
  file: string;
  text: string;
  root: XmlElement;
}

export interface XmlParseResult {
  doc: XmlDocument | null;
  diagnostics: Diagnostic[];
}

const PARSER_OPTIONS = {
  preserveOrder: true,
  ignoreAttributes: false,
  attributeNamePrefix: '',
  trimValues: false,
  parseTagValue: false,
  parseAttributeValue: false,
  cdataPropName: '#cdata',
  // Entities are decoded by us (decodeXmlText), which knows only the predefined five and character references.
  processEntities: false,
  htmlEntities: false,
  captureMetaData: true,
  ignoreDeclaration: true,
  ignorePiTags: true,
  maxNestedTags: MAX_XML_DEPTH,
} as const;

const META = XMLParser.getMetaDataSymbol() as unknown as symbol;

type OrderedNode = Record<string, unknown> & { ':@'?: Record<string, string> };

function lineOf(text: string, offset: number): number {
  return new SourceText('', text).lineCol(offset).line;
}

/** Finds `<!DOCTYPE` (or a stray `<!ENTITY`) outside comments and CDATA, in one linear pass. */
function findDoctype(text: string): number {
  let i = text.indexOf('<!');
  while (i >= 0) {
    if (text.startsWith('<!--', i)) {
      const e = text.indexOf('-->', i + 4);
      if (e < 0) return -1;
      i = text.indexOf('<!', e + 3);
    } else if (text.startsWith('<![CDATA[', i)) {
      const e = text.indexOf(']]>', i + 9);
      if (e < 0) return -1;
      i = text.indexOf('<!', e + 3);
    } else {
      const word = text.slice(i + 2, i + 9).toUpperCase();
      if (word.startsWith('DOCTYPE') || word.startsWith('ENTITY')) return i;
      i = text.indexOf('<!', i + 2);
    }
  }
  return -1;
}

const PREDEFINED: Readonly<Record<string, string>> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

/**
 * Decodes the predefined entities and character references, nothing else: no DOCTYPE can define more, and an
 * unknown reference is kept as written with a warning rather than guessed.
 */
export function decodeXmlText(raw: string, span: Span, diagnostics: Diagnostic[]): string {
  if (!raw.includes('&')) return raw;
  return raw.replace(/&(#x[0-9a-fA-F]+|#[0-9]+|[A-Za-z_][\w.-]*);/g, (whole, ref: string) => {
    if (ref.startsWith('#')) {
      const code = ref[1] === 'x' ? parseInt(ref.slice(2), 16) : parseInt(ref.slice(1), 10);
      const valid = code === 0x9 || code === 0xa || code === 0xd || (code >= 0x20 && code <= 0x10ffff && !(code >= 0xd800 && code <= 0xdfff));
      if (valid) return String.fromCodePoint(code);
      diagnostics.push(diag('FMT1005', span, `${span.file}: character reference ${whole} is not a valid XML character; kept as written`));
      return whole;
    }
    const known = PREDEFINED[ref];
    if (known !== undefined) return known;
    diagnostics.push(diag('FMT1005', span, `${span.file}: unknown entity ${whole} (only &lt; &gt; &amp; &quot; &apos; and &#...; are expanded); kept as written`));
    return whole;
  });
}

function tagNameOf(node: OrderedNode): string | null {
  for (const k of Object.keys(node)) if (k !== ':@') return k;
  return null;
}

function localName(name: string): string {
  const c = name.indexOf(':');
  return c < 0 ? name : name.slice(c + 1);
}

/**
 * Parses an XML container without ever expanding user-defined entities, following external references, or
 * throwing: size, DOCTYPE and depth are checked first, and every problem becomes a diagnostic with a span.
 */
export function parseXmlSafely(file: string, text: string): XmlParseResult {
  const diagnostics: Diagnostic[] = [];
  const at = (start: number, end = start): Span => ({ file, start, end });
  if (text.length > MAX_XML_BYTES) {
    diagnostics.push(diag('FMT1001', at(0), `${file}: ${text.length} characters is more than the ${MAX_XML_BYTES} read as one XML file`));
    return { doc: null, diagnostics };
  }
  const doctype = findDoctype(text);
  if (doctype >= 0) {
    const close = text.indexOf('>', doctype);
    diagnostics.push(
      diag('FMT1002', at(doctype, close < 0 ? text.length : close + 1), `${file}:${lineOf(text, doctype)}: <!DOCTYPE> and <!ENTITY> are refused; the file is not read`),
    );
    return { doc: null, diagnostics };
  }
  // Both fast-xml-parser entry points drop a leading BOM differently; strip it here and shift offsets back.
  const shift = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  const body = shift ? text.slice(1) : text;
  const valid = XMLValidator.validate(body);
  if (valid !== true) {
    const { offset, message } = locateXmlError(text, valid.err, shift);
    const pos = new SourceText(file, text).lineCol(offset);
    diagnostics.push(diag('FMT1003', at(offset), `${file}:${pos.line}:${pos.column}: malformed XML: ${message}`));
    return { doc: null, diagnostics };
  }
  let tree: OrderedNode[];
  try {
    tree = new XMLParser(PARSER_OPTIONS).parse(body) as OrderedNode[];
  } catch (e) {
    const message = e instanceof Error ? e.message : String(e);
    const deep = /nested/i.test(message);
    diagnostics.push(
      deep
        ? diag('FMT1004', at(0), `${file}: elements are nested deeper than ${MAX_XML_DEPTH} levels; the file is not read`)
        : diag('FMT1003', at(0), `${file}: malformed XML: ${message}`),
    );
    return { doc: null, diagnostics };
  }
  const convert = (node: OrderedNode): XmlElement | null => {
    const name = tagNameOf(node);
    if (name === null || name === '#text' || name === '#cdata') return null;
    const meta = (node as Record<symbol, { startIndex?: number; endIndex?: number } | undefined>)[META];
    const start = (meta?.startIndex ?? 0) + shift;
    const end = (meta?.endIndex ?? start) + shift;
    const attrs: Record<string, string> = Object.create(null) as Record<string, string>;
    const rawAttrs = node[':@'];
    if (rawAttrs) {
      for (const [k, v] of Object.entries(rawAttrs)) attrs[k] = decodeXmlText(String(v), at(start, end), diagnostics);
    }
    const children: XmlElement[] = [];
    const kids = node[name];
    if (Array.isArray(kids)) {
      for (const kid of kids as OrderedNode[]) {
        const el = convert(kid);
        if (el) children.push(el);
      }
    }
    return { name, local: localName(name), attrs, children, start, end };
  };
  const roots = tree.map(convert).filter((e): e is XmlElement => e !== null);
  const root = roots[0];
  if (!root) {
    diagnostics.push(diag('FMT1003', at(0), `${file}: no root element`));
    return { doc: null, diagnostics };
  }
  const extra = roots[1];
  if (extra) {
    diagnostics.push(diag('FMT1003', at(extra.start, extra.end), `${file}:${lineOf(text, extra.start)}: malformed XML: a second root element <${extra.name}>`));
    return { doc: null, diagnostics };
  }
  return { doc: { file, text, root }, diagnostics };
}
