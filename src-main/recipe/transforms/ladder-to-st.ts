import type { SourceFile } from '../../fleet/site-sources.js';
import type { Diagnostic } from '../../plc/diagnostics/diagnostic.js';
import { readPlcopenNetwork } from '../../plc/formats/plcopen-network.js';
import { parseXmlSafely, type XmlDocument, type XmlElement } from '../../plc/formats/safe-xml.js';
import { child, childrenNamed } from '../../plc/formats/xml-content.js';
import { translateNetworkBody } from '../../plc/ladder/network-to-st.js';
import type { LadderTranslation } from '../../plc/ladder/translation.js';
import { sourceFormat } from '../../plc/project/read-source-file.js';
import { formatLadderSt, networkBlocks } from './ladder-body-st.js';
import { assignRungComments } from './ladder-rung-comments.js';
import { applyEdits, declareTemporaries, indentOf, stElement, type Temporary, type XmlEdit } from './ladder-xml-edits.js';
import type { Transform, TransformContext } from './transform.js';

/** What one file's conversion did: the new text, the bodies converted and those left in ladder with the reason. */
export interface LadderFileResult {
  text: string;
  converted: string[];
  skipped: { pou: string; reason: string }[];
}

interface LadderBodyRef {
  /** `Pou` or `Pou.Action`, as the language core names the body in its messages. */
  owner: string;
  lang: XmlElement;
}

const languageOf = (body: XmlElement | undefined): XmlElement | undefined => body?.children.find((c) => c.local !== 'documentation' && c.local !== 'addData');

/** Every `<pou>` of the project, under `<types><pous>` or in a CODESYS `<addData>` block. */
function pouElements(root: XmlElement): XmlElement[] {
  const found: XmlElement[] = [];
  const stack = [root];
  while (stack.length) {
    const el = stack.pop()!;
    if (el.local === 'pou') found.push(el);
    else for (let i = el.children.length - 1; i >= 0; i--) stack.push(el.children[i]!);
  }
  return found;
}

/** CODESYS methods live under the POU's addData; their bodies are read but their temporaries are not declared. */
function methodElements(pou: XmlElement): XmlElement[] {
  const out: XmlElement[] = [];
  const stack = childrenNamed(pou, 'addData');
  while (stack.length) {
    const el = stack.pop()!;
    if (el.local === 'Method' || el.local === 'method') out.push(el);
    else stack.push(...el.children);
  }
  return out;
}

function ladderBodies(pou: XmlElement, name: string): LadderBodyRef[] {
  const refs: LadderBodyRef[] = [];
  const lang = languageOf(child(pou, 'body'));
  if (lang?.local === 'LD') refs.push({ owner: name, lang });
  for (const a of childrenNamed(child(pou, 'actions') ?? { ...pou, children: [] }, 'action')) {
    const al = languageOf(child(a, 'body'));
    if (al?.local === 'LD') refs.push({ owner: `${name}.${a.attrs['name'] ?? ''}`, lang: al });
  }
  return refs;
}

function declaredNames(pou: XmlElement): Set<string> {
  const names = new Set<string>();
  for (const s of child(pou, 'interface')?.children ?? []) for (const v of childrenNamed(s, 'variable')) names.add((v.attrs['name'] ?? '').toUpperCase());
  return names;
}

type Translated = { translation: LadderTranslation; st: string } | { reason: string };

/**
 * The language core's own translation of one LD body, laid out per network. Any error or warning means the ST
 * would not say everything the drawing says (a dangling wire, an element with no ST form), so the body stays.
 */
function translateLadder(doc: XmlDocument, ref: LadderBodyRef): Translated {
  const diagnostics: Diagnostic[] = [];
  const network = readPlcopenNetwork(doc, ref.lang, ref.owner, diagnostics);
  const { translation, diagnostics: more } = translateNetworkBody(network);
  const problems = [...diagnostics, ...more].filter((d) => d.severity !== 'info');
  if (problems.length) {
    const rest = problems.length > 1 ? ` (and ${problems.length - 1} more)` : '';
    return { reason: `${problems[0]!.code} ${problems[0]!.message}${rest}` };
  }
  const blocks = networkBlocks(translation);
  const comments = assignRungComments(doc, ref.lang, blocks, []);
  return { translation, st: formatLadderSt(blocks, comments) };
}

function unitOf(doc: XmlDocument, lang: XmlElement): string {
  const outer = indentOf(doc.text, lang.start);
  const inner = lang.children.map((c) => indentOf(doc.text, c.start)).find((i) => i.length > outer.length && i.startsWith(outer));
  return inner ? inner.slice(outer.length) : '  ';
}

function convertDocument(doc: XmlDocument, result: LadderFileResult): XmlEdit[] {
  const eol = doc.text.includes('\r\n') ? '\r\n' : '\n';
  const edits: XmlEdit[] = [];
  for (const pou of pouElements(doc.root)) {
    const name = pou.attrs['name'] ?? '';
    for (const m of methodElements(pou)) {
      if (languageOf(child(m, 'body'))?.local === 'LD') result.skipped.push({ pou: `${name}.${m.attrs['name'] ?? ''}`, reason: 'ladder bodies of methods are not converted; convert the method by hand' });
    }
    const declared = declaredNames(pou);
    const temps: Temporary[] = [];
    for (const ref of ladderBodies(pou, name)) {
      const t = translateLadder(doc, ref);
      if ('reason' in t) {
        result.skipped.push({ pou: ref.owner, reason: t.reason });
        continue;
      }
      const clash = t.translation.temporaries.find((x) => declared.has(x.name.toUpperCase()) || temps.some((y) => y.name.toUpperCase() === x.name.toUpperCase()));
      if (clash) {
        result.skipped.push({ pou: ref.owner, reason: `the translation needs a variable ${clash.name}, which ${name} already declares` });
        continue;
      }
      temps.push(...t.translation.temporaries);
      edits.push({ start: ref.lang.start, end: ref.lang.end, text: stElement(doc, ref.lang, t.st, eol, unitOf(doc, ref.lang)) });
      result.converted.push(ref.owner);
    }
    const decl = declareTemporaries(doc, pou, temps, eol);
    if (decl) edits.push(decl);
  }
  return edits;
}

/**
 * Converts every LD body of a PLCopen XML file to an ST body holding the language core's translation, declaring
 * the translation's temporaries in the POU. Bytes outside the replaced bodies and the added declarations stay as
 * they were. Never throws: a file that does not parse, or a body that cannot be translated, is left and named.
 */
export function convertLadderFile(path: string, text: string): LadderFileResult {
  const result: LadderFileResult = { text, converted: [], skipped: [] };
  if (sourceFormat(path, text) !== 'plcopen') return result;
  const parsed = parseXmlSafely(path, text);
  if (!parsed.doc) {
    // A broken file is worth a word only when it may hold ladder; the compile stage reports it anyway.
    if (/<LD\b/.test(text)) result.skipped.push({ pou: '(file)', reason: parsed.diagnostics[0]?.message ?? 'the XML does not parse' });
    return result;
  }
  try {
    const edits = convertDocument(parsed.doc, result);
    return { ...result, text: applyEdits(text, edits) };
  } catch (err) {
    return { text, converted: [], skipped: [{ pou: '(file)', reason: `conversion failed, file left as it was: ${err instanceof Error ? err.message : String(err)}` }] };
  }
}

/**
 * LD bodies become ST that reads like the ladder did: one commented block per network, in execution order. The
 * translation is the one the compiler and the simulator already run, so behaviour cannot drift; what is left in
 * ladder is reported, not guessed at.
 */
export const ladderToSt: Transform = {
  id: 'ladder-to-st',
  description: 'Replaces each ladder (LD) body of a PLCopen XML POU with the equivalent Structured Text, one commented block per network.',
  apply(files: readonly SourceFile[], ctx: TransformContext): SourceFile[] {
    const changed: SourceFile[] = [];
    for (const f of files) {
      const r = convertLadderFile(f.path, f.text);
      for (const s of r.skipped) ctx.report?.({ path: f.path, message: `${s.pou} left in ladder: ${s.reason}` });
      if (r.text !== f.text) changed.push({ path: f.path, text: r.text });
    }
    return changed;
  },
};
