import { diag } from '../diagnostics/catalog.js';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { ROCKWELL_BUILTIN_TYPES } from '../ladder/rockwell-types.js';
import type { AoiSignature, AoiTable } from '../ladder/rll-instructions.js';
import { hasErrors, parseRung } from '../ladder/rll-parser.js';
import { joinTranslations, translateRung, untranslatedRung } from '../ladder/rll-to-st.js';
import type { LadderTranslation } from '../ladder/translation.js';
import { MappedSourceBuilder, type MappedSource } from '../source/mapped-source.js';
import type { RaAoi, RaProgram, RaProject, RaRoutine, RaTag, RllBody } from './rockwell-project.js';

/** One stretch of a routine body: verbatim container text (ST lines) or generated ST (translated rungs). */
interface Piece {
  text: string;
  at: number;
  verbatim: boolean;
}

interface RoutineBody {
  pieces: Piece[];
  temporaries: { name: string; type: string }[];
}

/** Logix types whose IEC spelling differs; everything else (DINT, REAL, TIMER, user types) is kept. */
function iecType(tag: RaTag): string {
  const t = tag.type.toUpperCase();
  const base = t === 'BIT' ? 'BOOL' : t === 'STRING' ? 'STRING[82]' : tag.type;
  const dims = tag.dims.filter((n) => n > 0);
  return dims.length ? `ARRAY[${dims.map((n) => `0..${n - 1}`).join(', ')}] OF ${base}` : base;
}

const DEFAULT_VALUES = new Set(['0', 'FALSE', '0.0']);

const isEnableParam = (name: string): boolean => /^(EnableIn|EnableOut)$/i.test(name);

export function aoiTable(aois: RaAoi[]): AoiTable {
  const table = new Map<string, AoiSignature>();
  for (const a of aois) {
    const required = a.params
      .filter((p) => (p.required || p.usage === 'InOut') && !isEnableParam(p.name))
      .map((p) => ({ name: p.name, usage: p.usage ?? 'Input' }));
    table.set(a.name.toUpperCase(), { name: a.name, required });
  }
  return table;
}

/**
 * Turns the project model into ST units: one TYPE unit for the user data types, a FUNCTION_BLOCK per AOI, a
 * VAR_GLOBAL unit for controller tags and a PROGRAM per program (main routine as body, the others as actions so
 * JSR can call them). RLL rungs are translated; ST lines are copied byte for byte so offsets map exactly.
 */
export function emitProject(p: RaProject, diagnostics: Diagnostic[]): { sources: MappedSource[]; ladders: RllBody[] } {
  const file = p.file;
  const sources: MappedSource[] = [];
  const ladders: RllBody[] = [];
  const aois = aoiTable(p.aois);
  const globalTypes = new Map(p.tags.map((t) => [t.name.toUpperCase(), t.type]));

  const varBlock = (b: MappedSourceBuilder, keyword: string, tags: RaTag[], anchor: number): void => {
    const declared = tags.filter((t) => {
      if (t.alias === null) return true;
      diagnostics.push(diag('FMT2005', { file, start: t.start, end: t.start }, `alias tag ${t.name} (for ${t.alias}) is not declared in the ST`));
      return false;
    });
    if (!declared.length) return;
    b.generated(`${keyword}\n`, anchor);
    for (const t of declared) {
      // Type defaults are left out so L5X (which often omits them) and L5K (which always writes them) agree.
      const init = t.init && !DEFAULT_VALUES.has(t.init) && keyword !== 'VAR_IN_OUT' ? ` := ${t.init}` : '';
      b.generated(`  ${t.name} : ${iecType(t)}${init};\n`, t.start);
    }
    b.generated('END_VAR\n', anchor);
  };

  const routineBody = (r: RaRoutine, pou: string, tempPrefix: (n: number) => string, types: Map<string, string>): RoutineBody => {
    if (r.protected) {
      diagnostics.push(diag('FMT2008', { file, start: r.start, end: r.start }, `routine ${r.name} is source protected; its logic is not read`));
      return { pieces: [], temporaries: [] };
    }
    if (r.type === 'ST') {
      const pieces = r.lines.flatMap((l) => [{ text: l.text, at: l.start, verbatim: l.verbatim }, { text: '\n', at: l.start, verbatim: false }]);
      return { pieces, temporaries: [] };
    }
    if (r.type !== 'RLL') {
      diagnostics.push(diag('FMT2004', { file, start: r.start, end: r.start }, `routine ${r.name} is ${r.type}; only RLL and ST routines are read`));
      return { pieces: [], temporaries: [] };
    }
    const parts: LadderTranslation[] = [];
    for (const src of r.rungs) {
      const parsed = parseRung({ file, text: src.text, base: src.start, number: src.number, comment: src.comment, aois });
      const own = parsed.diagnostics.map((d) => (src.verbatim ? d : { ...d, span: { file, start: src.start, end: src.start } }));
      diagnostics.push(...own);
      if (hasErrors(parsed.diagnostics)) {
        parts.push(untranslatedRung(parsed.rung));
        continue;
      }
      const t = translateRung(parsed.rung, { aois, typeOf: (root) => types.get(root), tempPrefix: tempPrefix(src.number) });
      diagnostics.push(...t.diagnostics);
      parts.push(t.translation);
    }
    const translation = joinTranslations(parts);
    const first = r.rungs[0];
    const last = r.rungs[r.rungs.length - 1];
    const span = { file, start: first?.start ?? r.start, end: last ? last.start + last.text.length : r.start };
    ladders.push({ file, pou, language: 'RLL', translation, span });
    const pieces = translation.st === '' ? [] : translation.st.split('\n').map((text, i) => ({ text: `${text}\n`, at: translation.lines[i]?.span.start ?? r.start, verbatim: false }));
    return { pieces, temporaries: translation.temporaries };
  };

  const append = (b: MappedSourceBuilder, pieces: Piece[]): void => {
    for (const x of pieces) {
      if (x.verbatim) b.verbatim(x.text, x.at);
      else b.generated(x.text, x.at);
    }
  };

  /** Body routine first, then every other routine as an action; returns all temporaries. */
  const routines = (owner: string, main: RaRoutine | undefined, rest: RaRoutine[], types: Map<string, string>) => {
    const mainBody = main ? routineBody(main, owner, (n) => `_r${n}`, types) : { pieces: [], temporaries: [] };
    const actions = rest.map((r) => ({ r, body: routineBody(r, `${owner}.${r.name}`, (n) => `_${r.name}_r${n}`, types) }));
    const temps = [...mainBody.temporaries, ...actions.flatMap((a) => a.body.temporaries)];
    return { mainBody, actions, temps };
  };

  const emitBodyAndActions = (b: MappedSourceBuilder, r: ReturnType<typeof routines>): void => {
    append(b, r.mainBody.pieces);
    for (const a of r.actions) {
      b.generated(`ACTION ${a.r.name}:\n`, a.r.start);
      append(b, a.body.pieces);
      b.generated('END_ACTION\n', a.r.start);
    }
  };

  const temporaries = (b: MappedSourceBuilder, temps: { name: string; type: string }[], anchor: number): void => {
    if (!temps.length) return;
    // VAR rather than VAR_TEMP: actions share them with the body, and each is written before it is read.
    b.generated('VAR\n', anchor);
    for (const t of temps) b.generated(`  ${t.name} : ${t.type};\n`, anchor);
    b.generated('END_VAR\n', anchor);
  };

  const userTypes = p.dataTypes.filter((d) => !ROCKWELL_BUILTIN_TYPES.has(d.name.toUpperCase()));
  if (userTypes.length) {
    const b = new MappedSourceBuilder(file);
    b.generated('TYPE\n', userTypes[0]!.start);
    for (const d of userTypes) {
      b.generated(`  ${d.name} : STRUCT\n`, d.start);
      for (const m of d.members) b.generated(`    ${m.name} : ${iecType(m)};\n`, m.start);
      b.generated('  END_STRUCT;\n', d.start);
    }
    b.generated('END_TYPE\n', userTypes[userTypes.length - 1]!.start);
    sources.push(b.build());
  }

  for (const a of p.aois) sources.push(emitAoi(a));

  if (p.tags.length) {
    const b = new MappedSourceBuilder(file);
    varBlock(b, 'VAR_GLOBAL', p.tags, p.tags[0]!.start);
    if (b.build().text) sources.push(b.build());
  }

  for (const prog of p.programs) sources.push(emitProgram(prog));
  return { sources, ladders };

  function emitAoi(a: RaAoi): MappedSource {
    const b = new MappedSourceBuilder(file);
    // Logix runs an AOI with EnableIn true when nothing drives it (an ST call without EnableIn).
    const params = a.params.map((x) => (/^EnableIn$/i.test(x.name) ? { ...x, init: 'TRUE' } : x));
    if (!params.some((x) => /^EnableIn$/i.test(x.name))) params.unshift({ ...blank('EnableIn', a.start), usage: 'Input', init: 'TRUE' });
    if (!params.some((x) => /^EnableOut$/i.test(x.name))) params.splice(1, 0, { ...blank('EnableOut', a.start), usage: 'Output' });
    const types = new Map([...globalTypes, ...[...params, ...a.locals].map((t) => [t.name.toUpperCase(), t.type] as const)]);
    const logic = a.routines.find((r) => /^Logic$/i.test(r.name));
    const r = routines(a.name, logic, a.routines.filter((x) => x !== logic), types);
    if (a.protected) diagnostics.push(diag('FMT2008', { file, start: a.start, end: a.start }, `Add-On Instruction ${a.name} is source protected; its logic is not read`));
    b.generated(`FUNCTION_BLOCK ${a.name}\n`, a.start);
    varBlock(b, 'VAR_INPUT', params.filter((x) => x.usage === 'Input'), a.start);
    varBlock(b, 'VAR_OUTPUT', params.filter((x) => x.usage === 'Output'), a.start);
    varBlock(b, 'VAR_IN_OUT', params.filter((x) => x.usage === 'InOut'), a.start);
    varBlock(b, 'VAR', a.locals, a.start);
    temporaries(b, r.temps, a.start);
    // Logix scans the Logic routine only while EnableIn is true and mirrors EnableIn to EnableOut.
    b.generated('EnableOut := EnableIn;\nIF NOT EnableIn THEN\n  RETURN;\nEND_IF;\n', a.start);
    emitBodyAndActions(b, r);
    b.generated('END_FUNCTION_BLOCK\n', a.start);
    return b.build();
  }

  function emitProgram(prog: RaProgram): MappedSource {
    const b = new MappedSourceBuilder(file);
    const types = new Map([...globalTypes, ...prog.tags.map((t) => [t.name.toUpperCase(), t.type] as const)]);
    const main = prog.routines.find((r) => prog.main !== null && r.name.toUpperCase() === prog.main.toUpperCase());
    if (!main) {
      const what = prog.main ? `main routine ${prog.main} is not among its routines` : 'names no main routine';
      diagnostics.push(diag('FMT2007', { file, start: prog.start, end: prog.start }, `program ${prog.name} ${what}`));
    }
    const r = routines(prog.name, main, prog.routines.filter((x) => x !== main), types);
    b.generated(`PROGRAM ${prog.name}\n`, prog.start);
    varBlock(b, 'VAR', prog.tags, prog.start);
    temporaries(b, r.temps, prog.start);
    emitBodyAndActions(b, r);
    b.generated('END_PROGRAM\n', prog.start);
    return b.build();
  }
}

function blank(name: string, start: number): RaTag {
  return { name, type: 'BOOL', dims: [], alias: null, usage: null, required: false, init: null, start };
}
