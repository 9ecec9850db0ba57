import { diag } from '../diagnostics/catalog.js';
import type { Diagnostic, Span } from '../diagnostics/diagnostic.js';
import { translateIl } from '../il/il-to-st.js';
import { translateNetworkBody } from '../ladder/network-to-st.js';
import type { LadderTranslation } from '../ladder/translation.js';
import { MappedSourceBuilder } from '../source/mapped-source.js';
import { Emitter } from './emitter.js';
import type { FormatResult, LadderBody } from './format-result.js';
import { readPlcopenNetwork } from './plcopen-network.js';
import { PlcopenTypeWriter } from './plcopen-types.js';
import { parseXmlSafely, type XmlDocument, type XmlElement } from './safe-xml.js';
import { appendContent, child, childrenNamed, path } from './xml-content.js';

const CODESYS = 'http://www.3s-software.com/plcopenxml/';

const POU_KINDS: Readonly<Record<string, string>> = { program: 'PROGRAM', functionBlock: 'FUNCTION_BLOCK', function: 'FUNCTION' };

const SECTIONS: Readonly<Record<string, string>> = {
  inputVars: 'VAR_INPUT',
  outputVars: 'VAR_OUTPUT',
  inOutVars: 'VAR_IN_OUT',
  localVars: 'VAR',
  tempVars: 'VAR_TEMP',
  externalVars: 'VAR_EXTERNAL',
  globalVars: 'VAR_GLOBAL',
};

const QUALIFIERS: readonly [string, string][] = [
  ['constant', 'CONSTANT'],
  ['retain', 'RETAIN'],
  ['nonretain', 'NON_RETAIN'],
  ['persistent', 'PERSISTENT'],
];

/** A body read ahead of emitting, so LD/FBD temporaries can be declared before the statements that use them. */
interface ReadBody {
  el: XmlElement;
  kind: 'st' | 'ladder' | 'none';
  /** The element whose character data is the ST text (`xhtml:p`, or `ST` itself). */
  stText?: XmlElement;
  translation?: LadderTranslation;
}

/**
 * Reads a PLCopen TC6 XML project (v2.01, and CODESYS exports that keep POUs under `<addData>`): one MappedSource
 * per data type, POU and global variable list. Declarations are generated ST anchored at their XML elements; ST
 * bodies are copied byte for byte; LD, FBD and IL bodies are translated to ST.
 */
export function readPlcopen(file: string, text: string): FormatResult {
  const parsed = parseXmlSafely(file, text);
  const result: FormatResult = { sources: [], ladders: [], gvlNames: [], diagnostics: parsed.diagnostics };
  const doc = parsed.doc;
  if (!doc) return result;
  if (doc.root.local !== 'project') {
    result.diagnostics.push(diag('FMT1006', spanOf(file, doc.root), `${file}: root element is <${doc.root.name}>, expected a PLCopen <project>`));
    return result;
  }
  const reader = new PlcopenReader(doc, result);
  reader.read();
  return result;
}

function spanOf(file: string, el: XmlElement): Span {
  return { file, start: el.start, end: el.end };
}

function codesysData(root: XmlElement, kind: string): XmlElement[] {
  const found: XmlElement[] = [];
  const stack = [root];
  while (stack.length) {
    const el = stack.pop()!;
    if (el.local === 'data' && el.attrs['name'] === CODESYS + kind) found.push(...el.children);
    else for (let i = el.children.length - 1; i >= 0; i--) stack.push(el.children[i]!);
  }
  return found;
}

class PlcopenReader {
  private readonly types: PlcopenTypeWriter;
  private readonly diagnostics: Diagnostic[];
  /** Upper-cased names of the project's functions, which IL may use as operators. */
  private readonly functions = new Set<string>();

  constructor(
    private readonly doc: XmlDocument,
    private readonly result: FormatResult,
  ) {
    this.diagnostics = result.diagnostics;
    this.types = new PlcopenTypeWriter(doc, this.diagnostics);
  }

  read(): void {
    const root = this.doc.root;
    for (const dt of childrenNamed(path(root, 'types', 'dataTypes') ?? root, 'dataType')) this.dataType(dt);
    const pous = [...childrenNamed(path(root, 'types', 'pous') ?? { ...root, children: [] }, 'pou'), ...codesysData(root, 'pou').filter((p) => p.local === 'pou')];
    for (const pou of pous) if (pou.attrs['pouType'] === 'function') this.functions.add((pou.attrs['name'] ?? '').toUpperCase());
    for (const pou of pous) this.pou(pou);
    const gvls = [...codesysData(root, 'globalvars')];
    for (const cfg of childrenNamed(path(root, 'instances', 'configurations') ?? { ...root, children: [] }, 'configuration')) {
      gvls.push(...childrenNamed(cfg, 'globalVars'));
      for (const res of childrenNamed(cfg, 'resource')) gvls.push(...childrenNamed(res, 'globalVars'));
    }
    for (const g of gvls.filter((g) => g.local === 'globalVars')) this.gvl(g);
    if (this.result.sources.length === 0) {
      this.diagnostics.push(diag('FMT1204', spanOf(this.doc.file, root), `${this.doc.file}: no POUs, data types or global variables found`));
    }
  }

  private dataType(el: XmlElement): void {
    const st = this.types.dataType(el);
    if (st === null) return;
    const out = new Emitter(this.doc, this.diagnostics);
    out.generated(st, el.start);
    this.result.sources.push(out.build());
  }

  private gvl(el: XmlElement): void {
    const out = new Emitter(this.doc, this.diagnostics);
    this.section(out, el, 'VAR_GLOBAL');
    this.result.gvlNames!.push({ source: this.result.sources.length, name: el.attrs['name'] ?? '', span: spanOf(this.doc.file, el) });
    this.result.sources.push(out.build());
  }

  private section(out: Emitter, el: XmlElement, keyword: string): void {
    const quals = QUALIFIERS.filter(([attr]) => el.attrs[attr] === 'true' || el.attrs[attr] === '1').map(([, q]) => ` ${q}`).join('');
    out.generated(`${keyword}${quals}\n${this.types.variables(el, '    ')}END_VAR\n`, el.start);
  }

  private interfaceOf(out: Emitter, iface: XmlElement | undefined): void {
    for (const s of iface?.children ?? []) {
      const keyword = SECTIONS[s.local];
      if (keyword) this.section(out, s, keyword);
    }
  }

  private pou(el: XmlElement): void {
    const name = el.attrs['name'];
    const kind = POU_KINDS[el.attrs['pouType'] ?? ''];
    if (!name || !kind) {
      this.diagnostics.push(diag('FMT1202', spanOf(this.doc.file, el), `${this.doc.file}: <pou> needs a name and a pouType of program, functionBlock or function`));
      return;
    }
    const iface = child(el, 'interface');
    const types = declaredTypes(iface);
    const body = this.readBody(child(el, 'body'), name, types, '_il');
    const actions = childrenNamed(child(el, 'actions') ?? { ...el, children: [] }, 'action').map((a, i) => ({
      a,
      body: this.readBody(child(a, 'body'), `${name}.${a.attrs['name'] ?? ''}`, types, `_il_a${i + 1}`),
    }));
    const methods = codesysData(el, 'method').filter((m) => m.local === 'Method' || m.local === 'method');

    const out = new Emitter(this.doc, this.diagnostics);
    out.generated(`${kind} ${name}${this.returnType(iface, kind)}\n`, el.start);
    this.interfaceOf(out, iface);
    const temporaries = [body, ...actions.map((x) => x.body)].flatMap((b) => b?.translation?.temporaries ?? []);
    if (temporaries.length) {
      // Edge triggers must keep their state between scans, so they are instance variables, not VAR_TEMP.
      const isFb = (t: string): boolean => /^[RF]_TRIG$/i.test(t);
      const block = (kw: string, list: typeof temporaries): string => (list.length ? `${kw}\n${list.map((t) => `    ${t.name} : ${t.type};\n`).join('')}END_VAR\n` : '');
      out.generated(block('VAR', temporaries.filter((t) => isFb(t.type))) + block('VAR_TEMP', temporaries.filter((t) => !isFb(t.type))), child(el, 'body')?.start ?? el.start);
    }
    this.emitBody(out, body);
    for (const m of methods) this.method(out, m, types);
    for (const { a, body: ab } of actions) {
      out.newline(a.start);
      out.generated(`ACTION ${a.attrs['name'] ?? ''}:\n`, a.start);
      this.emitBody(out, ab);
      out.newline(a.end);
      out.generated('END_ACTION\n', a.end);
    }
    out.newline(el.end);
    out.generated(`END_${kind}\n`, el.end);
    this.result.sources.push(out.build());
  }

  private method(out: Emitter, m: XmlElement, outer: Map<string, string>): void {
    const iface = child(m, 'interface');
    const types = new Map([...outer, ...declaredTypes(iface)]);
    out.newline(m.start);
    out.generated(`METHOD ${m.attrs['name'] ?? ''}${this.returnType(iface, 'FUNCTION')}\n`, m.start);
    this.interfaceOf(out, iface);
    this.emitBody(out, this.readBody(child(m, 'body'), m.attrs['name'] ?? 'method', types, '_il_m'));
    out.newline(m.end);
    out.generated('END_METHOD\n', m.end);
  }

  private returnType(iface: XmlElement | undefined, kind: string): string {
    const ret = iface && child(iface, 'returnType');
    if (!ret) return '';
    const t = this.types.typeOf(ret, ret);
    return t === null || kind !== 'FUNCTION' ? '' : ` : ${t}`;
  }

  private readBody(bodyEl: XmlElement | undefined, pou: string, types: Map<string, string>, tempPrefix: string): ReadBody | null {
    const lang = bodyEl?.children.find((c) => c.local !== 'documentation' && c.local !== 'addData');
    if (!bodyEl || !lang) return null;
    // TC6 wraps ST in <xhtml:p>; CODESYS in <xhtml xmlns=...>; some tools put the text straight into <ST>.
    if (lang.local === 'ST') return { el: lang, kind: 'st', stText: lang.children[0] ?? lang };
    if (lang.local === 'LD' || lang.local === 'FBD') {
      const network = readPlcopenNetwork(this.doc, lang, pou, this.diagnostics);
      const { translation, diagnostics } = translateNetworkBody(network);
      this.diagnostics.push(...diagnostics);
      const ladder: LadderBody = { file: this.doc.file, pou, language: network.language, translation, span: spanOf(this.doc.file, lang) };
      this.result.ladders.push(ladder);
      return { el: lang, kind: 'ladder', translation };
    }
    if (lang.local === 'IL') return this.il(lang, pou, types, tempPrefix);
    this.diagnostics.push(diag('FMT1201', spanOf(this.doc.file, lang), `${this.doc.file}: the body of ${pou} is written in ${lang.local}, which is not read yet; it is treated as empty`));
    return { el: lang, kind: 'none' };
  }

  /** An IL body: its text (CDATA or entity-escaped) is translated to ST, each line anchored at its IL line. */
  private il(lang: XmlElement, pou: string, types: Map<string, string>, tempPrefix: string): ReadBody {
    const builder = new MappedSourceBuilder(this.doc.file);
    appendContent(builder, this.doc, lang.children[0] ?? lang, this.diagnostics);
    const text = builder.build();
    const { translation, diagnostics } = translateIl(text.text, this.doc.file, {
      typeOf: (n) => types.get(n.toUpperCase()),
      isFunction: (n) => this.functions.has(n.toUpperCase()),
      tempPrefix,
    });
    this.diagnostics.push(...diagnostics.map((d) => text.mapDiagnostic(d)));
    translation.lines = translation.lines.map((o) => ({ ...o, span: text.mapSpan(o.span) }));
    this.result.ladders.push({ file: this.doc.file, pou, language: 'IL', translation, span: spanOf(this.doc.file, lang) });
    return { el: lang, kind: 'ladder', translation };
  }

  private emitBody(out: Emitter, body: ReadBody | null): void {
    if (!body) return;
    if (body.kind === 'st' && body.stText) {
      out.newline(body.stText.start);
      out.content(body.stText);
    } else if (body.kind === 'ladder' && body.translation) {
      const lines = body.translation.st.split('\n');
      body.translation.lines.forEach((origin, i) => out.generated(`${lines[i]}\n`, origin.span.start));
    }
  }
}

/** Declared type names of an interface's variables, by upper-cased name: elementary, derived or the kind (ARRAY). */
function declaredTypes(iface: XmlElement | undefined): Map<string, string> {
  const out = new Map<string, string>();
  for (const section of iface?.children ?? []) {
    for (const v of childrenNamed(section, 'variable')) {
      const spec = child(v, 'type')?.children.find((c) => c.local !== 'documentation' && c.local !== 'addData');
      if (!spec || !v.attrs['name']) continue;
      out.set(v.attrs['name'].toUpperCase(), spec.local === 'derived' ? (spec.attrs['name'] ?? 'derived') : spec.local.toUpperCase());
    }
  }
  return out;
}
