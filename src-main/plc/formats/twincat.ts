import { diag } from '../diagnostics/catalog.js';
import type { Diagnostic, Span } from '../diagnostics/diagnostic.js';
import { Emitter } from './emitter.js';
import { endKeywordFor, firstKeyword } from './first-keyword.js';
import type { FormatResult } from './format-result.js';
import { parseXmlSafely, type XmlElement } from './safe-xml.js';
import { child, textContent } from './xml-content.js';

const OBJECT_KINDS = ['POU', 'DUT', 'GVL', 'Itf'];

function spanOf(file: string, el: XmlElement): Span {
  return { file, start: el.start, end: el.end };
}

/**
 * Reads a TwinCAT 3 object file (.TcPOU, .TcDUT, .TcGVL, .TcIO) into one MappedSource in the CODESYS text-export
 * form: declaration, body, then methods, properties and actions, then the closing keyword. TwinCAT keeps those
 * pieces in separate CDATA sections; joining them gives the ST parser one ordinary compilation unit, while every
 * CDATA byte still maps to its place in the XML file.
 */
export function readTwincat(file: string, text: string): FormatResult {
  const parsed = parseXmlSafely(file, text);
  const diagnostics = parsed.diagnostics;
  const doc = parsed.doc;
  if (!doc) return { sources: [], ladders: [], diagnostics };
  if (doc.root.local !== 'TcPlcObject') {
    diagnostics.push(diag('FMT1006', spanOf(file, doc.root), `${file}: root element is <${doc.root.name}>, expected <TcPlcObject>`));
    return { sources: [], ladders: [], diagnostics };
  }
  const object = doc.root.children.find((c) => OBJECT_KINDS.includes(c.local));
  if (!object) {
    diagnostics.push(diag('FMT1102', spanOf(file, doc.root), `${file}: <TcPlcObject> holds no <POU>, <DUT>, <GVL> or <Itf>`));
    return { sources: [], ladders: [], diagnostics };
  }
  const out = new Emitter(doc, diagnostics);
  const name = object.attrs['Name'] ?? '';
  const declText = declaration(out, object, `${object.local} ${name}`);
  const result: FormatResult = { sources: [], ladders: [], diagnostics };
  if (object.local === 'DUT' || object.local === 'GVL') {
    result.sources.push(out.build());
    if (object.local === 'GVL') result.gvlNames = [{ source: 0, name, span: spanOf(file, object) }];
    return result;
  }
  body(out, object, `${object.local} ${name}`);
  for (const member of object.children) {
    if (member.local === 'Method') method(out, member);
    else if (member.local === 'Property') property(out, member);
    else if (member.local === 'Action') action(out, member);
  }
  const keyword = firstKeyword(declText);
  const end = endKeywordFor(keyword);
  if (end) {
    out.newline(object.end);
    out.generated(`${end}\n`, object.end);
  } else if (declText.trim()) {
    diagnostics.push(diag('FMT1104', spanOf(file, object), `${file}: ${object.local} ${name} starts with ${keyword ?? 'no keyword'}; no END_ keyword was added`));
  }
  result.sources.push(out.build());
  return result;
}

/** Appends the `<Declaration>` of `owner` verbatim and returns its text. */
function declaration(out: Emitter, owner: XmlElement, what: string, required = true): string {
  const decl = child(owner, 'Declaration');
  const text = decl ? textContent(out.doc, decl, []) : '';
  if (!text.trim()) {
    if (required) out.diagnostics.push(diag('FMT1103', spanOf(out.doc.file, owner), `${out.doc.file}: ${what} has no declaration`));
    return text;
  }
  out.newline(decl!.start);
  out.content(decl!);
  return text;
}

/** Appends the ST body of `owner`; graphical bodies are reported, not read. */
function body(out: Emitter, owner: XmlElement, what: string): void {
  const impl = child(owner, 'Implementation');
  if (!impl) return;
  for (const lang of impl.children) {
    if (lang.local === 'ST') {
      out.newline(lang.start);
      out.content(lang);
    } else {
      const d: Diagnostic = diag(
        'FMT1101',
        spanOf(out.doc.file, lang),
        `${out.doc.file}: ${what} is implemented in ${lang.local}, which is not read yet; its body is treated as empty`,
      );
      out.diagnostics.push(d);
    }
  }
}

function method(out: Emitter, el: XmlElement): void {
  const what = `method ${el.attrs['Name'] ?? ''}`;
  declaration(out, el, what);
  body(out, el, what);
  out.newline(el.end);
  out.generated('END_METHOD\n', el.end);
}

function property(out: Emitter, el: XmlElement): void {
  const name = el.attrs['Name'] ?? '';
  declaration(out, el, `property ${name}`);
  for (const accessor of el.children) {
    if (accessor.local !== 'Get' && accessor.local !== 'Set') continue;
    const keyword = accessor.local.toUpperCase();
    const decl = child(accessor, 'Declaration');
    const declText = decl ? textContent(out.doc, decl, []) : '';
    // Some exports write the accessor keyword into its own declaration; only add it where it is missing.
    if (firstKeyword(declText) !== keyword) {
      out.newline(accessor.start);
      out.generated(`${keyword}\n`, accessor.start);
    }
    declaration(out, accessor, `property ${name} ${keyword}`, false);
    body(out, accessor, `property ${name} ${keyword}`);
    out.newline(accessor.end);
    out.generated(`END_${keyword}\n`, accessor.end);
  }
  out.newline(el.end);
  out.generated('END_PROPERTY\n', el.end);
}

function action(out: Emitter, el: XmlElement): void {
  const name = el.attrs['Name'] ?? '';
  out.newline(el.start);
  out.generated(`ACTION ${name}:\n`, el.start);
  body(out, el, `action ${name}`);
  out.newline(el.end);
  out.generated('END_ACTION\n', el.end);
}
