import type { Binary, CaseLabel, Expression, Statement } from '../st/ast.js';
import { keyword, type HouseStyle } from './style.js';

const PREC: Record<Binary['op'], number> = {
  OR: 1, OR_ELSE: 1, XOR: 2, AND: 3, AND_THEN: 3, '=': 4, '<>': 4, '<': 5, '>': 5, '<=': 5, '>=': 5, '+': 6, '-': 6, '*': 7, '/': 7, MOD: 7, '**': 8,
};
const WORD_OPS = new Set(['OR', 'OR_ELSE', 'XOR', 'AND', 'AND_THEN', 'MOD']);

function name(id: { name: string; quoting: string }): string {
  return id.quoting === 'quoted' ? `"${id.name}"` : id.quoting === 'hash' ? `#${id.name}` : id.name;
}

/**
 * Renders an expression in canonical form, adding parentheses only where precedence needs them. Literals
 * print as written (`text`), so generated code keeps `T#500MS` or `16#FF` exactly as the author chose.
 */
export function printExpression(e: Expression, style: HouseStyle, parentPrec = 0, rightSide = false): string {
  switch (e.kind) {
    case 'Binary': {
      const p = PREC[e.op];
      const op = WORD_OPS.has(e.op) ? keyword(e.op, style) : e.op;
      const s = `${printExpression(e.left, style, p)} ${op} ${printExpression(e.right, style, p, true)}`;
      return p < parentPrec || (p === parentPrec && rightSide) ? `(${s})` : s;
    }
    case 'Unary': {
      const inner = printExpression(e.operand, style, 9);
      return e.op === 'NOT' ? `${keyword('NOT', style)} ${inner}` : `${e.op}${inner}`;
    }
    case 'Paren':
      return `(${printExpression(e.expr, style)})`;
    case 'Name':
      return name(e.id);
    case 'Member':
      return `${printExpression(e.object, style, 10)}.${name(e.member)}`;
    case 'BitAccess':
      return `${printExpression(e.object, style, 10)}.${e.bit}`;
    case 'Index':
      return `${printExpression(e.object, style, 10)}[${e.indices.map((i) => printExpression(i, style)).join(', ')}]`;
    case 'Deref':
      return `${printExpression(e.object, style, 10)}^`;
    case 'Call':
      return `${printExpression(e.callee, style, 10)}(${e.args
        .map((a) => {
          const v = a.value ? printExpression(a.value, style) : '';
          if (!a.name) return v;
          return `${a.negated ? keyword('NOT', style) + ' ' : ''}${name(a.name)} ${a.assign}${v ? ' ' + v : ''}`;
        })
        .join(', ')})`;
    case 'Literal':
      return e.litKind === 'bool' && !e.typePrefix ? keyword(e.value ? 'TRUE' : 'FALSE', style) : e.text;
    case 'EnumValue':
      return `${name(e.type)}#${name(e.value)}`;
    case 'DirectAddress':
      return e.address;
    case 'This':
      return keyword('THIS', style);
    case 'Super':
      return keyword('SUPER', style);
    case 'ErrorExpr':
      return '';
  }
}

function label(l: CaseLabel, style: HouseStyle): string {
  return l.kind === 'CaseRange' ? `${printExpression(l.lo, style)}..${printExpression(l.hi, style)}` : printExpression(l, style);
}

/** Renders statements at `level` indentation steps, in the file's house style (indent, keyword case, EOL). */
export function printStatements(stmts: readonly Statement[], style: HouseStyle, level = 0): string {
  return stmts.map((s) => printStatement(s, style, level)).join('');
}

export function printStatement(s: Statement, style: HouseStyle, level = 0): string {
  const ind = style.indent.repeat(level);
  const nl = style.eol;
  const kw = (w: string): string => keyword(w, style);
  const end = (w: string): string => `${ind}${kw(w)}${style.semicolonAfterEnd ? ';' : ''}${nl}`;
  const body = (b: readonly Statement[]): string => printStatements(b, style, level + 1);
  switch (s.kind) {
    case 'Assign':
      return `${ind}${printExpression(s.target, style)} ${s.op} ${printExpression(s.value, style)};${nl}`;
    case 'CallStmt':
      return `${ind}${printExpression(s.call, style)};${nl}`;
    case 'If':
      return (
        s.branches
          .map((b, i) => `${ind}${kw(i === 0 ? 'IF' : 'ELSIF')} ${printExpression(b.cond, style)} ${kw('THEN')}${nl}${body(b.body)}`)
          .join('') +
        (s.elseBody ? `${ind}${kw('ELSE')}${nl}${body(s.elseBody)}` : '') +
        end('END_IF')
      );
    case 'Case':
      return (
        `${ind}${kw('CASE')} ${printExpression(s.selector, style)} ${kw('OF')}${nl}` +
        s.branches.map((b) => `${ind}${style.indent}${b.labels.map((l) => label(l, style)).join(', ')}:${nl}${printStatements(b.body, style, level + 2)}`).join('') +
        (s.elseBody ? `${ind}${kw('ELSE')}${nl}${printStatements(s.elseBody, style, level + 2)}` : '') +
        end('END_CASE')
      );
    case 'For':
      return (
        `${ind}${kw('FOR')} ${printExpression(s.variable, style)} := ${printExpression(s.from, style)} ${kw('TO')} ${printExpression(s.to, style)}` +
        `${s.by ? ` ${kw('BY')} ${printExpression(s.by, style)}` : ''} ${kw('DO')}${nl}${body(s.body)}${end('END_FOR')}`
      );
    case 'While':
      return `${ind}${kw('WHILE')} ${printExpression(s.cond, style)} ${kw('DO')}${nl}${body(s.body)}${end('END_WHILE')}`;
    case 'Repeat':
      return `${ind}${kw('REPEAT')}${nl}${body(s.body)}${ind}${kw('UNTIL')} ${printExpression(s.until, style)}${nl}${end('END_REPEAT')}`;
    case 'Exit':
    case 'Continue':
    case 'Return':
      return `${ind}${kw(s.kind.toUpperCase())};${nl}`;
    case 'Jmp':
      return `${ind}${kw('JMP')} ${name(s.label)};${nl}`;
    case 'Label':
      return `${name(s.label)}:${nl}`;
    case 'Empty':
      return `${ind};${nl}`;
    case 'Region':
      return `${ind}${kw('REGION')} ${s.name}${nl}${body(s.body)}${ind}${kw('END_REGION')}${nl}`;
    case 'RawC':
      return `${ind}{{${s.text}}}${nl}`;
    case 'ErrorStmt':
      return '';
  }
}
