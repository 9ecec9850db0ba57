import type { VarSym } from '../plc/check/symbols.js';
import type { CaseLabel, Expression, Statement } from '../plc/st/ast.js';
import { genCallStatement } from './gen-calls.js';
import type { GenContext, PouGen } from './gen-context.js';
import { genExpr, lvalue } from './gen-expr.js';
import { convert, isBig, reprOf, wrap, type Repr } from './repr.js';

function hasLabel(list: readonly Statement[]): boolean {
  return list.some((s) => s.kind === 'Label');
}

/**
 * Statements to JS. A list that holds labels becomes a `switch` inside a labelled loop, so `JMP` is
 * `pc = n; continue`: IEC jumps stay inside their POU, and JS has no goto.
 */
export function genStatements(g: GenContext, pg: PouGen, list: readonly Statement[], ind: string, jump: JumpScope | null = null): string {
  if (hasLabel(list)) return genWithLabels(g, pg, list, ind);
  return list.map((s) => genStatement(g, pg, s, ind, jump)).join('');
}

interface JumpScope {
  loop: string;
  pc: string;
  labels: Map<string, number>;
}

function genWithLabels(g: GenContext, pg: PouGen, list: readonly Statement[], ind: string): string {
  const loop = g.temp('jl');
  const pc = g.temp('pc');
  const labels = new Map<string, number>();
  let n = 0;
  for (const s of list) if (s.kind === 'Label') labels.set(s.label.name.toUpperCase(), ++n);
  const scope: JumpScope = { loop, pc, labels };
  let out = `${ind}let ${pc} = 0;\n${ind}${loop}: for (;;) {\n${ind}  rt.tick(${g.site(pg.label, pg.file, list[0]!.start)});\n${ind}  switch (${pc}) {\n${ind}    case 0:\n`;
  for (const s of list) {
    if (s.kind === 'Label') out += `${ind}    case ${labels.get(s.label.name.toUpperCase())}:\n`;
    else out += genStatement(g, pg, s, ind + '      ', scope);
  }
  return `${out}${ind}  }\n${ind}  break;\n${ind}}\n`;
}

function cond(g: GenContext, pg: PouGen, e: Expression): string {
  const c = genExpr(g, pg, e);
  return convert(c.code, c.repr, 'bool');
}

function caseTest(g: GenContext, pg: PouGen, sel: string, selRepr: Repr, l: CaseLabel): string {
  const lit = (e: Expression): string => {
    const c = genExpr(g, pg, e);
    return convert(c.code, c.repr, selRepr === 'enum' ? 'i32' : selRepr);
  };
  if (l.kind === 'CaseRange') return `(${sel} >= ${lit(l.lo)} && ${sel} <= ${lit(l.hi)})`;
  return `${sel} === ${lit(l)}`;
}

export function genStatement(g: GenContext, pg: PouGen, s: Statement, ind: string, jump: JumpScope | null): string {
  const body = (list: readonly Statement[]): string => genStatements(g, pg, list, ind + '  ', jump);
  switch (s.kind) {
    case 'Assign': {
      const lv = lvalue(g, pg, s.target);
      if (!lv) return `${ind}${g.unsupported(pg.file, s.start, 'this assignment target')};\n`;
      const v = genExpr(g, pg, s.value);
      const to = reprOf(lv.type);
      if (s.op === 'S=' || s.op === 'R=') return `${ind}if (${convert(v.code, v.repr, 'bool')}) ${lv.write(s.op === 'S=' ? 'true' : 'false')};\n`;
      if (s.op === 'REF=') {
        const target = s.target.kind === 'Name' ? (g.symbolOf(s.target.id) as VarSym | undefined) : undefined;
        const st = target ? pg.storage.get(target) : undefined;
        const src = lvalue(g, pg, s.value);
        if (st?.kind !== 'ref' || !src) return `${ind}${g.unsupported(pg.file, s.start, 'this REF= assignment')};\n`;
        return `${ind}${st.holder} = ${src.ref};\n`;
      }
      if (s.op === '?=') return `${ind}${g.unsupported(pg.file, s.start, 'the ?= assignment')};\n`;
      let val = convert(v.code, v.repr, to);
      const t = lv.type;
      if (t?.kind === 'string' && !t.literal) val = `rt.fit(${val}, ${t.length})`;
      if (t?.kind === 'subrange') val = `Math.min(Math.max(${val}, ${t.lo}), ${t.hi})`;
      return `${ind}${lv.write(val)};\n`;
    }
    case 'CallStmt':
      return `${ind}${genCallStatement(g, pg, s.call)}\n`;
    case 'If':
      return (
        s.branches.map((b, i) => `${ind}${i === 0 ? 'if' : '} else if'} (${cond(g, pg, b.cond)}) {\n${body(b.body)}`).join('') +
        (s.elseBody ? `${ind}} else {\n${body(s.elseBody)}` : '') +
        `${ind}}\n`
      );
    case 'Case': {
      const sel = genExpr(g, pg, s.selector);
      const v = g.temp('sel');
      const sr = sel.repr === 'litint' ? 'i32' : sel.repr;
      let out = `${ind}{ const ${v} = ${sel.code};\n`;
      s.branches.forEach((b, i) => {
        out += `${ind}${i === 0 ? 'if' : '} else if'} (${b.labels.map((l) => caseTest(g, pg, v, sr, l)).join(' || ')}) {\n${body(b.body)}`;
      });
      if (s.elseBody) out += s.branches.length ? `${ind}} else {\n${body(s.elseBody)}${ind}}\n` : body(s.elseBody);
      else if (s.branches.length) out += `${ind}}\n`;
      return `${out}${ind}}\n`;
    }
    case 'For': {
      const lv = lvalue(g, pg, s.variable);
      if (!lv) return `${ind}${g.unsupported(pg.file, s.start, 'this FOR variable')};\n`;
      const r = reprOf(lv.type);
      const from = genExpr(g, pg, s.from);
      const to = genExpr(g, pg, s.to);
      const by = s.by ? genExpr(g, pg, s.by) : null;
      const end = g.temp('end');
      const step = g.temp('step');
      const site = g.site(pg.label, pg.file, s.start);
      const one = isBig(r) ? '1n' : '1';
      const zero = isBig(r) ? '0n' : '0';
      // Bounds are evaluated once, before the first iteration; as on a PLC, a loop whose end is the type's
      // maximum wraps around and never ends, and the watchdog stops it.
      return (
        `${ind}{ const ${end} = ${convert(to.code, to.repr, r)}; const ${step} = ${by ? convert(by.code, by.repr, r) : one};\n` +
        `${ind}for (${lv.write(convert(from.code, from.repr, r))}; ${step} >= ${zero} ? ${lv.read} <= ${end} : ${lv.read} >= ${end}; ${lv.write(wrap(`${lv.read} + ${step}`, r))}) {\n` +
        `${ind}  rt.tick(${site});\n${genStatements(g, pg, s.body, ind + '  ', jump)}${ind}}\n${ind}}\n`
      );
    }
    case 'While':
      return `${ind}while (${cond(g, pg, s.cond)}) {\n${ind}  rt.tick(${g.site(pg.label, pg.file, s.start)});\n${body(s.body)}${ind}}\n`;
    case 'Repeat':
      return `${ind}do {\n${ind}  rt.tick(${g.site(pg.label, pg.file, s.start)});\n${body(s.body)}${ind}} while (!(${cond(g, pg, s.until)}));\n`;
    case 'Exit':
      return `${ind}break;\n`;
    case 'Continue':
      return `${ind}continue;\n`;
    case 'Return':
      return `${ind}return${pg.result ? ' ' + pg.result : ''};\n`;
    case 'Jmp': {
      const target = jump?.labels.get(s.label.name.toUpperCase());
      if (!jump || target === undefined) return `${ind}${g.unsupported(pg.file, s.start, 'a JMP to a label outside its statement list')};\n`;
      return `${ind}${jump.pc} = ${target}; continue ${jump.loop};\n`;
    }
    case 'Region':
      return body(s.body);
    case 'Empty':
    case 'Label':
      return '';
    case 'RawC':
      return `${ind}${g.unsupported(pg.file, s.start, 'a raw C block {{ }}')};\n`;
    case 'ErrorStmt':
      return `${ind}${g.unsupported(pg.file, s.start, 'a statement with syntax errors')};\n`;
  }
}
