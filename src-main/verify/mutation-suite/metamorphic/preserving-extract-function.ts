import { globToRegExp } from '../../../fleet/glob.js';
import { findAll } from '../../../plc/edit/codemod.js';
import type { Assign, Expression } from '../../../plc/st/ast.js';
import type { Attempt } from './attempt.js';
import type { Rng } from './random.js';
import { isBool, type PouInfo, type SiteContext } from './site-context.js';
import { NotEditable, type SiteEditor } from './site-editor.js';
import { freshName, isSafetyName } from './site-facts.js';

/** The operands of a pure boolean expression (names, members, bit and index reads), or null if it is not one. */
function operands(ctx: SiteContext, e: Expression): Expression[] | null {
  switch (e.kind) {
    case 'Binary':
      if (e.op !== 'AND' && e.op !== 'OR' && e.op !== 'XOR' && e.op !== 'AND_THEN' && e.op !== 'OR_ELSE') return null;
      return [operands(ctx, e.left), operands(ctx, e.right)].reduce<Expression[] | null>((a, b) => (a && b ? [...a, ...b] : null), []);
    case 'Unary':
      return e.op === 'NOT' ? operands(ctx, e.operand) : null;
    case 'Paren':
      return operands(ctx, e.expr);
    case 'Name':
    case 'Member':
    case 'BitAccess':
      return isBool(ctx, e) && findAll(e, 'Call').length === 0 ? [e] : null;
    default:
      return null;
  }
}

const sitePath = (dirOf: string, name: string, ext: string): string => `${dirOf ? `${dirOf}/` : ''}${name}${ext}`;

/** Puts the new FUNCTION where the container format keeps POUs: after the POU in an ST file, or a new .TcPOU. */
function placeFunction(ed: SiteEditor, ctx: SiteContext, at: PouInfo, name: string, params: string[], body: string): void {
  const u = at.unit;
  const kw = (w: string): string => ed.kw(u, w);
  const decl = [`${kw('FUNCTION')} ${u.scl ? `"${name}"` : name} : ${u.scl ? 'Bool' : 'BOOL'}`, kw('VAR_INPUT'), ...params.map((p) => `    ${p} : ${u.scl ? 'Bool' : 'BOOL'};`), kw('END_VAR')];
  const ret = u.scl ? `#${name}` : name;
  if (u.format === 'st') {
    const stmt = `${u.scl ? `${kw('BEGIN')}\n` : ''}    ${ret} := ${body};`;
    const top = u.cs.parse.unit.declarations.find((d) => d.start <= at.pou.start && at.pou.end <= d.end) ?? at.pou;
    ed.insertLinesAfter(u, top, ['', ...decl, ...stmt.split('\n'), kw('END_FUNCTION')]);
    return;
  }
  if (u.format === 'twincat') {
    const dir = u.path.includes('/') ? u.path.slice(0, u.path.lastIndexOf('/')) : '';
    const path = sitePath(dir, name, '.TcPOU');
    if (!ctx.config.sources.some((g) => globToRegExp(g).test(path))) throw new NotEditable(`${path} would not be matched by the site's source globs`);
    const eol = ed.style(u).eol;
    ed.addFile(
      path,
      [
        '<?xml version="1.0" encoding="utf-8"?>',
        '<TcPlcObject Version="1.1.0.1" ProductVersion="3.1.4024.12">',
        `  <POU Name="${name}" Id="{6d657461-6d6f-7270-6869-630000000001}" SpecialFunc="None">`,
        `    <Declaration><![CDATA[${decl.join(eol)}${eol}]]></Declaration>`,
        '    <Implementation>',
        `      <ST><![CDATA[${ret} := ${body};]]></ST>`,
        '    </Implementation>',
        '  </POU>',
        '</TcPlcObject>',
        '',
      ].join(eol),
    );
    return;
  }
  throw new NotEditable(`${u.path}: a new FUNCTION would be a new POU element of the ${u.format ?? 'unknown'} container, which no source map covers`);
}

/**
 * Extract a boolean expression into a new user FUNCTION with one BOOL input per operand, and call it where
 * the expression was (named arguments, so parameter order cannot matter). Outside safety POUs and not on a
 * hazardous output: the point is a refactoring of process logic the verifier must see through.
 */
export function extractFunction(ctx: SiteContext, rng: Rng): Attempt[] | string {
  const found: { at: PouInfo; a: Assign; ops: Expression[] }[] = [];
  for (const at of ctx.pous) {
    if (at.safety || at.pou.pouKind === 'FUNCTION') continue;
    for (const a of findAll(at.pou, 'Assign', (x) => x.op === ':=' && (x.value.kind === 'Binary' || x.value.kind === 'Unary'))) {
      if (a.target.kind === 'Name' && isSafetyName(ctx, a.target.id.name)) continue;
      const ops = operands(ctx, a.value);
      if (ops && ops.length >= 2 && isBool(ctx, a.value)) found.push({ at, a, ops });
    }
  }
  if (!found.length) return 'no boolean expression of two or more operands outside the safety POUs in Structured Text';
  return rng.shuffle(found).map(({ at, a, ops }) => (ed) => {
    const text = at.unit.cs.source.text;
    const name = freshName(ctx, 'F_MetaExpr');
    const distinct = [...new Set(ops.map((o) => text.slice(o.start, o.end)))];
    const params = distinct.map((_, i) => `In${i + 1}`);
    const ref = (p: string): string => (at.unit.scl ? `#${p}` : p);
    // The body: the expression with each operand replaced by its parameter.
    let body = '';
    let pos = a.value.start;
    for (const o of [...ops].sort((x, y) => x.start - y.start)) {
      body += text.slice(pos, o.start) + ref(params[distinct.indexOf(text.slice(o.start, o.end))]!);
      pos = o.end;
    }
    body += text.slice(pos, a.value.end);
    body = body.replace(/\s*\r?\n\s*/g, ' ');
    const call = `${at.unit.scl ? `"${name}"` : name}(${distinct.map((d, i) => `${params[i]} := ${d.replace(/\s*\r?\n\s*/g, ' ')}`).join(', ')})`;
    ed.replace(at.unit, a.value, call);
    placeFunction(ed, ctx, at, name, params, body);
    const target = a.target.kind === 'Name' ? a.target.id.name : 'a variable';
    return { description: `extracted the condition of ${target} in ${at.pou.name.name} into FUNCTION ${name}(${params.join(', ')})` };
  });
}
