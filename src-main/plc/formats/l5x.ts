import { diag } from '../diagnostics/catalog.js';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { emitProject } from './rockwell-emit.js';
import { emptyTag, scalarInit, type RaAoi, type RaDataType, type RaLine, type RaProgram, type RaRoutine, type RaRungText, type RaTag, type RockwellResult } from './rockwell-project.js';
import { parseXmlSafely, type XmlDocument, type XmlElement } from './safe-xml.js';
import { child, childrenNamed, contentPieces, path, textContent } from './xml-content.js';

const dimsOf = (raw: string | undefined): number[] =>
  (raw ?? '')
    .split(/[\s,]+/)
    .filter(Boolean)
    .map(Number)
    .filter((n) => Number.isInteger(n) && n > 0);

/**
 * Reads a Studio 5000 L5X export (RSLogix5000Content > Controller). The XML is parsed by safe-xml.ts, which
 * refuses DOCTYPE and bounds size and depth; CDATA offsets come from scanning the container text, so ST lines
 * and rung texts map back to the exact bytes of the file.
 */
export function readL5x(file: string, text: string): RockwellResult {
  const diagnostics: Diagnostic[] = [];
  const parsed = parseXmlSafely(file, text);
  diagnostics.push(...parsed.diagnostics);
  const doc = parsed.doc;
  if (!doc) return { sources: [], ladders: [], diagnostics };
  const controller = doc.root.local === 'RSLogix5000Content' ? child(doc.root, 'Controller') : undefined;
  if (!controller) {
    diagnostics.push(diag('FMT2003', { file, start: doc.root.start, end: doc.root.start }, `root element <${doc.root.name}> is not RSLogix5000Content with a Controller`));
    return { sources: [], ladders: [], diagnostics };
  }
  const r = new L5xReader(doc, diagnostics);
  const project = {
    file,
    controller: controller.attrs.Name ?? '',
    dataTypes: childrenNamed(child(controller, 'DataTypes') ?? controller, 'DataType').map((d) => r.dataType(d)),
    aois: r.aois(child(controller, 'AddOnInstructionDefinitions')),
    tags: r.tags(child(controller, 'Tags'), 'Tag'),
    programs: childrenNamed(child(controller, 'Programs') ?? controller, 'Program').map((p) => r.program(p)),
    start: controller.start,
  };
  const { sources, ladders } = emitProject(project, diagnostics);
  return { sources, ladders, diagnostics };
}

class L5xReader {
  constructor(
    private readonly doc: XmlDocument,
    private readonly diagnostics: Diagnostic[],
  ) {}

  private text(el: XmlElement | undefined): string {
    return el ? textContent(this.doc, el, this.diagnostics) : '';
  }

  /** The element's content as one stretch: verbatim when it is a single CDATA section (or plain text). */
  private located(el: XmlElement): { text: string; start: number; verbatim: boolean } {
    // Studio 5000 puts CDATA on its own line inside <Text> and <Line>; that surrounding whitespace is layout.
    const pieces = contentPieces(this.doc, el).filter((x) => x.kind === 'cdata' || this.doc.text.slice(x.start, x.end).trim() !== '');
    const only = pieces.length === 1 ? pieces[0]! : undefined;
    const raw = only ? this.doc.text.slice(only.start, only.end) : '';
    if (only && (only.kind === 'cdata' || !raw.includes('&'))) return { text: raw, start: only.start, verbatim: true };
    return { text: this.text(el).trim(), start: pieces[0]?.start ?? el.start, verbatim: false };
  }

  dataType(d: XmlElement): RaDataType {
    const members = childrenNamed(child(d, 'Members') ?? d, 'Member')
      // Logix packs BOOL members into hidden SINT hosts; the BIT members are what code refers to.
      .filter((m) => m.attrs.Hidden !== 'true')
      .map((m) => ({ ...emptyTag(m.attrs.Name ?? '', m.attrs.DataType ?? 'DINT', m.start), dims: dimsOf(m.attrs.Dimension) }));
    return { name: d.attrs.Name ?? '', members, start: d.start };
  }

  tags(container: XmlElement | undefined, name: string): RaTag[] {
    if (!container) return [];
    return childrenNamed(container, name).map((t) => {
      const tag: RaTag = { ...emptyTag(t.attrs.Name ?? '', t.attrs.DataType ?? '', t.start), dims: dimsOf(t.attrs.Dimensions) };
      if (t.attrs.TagType === 'Alias') tag.alias = t.attrs.AliasFor ?? '';
      const usage = t.attrs.Usage;
      if (usage === 'Input' || usage === 'Output' || usage === 'InOut') tag.usage = usage;
      tag.required = t.attrs.Required === 'true';
      if (!tag.dims.length) tag.init = this.initValue(t, tag.type);
      return tag;
    });
  }

  /** Scalar values and the scalar members of a structure (a TIMER's PRE), from the Decorated data format. */
  private initValue(t: XmlElement, type: string): string | null {
    const data = childrenNamed(t, 'Data').find((d) => d.attrs.Format === 'Decorated');
    const value = data && child(data, 'DataValue');
    if (value) return scalarInit(type, value.attrs.Value ?? '');
    const struct = data && child(data, 'Structure');
    if (!struct) {
      const def = t.attrs.DefaultData;
      return def !== undefined ? scalarInit(type, def) : null;
    }
    const fields = childrenNamed(struct, 'DataValueMember')
      .map((m) => ({ name: m.attrs.Name ?? '', v: scalarInit(m.attrs.DataType ?? '', m.attrs.Value ?? '') }))
      .filter((f) => f.v !== null && f.v !== '0' && f.v !== 'FALSE' && f.v !== '0.0' && /^[A-Za-z_]\w*$/.test(f.name));
    return fields.length ? `(${fields.map((f) => `${f.name} := ${f.v}`).join(', ')})` : null;
  }

  aois(container: XmlElement | undefined): RaAoi[] {
    if (!container) return [];
    return container.children
      .filter((a) => a.local === 'AddOnInstructionDefinition' || a.local === 'EncodedData')
      .map((a) => ({
        name: a.attrs.Name ?? '',
        params: this.tags(child(a, 'Parameters'), 'Parameter'),
        locals: this.tags(child(a, 'LocalTags'), 'LocalTag'),
        routines: this.routines(child(a, 'Routines')),
        start: a.start,
        protected: a.local === 'EncodedData',
      }));
  }

  program(p: XmlElement): RaProgram {
    return { name: p.attrs.Name ?? '', main: p.attrs.MainRoutineName ?? null, tags: this.tags(child(p, 'Tags'), 'Tag'), routines: this.routines(child(p, 'Routines')), start: p.start };
  }

  private routines(container: XmlElement | undefined): RaRoutine[] {
    if (!container) return [];
    return container.children
      .filter((r) => r.local === 'Routine' || r.local === 'EncodedData')
      .map((r) => {
        const type = (r.attrs.Type ?? '').toUpperCase();
        const routine: RaRoutine = { name: r.attrs.Name ?? '', type, rungs: [], lines: [], start: r.start, protected: r.local === 'EncodedData' };
        if (type === 'RLL') routine.rungs = childrenNamed(path(r, 'RLLContent') ?? r, 'Rung').map((g, i) => this.rung(g, i));
        if (type === 'ST') routine.lines = childrenNamed(path(r, 'STContent') ?? r, 'Line').map((l) => this.line(l));
        return routine;
      });
  }

  private rung(g: XmlElement, index: number): RaRungText {
    const textEl = child(g, 'Text');
    const loc = textEl ? this.located(textEl) : { text: '', start: g.start, verbatim: false };
    const n = Number(g.attrs.Number);
    const comment = child(g, 'Comment');
    return { number: Number.isInteger(n) ? n : index, text: loc.text, start: loc.start, verbatim: loc.verbatim, comment: comment ? this.text(comment).trim() : null };
  }

  private line(l: XmlElement): RaLine {
    return this.located(l);
  }
}
