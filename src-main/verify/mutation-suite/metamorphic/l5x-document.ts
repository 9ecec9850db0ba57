import { parseRung } from '../../../plc/ladder/rll-parser.js';
import type { RungElement } from '../../../plc/ladder/rung.js';
import { sourceFormat } from '../../../plc/project/read-source-file.js';
import { parseXmlSafely, type XmlDocument, type XmlElement } from '../../../plc/formats/safe-xml.js';
import { child, childrenNamed, contentPieces, startTagEnd } from '../../../plc/formats/xml-content.js';
import type { SiteContext } from './site-context.js';

/**
 * A Studio 5000 L5X export as the ladder generators edit it: the repo's XML reader (safe-xml.ts) gives every
 * element's place in the file, the RLL parser (rll-parser.ts) gives each rung's instructions with file
 * offsets, so an edit names the exact bytes it changes and the rest of the export stays byte for byte.
 */

/** The content of a single-CDATA element (`<Text><![CDATA[...]]></Text>`): file offsets of the content. */
export interface Cdata {
  start: number;
  end: number;
  text: string;
}

export interface L5xTag {
  name: string;
  dataType: string;
  /** The program that declares it, or null for a controller tag. */
  program: string | null;
  alias: string | null;
  el: XmlElement;
}

export interface L5xRung {
  routine: L5xRoutine;
  /** Position in the routine (0-based); `number` is the exported Number attribute. */
  index: number;
  number: number;
  el: XmlElement;
  text: Cdata | null;
  commentEl: XmlElement | null;
  comment: Cdata | null;
  elements: RungElement[];
  /** The rung parsed without errors (only such rungs are edited). */
  ok: boolean;
}

export interface L5xRoutine {
  name: string;
  /** RLL, ST, FBD, SFC. */
  type: string;
  program: L5xProgram;
  el: XmlElement;
  rungs: L5xRung[];
  /** ST routines: each `<Line>`'s CDATA. */
  lines: Cdata[];
}

export interface L5xProgram {
  name: string;
  main: string | null;
  el: XmlElement;
  tagsEl: XmlElement | null;
  routines: L5xRoutine[];
}

export interface L5xDoc {
  path: string;
  text: string;
  xml: XmlDocument;
  eol: string;
  controllerTagsEl: XmlElement | null;
  tags: L5xTag[];
  programs: L5xProgram[];
}

/** The single CDATA section directly inside `el`, or null (entity-escaped text is not edited). */
export function cdataOf(xml: XmlDocument, el: XmlElement | null | undefined): Cdata | null {
  if (!el) return null;
  const pieces = contentPieces(xml, el).filter((p) => p.kind === 'cdata' || xml.text.slice(p.start, p.end).trim() !== '');
  const only = pieces.length === 1 ? pieces[0]! : null;
  return only && only.kind === 'cdata' ? { start: only.start, end: only.end, text: xml.text.slice(only.start, only.end) } : null;
}

function readTags(container: XmlElement | null, program: string | null): L5xTag[] {
  if (!container) return [];
  return childrenNamed(container, 'Tag').map((el) => ({
    name: el.attrs.Name ?? '',
    dataType: el.attrs.DataType ?? '',
    program,
    alias: el.attrs.TagType === 'Alias' ? (el.attrs.AliasFor ?? '') : null,
    el,
  }));
}

function readProgram(xml: XmlDocument, path: string, el: XmlElement): L5xProgram {
  const program: L5xProgram = { name: el.attrs.Name ?? '', main: el.attrs.MainRoutineName ?? null, el, tagsEl: child(el, 'Tags') ?? null, routines: [] };
  for (const r of childrenNamed(child(el, 'Routines') ?? el, 'Routine')) {
    const routine: L5xRoutine = { name: r.attrs.Name ?? '', type: (r.attrs.Type ?? '').toUpperCase(), program, el: r, rungs: [], lines: [] };
    if (routine.type === 'RLL') {
      childrenNamed(child(r, 'RLLContent') ?? r, 'Rung').forEach((g, index) => {
        const text = cdataOf(xml, child(g, 'Text'));
        const commentEl = child(g, 'Comment') ?? null;
        const n = Number(g.attrs.Number);
        const parsed = text ? parseRung({ file: path, text: text.text, base: text.start, number: n }) : null;
        routine.rungs.push({
          routine,
          index,
          number: Number.isInteger(n) ? n : index,
          el: g,
          text,
          commentEl,
          comment: cdataOf(xml, commentEl),
          elements: parsed?.rung.elements ?? [],
          ok: !!parsed && !parsed.diagnostics.some((d) => d.severity === 'error'),
        });
      });
    }
    if (routine.type === 'ST') routine.lines = childrenNamed(child(r, 'STContent') ?? r, 'Line').map((l) => cdataOf(xml, l) ?? { start: l.start, end: l.start, text: '' });
    program.routines.push(routine);
  }
  return program;
}

/** Reads one L5X file, or null when it is not a readable L5X export. */
export function readL5xDoc(path: string, text: string): L5xDoc | null {
  const { doc } = parseXmlSafely(path, text);
  if (!doc || doc.root.local !== 'RSLogix5000Content') return null;
  const controller = child(doc.root, 'Controller');
  if (!controller) return null;
  const controllerTagsEl = child(controller, 'Tags') ?? null;
  const programs = childrenNamed(child(controller, 'Programs') ?? controller, 'Program').map((p) => readProgram(doc, path, p));
  const tags = [...readTags(controllerTagsEl, null), ...programs.flatMap((p) => readTags(p.tagsEl, p.name))];
  return { path, text, xml: doc, eol: /\r\n/.test(text) ? '\r\n' : '\n', controllerTagsEl, tags, programs };
}

const cache = new WeakMap<SiteContext, L5xDoc[]>();

/** The site's L5X container files, read once per site. */
export function l5xDocs(ctx: SiteContext): L5xDoc[] {
  let docs = cache.get(ctx);
  if (!docs) {
    docs = [...ctx.files].filter(([p, t]) => sourceFormat(p, t) === 'l5x').flatMap(([p, t]) => readL5xDoc(p, t) ?? []);
    cache.set(ctx, docs);
  }
  return docs;
}

export const allRoutines = (doc: L5xDoc): L5xRoutine[] => doc.programs.flatMap((p) => p.routines);
export const allRungs = (doc: L5xDoc): L5xRung[] => allRoutines(doc).flatMap((r) => r.rungs);

/** Whether the site has ladder (RLL rungs) in an L5X export: the ladder generators apply. */
export const hasLadder = (ctx: SiteContext): boolean => l5xDocs(ctx).some((d) => allRungs(d).length > 0);

/** Offset just after an element's start tag. */
export const afterStartTag = (doc: L5xDoc, el: XmlElement): number => startTagEnd(doc.text, el);

/** The whitespace before `offset` on its line (the XML's own indentation; Studio 5000 writes none). */
export function indentBefore(text: string, offset: number): string {
  let i = offset;
  while (i > 0 && (text[i - 1] === ' ' || text[i - 1] === '\t')) i--;
  return i === 0 || text[i - 1] === '\n' || text[i - 1] === '\r' ? text.slice(i, offset) : '';
}
