import type { Diagnostic } from '../diagnostics/diagnostic.js';
import type { LadderBody } from '../formats/format-result.js';
import { ROCKWELL_TYPES_FILE, ROCKWELL_TYPES_ST } from '../ladder/rockwell-types.js';
import { MappedSource } from '../source/mapped-source.js';
import { SourceText } from '../source/source-text.js';
import type { CompilationUnit } from '../st/ast.js';
import type { Dialect } from '../st/dialect.js';
import { parseSt, type ParseResult } from '../st/parser.js';
import { readSourceFile, sourceFormat } from './read-source-file.js';

export interface ProjectFile {
  /** Path as it should appear in messages (relative to the site, or as given on the command line). */
  path: string;
  text: string;
}

export interface CompiledSource {
  /** Name the parser and checker saw: the file itself, or `file#n` for the n-th unit of a container. */
  virtualFile: string;
  source: MappedSource;
  parse: ParseResult;
}

export interface CompiledProject {
  sources: CompiledSource[];
  ladders: LadderBody[];
  /** Every diagnostic, mapped back to the real file, sorted by file and position. */
  diagnostics: Diagnostic[];
}

function fileStem(path: string): string | null {
  const stem = /([^/\\]+?)(\.[^./\\]*)?$/.exec(path)?.[1] ?? '';
  return /^[A-Za-z_]\w*$/.test(stem) ? stem : null;
}

export type Checker = (units: CompilationUnit[], options: { dialect: Dialect }) => Diagnostic[];

/**
 * Reads and parses every file of one project (a site) and, with a checker, checks them together so names
 * resolve across files. Pure: the caller reads the files. Never throws on user input.
 */
export function compileProject(files: readonly ProjectFile[], dialect: Dialect, checker?: Checker): CompiledProject {
  const sources: CompiledSource[] = [];
  const ladders: LadderBody[] = [];
  const diagnostics: Diagnostic[] = [];
  let rockwell = false;
  for (const f of files) {
    const read = readSourceFile(f.path, f.text);
    diagnostics.push(...read.diagnostics);
    ladders.push(...read.ladders);
    const fmt = sourceFormat(f.path, f.text);
    if (fmt === 'l5x' || fmt === 'l5k') rockwell = true;
    read.sources.forEach((source, i) => {
      const virtualFile = read.sources.length === 1 && fmt === 'st' ? f.path : `${f.path}#${i + 1}`;
      const d = fmt === 'st' && /\.scl$/i.test(f.path) ? 'scl' : dialect;
      const parse = parseSt(source.text, virtualFile, d);
      // A GVL is named by its container (TwinCAT GVL element) or, for an ST file, by the file, as the
      // engineering tools do when they export one object per file (GVL_IO.st holds GVL_IO).
      const gvlName = read.gvlNames?.find((g) => g.source === i)?.name ?? (fmt === 'st' ? fileStem(f.path) : null);
      if (gvlName) {
        for (const decl of parse.unit.declarations) {
          if (decl.kind === 'GlobalVars' && !decl.name) decl.name = { kind: 'Identifier', name: gvlName, quoting: 'plain', start: decl.start, end: decl.start };
        }
      }
      sources.push({ virtualFile, source, parse });
      diagnostics.push(...parse.diagnostics.map((x) => source.mapDiagnostic(x)));
    });
  }
  if (rockwell) {
    // Logix built-ins (TIMER, COUNTER, RA_* blocks) are declared once for the whole project.
    const source = MappedSource.identity(ROCKWELL_TYPES_FILE, ROCKWELL_TYPES_ST);
    sources.push({ virtualFile: ROCKWELL_TYPES_FILE, source, parse: parseSt(ROCKWELL_TYPES_ST, ROCKWELL_TYPES_FILE, 'codesys') });
  }
  if (checker) {
    const byVirtual = new Map(sources.map((s) => [s.virtualFile, s.source]));
    for (const d of checker(sources.map((s) => s.parse.unit), { dialect })) {
      const src = byVirtual.get(d.span.file);
      diagnostics.push(src ? src.mapDiagnostic(d) : d);
    }
  }
  diagnostics.sort((a, b) => (a.span.file < b.span.file ? -1 : a.span.file > b.span.file ? 1 : a.span.start - b.span.start));
  return { sources, ladders, diagnostics };
}

/** A position in a container file, found from a (virtual file, offset) the parser or checker reported. */
export interface ContainerPosition {
  file: string;
  line: number;
  column: number;
  source: SourceText;
}

/**
 * Maps (virtual file, offset) to the container file's line and column, over a project's offset maps and the
 * container texts; SourceTexts are built once per file. One mapper for every consumer of compiled positions.
 */
export function containerPositions(project: CompiledProject, texts: ReadonlyMap<string, string>): (virtualFile: string, offset: number) => ContainerPosition {
  const maps = new Map(project.sources.map((s) => [s.virtualFile, s.source]));
  const cache = new Map<string, SourceText>();
  return (virtualFile, offset) => {
    const src = maps.get(virtualFile);
    const file = src ? src.file : virtualFile;
    const at = src ? src.toFileOffset(offset) : offset;
    let source = cache.get(file);
    if (!source) cache.set(file, (source = new SourceText(file, texts.get(file) ?? '')));
    return { file, ...source.lineCol(at), source };
  };
}
