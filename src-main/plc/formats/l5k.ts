import { diag } from '../diagnostics/catalog.js';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { decodeL5kString, findWord, parseAttributes, skipParens, skipString, skipTrivia, statementEnd } from './l5k-scan.js';
import { emitProject } from './rockwell-emit.js';
import { emptyTag, scalarInit, type RaAoi, type RaDataType, type RaProgram, type RaProject, type RaRoutine, type RaTag, type RockwellResult } from './rockwell-project.js';

interface Block {
  word: string;
  name: string;
  attrs: Map<string, string>;
  start: number;
  bodyStart: number;
  /** Offset of the END_ keyword (or the region end when it is missing). */
  bodyEnd: number;
  next: number;
}

const ROUTINE_WORDS = new Set(['ROUTINE', 'ST_ROUTINE', 'FBD_ROUTINE', 'SFC_ROUTINE']);
/** Blocks whose END_ keyword must exist; other words open a block only when their END_ keyword follows. */
const KNOWN_BLOCKS = new Set([...ROUTINE_WORDS, 'DATATYPE', 'ADD_ON_INSTRUCTION_DEFINITION', 'TAG', 'PROGRAM', 'PARAMETERS', 'LOCAL_TAGS', 'MODULE', 'TASK']);

/**
 * Reads a Studio 5000 L5K text export into the same model as L5X. Blocks are found by their END_ keyword, never
 * by indentation; a damaged block is reported (FMT2006) and reading goes on after it.
 */
export function readL5k(file: string, text: string): RockwellResult {
  const diagnostics: Diagnostic[] = [];
  const r = new L5kReader(file, text, diagnostics);
  const project = r.project();
  if (!project) return { sources: [], ladders: [], diagnostics };
  const { sources, ladders } = emitProject(project, diagnostics);
  return { sources, ladders, diagnostics };
}

class L5kReader {
  constructor(
    private readonly file: string,
    private readonly text: string,
    private readonly diagnostics: Diagnostic[],
  ) {}

  private error(at: number, message: string): void {
    this.diagnostics.push(diag('FMT2006', { file: this.file, start: at, end: at }, message));
  }

  project(): RaProject | null {
    const at = findWord(this.text, 'CONTROLLER', 0, this.text.length);
    if (at < 0) {
      this.diagnostics.push(diag('FMT2003', { file: this.file, start: 0, end: 0 }, 'no CONTROLLER block: this is not an L5K export'));
      return null;
    }
    const ctl = this.block(at, this.text.length);
    const p: RaProject = { file: this.file, controller: ctl.name, dataTypes: [], aois: [], tags: [], programs: [], start: at };
    this.items(ctl, (b) => {
      if (b.word === 'DATATYPE') p.dataTypes.push(this.dataType(b));
      else if (b.word === 'ADD_ON_INSTRUCTION_DEFINITION') p.aois.push(this.aoi(b));
      else if (b.word === 'TAG') p.tags.push(...this.decls(b));
      else if (b.word === 'PROGRAM') p.programs.push(this.program(b));
    });
    return p;
  }

  /** Reads `WORD [name] [(attrs)]` at `at` and finds its END_WORD before `limit`. */
  private block(at: number, limit: number): Block {
    const t = this.text;
    const word = /^[A-Za-z_]\w*/.exec(t.slice(at, at + 64))?.[0] ?? '';
    let i = at + word.length;
    while (i < limit && (t[i] === ' ' || t[i] === '\t')) i++;
    const name = /^[A-Za-z_]\w*/.exec(t.slice(i, i + 200))?.[0] ?? '';
    i += name.length;
    const k = skipTrivia(t, i, limit);
    let attrs = new Map<string, string>();
    if (t[k] === '(') {
      const close = skipParens(t, k, limit);
      attrs = parseAttributes(t.slice(k + 1, close - 1));
      i = close;
    }
    const end = findWord(t, `END_${word}`, i, limit);
    if (end < 0) {
      this.error(at, `${word} ${name} is not closed with END_${word}`);
      return { word, name, attrs, start: at, bodyStart: i, bodyEnd: limit, next: limit };
    }
    return { word, name, attrs, start: at, bodyStart: i, bodyEnd: end, next: end + 4 + word.length };
  }

  /** Walks the blocks and statements inside `outer`, handing each block to `visit`; statements are skipped. */
  private items(outer: Block, visit: (b: Block) => void): void {
    const t = this.text;
    // Where each word's END_ keyword is next found: a file of many unknown statements stays linear.
    const ends = new Map<string, number>();
    const endOf = (word: string, from: number): number => {
      const known = ends.get(word);
      if (known !== undefined && (known < 0 || known >= from)) return known;
      const found = findWord(t, `END_${word}`, from, outer.bodyEnd);
      ends.set(word, found);
      return found;
    };
    let i = outer.bodyStart;
    while (i < outer.bodyEnd) {
      i = skipTrivia(t, i, outer.bodyEnd);
      if (i >= outer.bodyEnd) break;
      const word = /^[A-Za-z_]\w*/.exec(t.slice(i, i + 64))?.[0];
      if (!word) {
        this.error(i, `unexpected '${t[i]}'`);
        i = this.skipStatement(i, outer.bodyEnd);
        continue;
      }
      if (KNOWN_BLOCKS.has(word) || endOf(word, i) >= 0) {
        const b = this.block(i, outer.bodyEnd);
        visit(b);
        i = Math.max(b.next, i + 1);
      } else i = this.skipStatement(i, outer.bodyEnd);
    }
  }

  private skipStatement(i: number, end: number): number {
    const semi = statementEnd(this.text, i, end);
    if (semi >= 0) return semi + 1;
    const nl = this.text.indexOf('\n', i);
    return nl < 0 || nl >= end ? end : nl + 1;
  }

  private statements(b: Block): { text: string; start: number }[] {
    const out: { text: string; start: number }[] = [];
    let i = b.bodyStart;
    while (i < b.bodyEnd) {
      i = skipTrivia(this.text, i, b.bodyEnd);
      if (i >= b.bodyEnd) break;
      const semi = statementEnd(this.text, i, b.bodyEnd);
      if (semi < 0) {
        this.error(i, `statement in ${b.word} ${b.name} does not end with ';'`);
        break;
      }
      out.push({ text: this.text.slice(i, semi), start: i });
      i = semi + 1;
    }
    return out;
  }

  /** `Name : TYPE[dims] (attrs) := value` or `Name OF Target (attrs)`. */
  private decls(b: Block): RaTag[] {
    const out: RaTag[] = [];
    for (const s of this.statements(b)) {
      const m = /^([A-Za-z_]\w*)\s*(?::\s*([A-Za-z_][\w:]*)\s*(?:\[([^\]]*)\])?|\s+OF\s+([^\s(]+))/.exec(s.text);
      if (!m) {
        this.error(s.start, `cannot read the declaration '${s.text.slice(0, 40)}'`);
        continue;
      }
      const tag = emptyTag(m[1]!, m[2] ?? '', s.start);
      tag.dims = (m[3] ?? '').split(',').map((x) => Number(x.trim())).filter((n) => Number.isInteger(n) && n > 0);
      if (m[4]) tag.alias = m[4];
      let rest = s.text.slice(m[0].length).trimStart();
      if (rest.startsWith('(')) {
        const close = skipParens(rest, 0, rest.length);
        const attrs = parseAttributes(rest.slice(1, close - 1));
        const usage = attrs.get('USAGE');
        if (usage === 'Input' || usage === 'Output' || usage === 'InOut') tag.usage = usage;
        tag.required = /^(yes|1|true)$/i.test(attrs.get('REQUIRED') ?? '');
        rest = rest.slice(close).trimStart();
      }
      if (rest.startsWith(':=') && !tag.dims.length) tag.init = initOf(tag.type, rest.slice(2).trim());
      out.push(tag);
    }
    return out;
  }

  private dataType(b: Block): RaDataType {
    const members: RaTag[] = [];
    for (const s of this.statements(b)) {
      const m = /^([A-Za-z_]\w*)\s+([A-Za-z_]\w*)\s*(?:\[(\d+)\])?/.exec(s.text);
      if (!m) {
        this.error(s.start, `cannot read the member '${s.text.slice(0, 40)}'`);
        continue;
      }
      // Hidden SINT hosts carry the packed BOOLs; their BIT members are what code names.
      if (/^ZZZZZZZZZZ/.test(m[2]!) || /Hidden\s*:=\s*1/i.test(s.text)) continue;
      members.push({ ...emptyTag(m[2]!, m[1]!, s.start), dims: m[3] ? [Number(m[3])] : [] });
    }
    return { name: b.name, members, start: b.start };
  }

  private aoi(b: Block): RaAoi {
    const a: RaAoi = { name: b.name, params: [], locals: [], routines: [], start: b.start, protected: false };
    this.items(b, (x) => {
      if (x.word === 'PARAMETERS') a.params.push(...this.decls(x));
      else if (x.word === 'LOCAL_TAGS') a.locals.push(...this.decls(x));
      else if (ROUTINE_WORDS.has(x.word)) a.routines.push(this.routine(x));
      else if (x.word === 'ENCODED_DATA') a.protected = true;
    });
    return a;
  }

  private program(b: Block): RaProgram {
    const p: RaProgram = { name: b.name, main: b.attrs.get('MAIN') ?? null, tags: [], routines: [], start: b.start };
    this.items(b, (x) => {
      if (x.word === 'TAG') p.tags.push(...this.decls(x));
      else if (ROUTINE_WORDS.has(x.word)) p.routines.push(this.routine(x));
    });
    return p;
  }

  private routine(b: Block): RaRoutine {
    const type = b.word === 'ROUTINE' ? 'RLL' : b.word.slice(0, b.word.indexOf('_'));
    const r: RaRoutine = { name: b.name, type, rungs: [], lines: [], start: b.start, protected: false };
    const t = this.text;
    if (type === 'ST') {
      // Each ST line is written after a `'`; what follows it is the line, byte for byte.
      let i = b.bodyStart;
      while (i < b.bodyEnd) {
        const nl = t.indexOf('\n', i);
        const lineEnd = nl < 0 || nl > b.bodyEnd ? b.bodyEnd : nl;
        let q = i;
        while (q < lineEnd && (t[q] === ' ' || t[q] === '\t')) q++;
        if (t[q] === "'") {
          const end = t[lineEnd - 1] === '\r' ? lineEnd - 1 : lineEnd;
          r.lines.push({ text: t.slice(q + 1, end), start: q + 1, verbatim: true });
        }
        i = lineEnd + 1;
      }
    } else if (type === 'RLL') this.rungs(b, r);
    return r;
  }

  private rungs(b: Block, r: RaRoutine): void {
    const t = this.text;
    let comment: string | null = null;
    let i = b.bodyStart;
    while (i < b.bodyEnd) {
      i = skipTrivia(t, i, b.bodyEnd);
      if (i >= b.bodyEnd) break;
      if (t.startsWith('RC:', i)) {
        const q = skipTrivia(t, i + 3, b.bodyEnd);
        const close = t[q] === '"' ? skipString(t, q) : q;
        comment = close > q ? decodeL5kString(t.slice(q, close)) : null;
        i = this.skipStatement(close, b.bodyEnd);
      } else if (t.startsWith('N:', i)) {
        const start = skipTrivia(t, i + 2, b.bodyEnd);
        const semi = statementEnd(t, start, b.bodyEnd);
        const end = semi < 0 ? b.bodyEnd : semi + 1;
        r.rungs.push({ number: r.rungs.length, text: t.slice(start, end), start, verbatim: true, comment });
        comment = null;
        i = Math.max(end, i + 2);
      } else {
        this.error(i, `expected 'N:' or 'RC:' in ROUTINE ${b.name}`);
        i = this.skipStatement(i, b.bodyEnd);
      }
    }
  }
}

/** Scalars, and the PRE/ACC of `[control, PRE, ACC]` TIMER and COUNTER values. */
function initOf(type: string, value: string): string | null {
  const t = type.toUpperCase();
  if (t === 'TIMER' || t === 'COUNTER') {
    const m = /^\[\s*([^,\]]+),\s*([^,\]]+),\s*([^,\]]+)\s*\]$/.exec(value);
    if (!m) return null;
    const fields = [['PRE', m[2]!], ['ACC', m[3]!]].map(([k, v]) => [k, scalarInit('DINT', v!)] as const).filter(([, v]) => v !== null && v !== '0');
    return fields.length ? `(${fields.map(([k, v]) => `${k} := ${v}`).join(', ')})` : null;
  }
  return scalarInit(type, value);
}
