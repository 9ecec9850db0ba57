import type { Diagnostic } from '../diagnostics/diagnostic.js';
import type { CompilationUnit, Configuration, Declaration, Pragma, ProgramConfig, Resource, TaskDecl, TypeDecl, TypeItem } from './ast.js';
import { Cursor } from './cursor.js';
import type { Dialect } from './dialect.js';
import { lex } from './lexer.js';
import { parseVarBlock, parseVarBlocks } from './parse-declarations.js';
import { parseCall, parseExpression } from './parse-expressions.js';
import { parseAction, parseDataBlock, parseInterface, parsePou, parseProperty } from './parse-pous.js';
import { parseInitializer, parseQualifiedName, parseTypeSpec } from './parse-types.js';
import { T, type Token } from './tokens.js';

export interface ParseResult {
  unit: CompilationUnit;
  diagnostics: Diagnostic[];
  tokens: Token[];
}

const TOP_LEVEL = new Set([
  'PROGRAM', 'FUNCTION_BLOCK', 'FUNCTION', 'METHOD', 'INTERFACE', 'TYPE', 'VAR_GLOBAL', 'CONFIGURATION', 'ACTION', 'PROPERTY', 'DATA_BLOCK', 'ORGANIZATION_BLOCK',
]);

/**
 * Parses one ST/SCL text into a syntax tree. Never throws on user input and always finishes: errors are
 * diagnostics, the parser recovers at the next statement or declaration, and every node keeps exact offsets.
 */
export function parseSt(text: string, file: string, dialect: Dialect = 'codesys'): ParseResult {
  const { tokens, diagnostics: lexDiagnostics } = lex(text, file, dialect);
  const c = new Cursor(tokens, text, file, dialect);
  const declarations: Declaration[] = [];
  for (;;) {
    const t = c.peek();
    if (t.kind === T.EOF) break;
    const pragmas = c.takePragmas();
    const before = c.pos;
    const d = t.kind === T.Ident && TOP_LEVEL.has(t.upper) ? parseTopLevel(c, t.upper, pragmas) : null;
    if (d) declarations.push(d);
    if (c.pos === before) {
      c.errorHere('ST1009', `expected a declaration (PROGRAM, FUNCTION_BLOCK, FUNCTION, TYPE, VAR_GLOBAL, ...), found ${c.describe(t)}`);
      // Skip to the next top-level keyword so one stray line is one error.
      do c.next();
      while (!c.at(T.EOF) && !(c.peek().kind === T.Ident && TOP_LEVEL.has(c.peek().upper)));
    }
  }
  const unit: CompilationUnit = { kind: 'CompilationUnit', file, declarations, start: 0, end: text.length };
  const diagnostics = [...lexDiagnostics, ...c.diagnostics].sort((a, b) => a.span.start - b.span.start);
  return { unit, diagnostics, tokens };
}

function parseTopLevel(c: Cursor, word: string, pragmas: ReturnType<Cursor['takePragmas']>): Declaration | null {
  switch (word) {
    case 'PROGRAM':
    case 'FUNCTION_BLOCK':
    case 'FUNCTION':
    case 'METHOD':
    case 'ORGANIZATION_BLOCK':
      return parsePou(c, pragmas);
    case 'INTERFACE':
      return parseInterface(c, pragmas);
    case 'TYPE':
      return parseTypeDecl(c, pragmas);
    case 'VAR_GLOBAL': {
      const block = parseVarBlock(c);
      return { kind: 'GlobalVars', name: null, pragmas, block, start: block.start, end: block.end };
    }
    case 'CONFIGURATION':
      return parseConfiguration(c);
    case 'ACTION':
      return parseAction(c);
    case 'PROPERTY': {
      // A property exported on its own (TwinCAT object files): keep it as a nested-style declaration error-free.
      const p = parseProperty(c, pragmas);
      c.errorAt('ST1009', p.start, p.name.end, `PROPERTY ${p.name.name} outside a FUNCTION_BLOCK`);
      return null;
    }
    case 'DATA_BLOCK':
      return parseDataBlock(c, pragmas);
  }
  return null;
}

/** `TYPE Name : spec [:= init]; ... END_TYPE`; SCL also allows `TYPE "Name" VERSION : 0.1 STRUCT ... END_STRUCT; END_TYPE`. */
function parseTypeDecl(c: Cursor, leading: Pragma[]): TypeDecl {
  const t = c.next();
  const items: TypeItem[] = [];
  // Pragmas written before TYPE (TwinCAT DUTs put {attribute 'qualified_only'} there) belong to its first item.
  let carried = leading;
  while (!c.at(T.EOF) && !c.atKw('END_TYPE')) {
    c.peek();
    const pragmas = c.takePragmas();
    const start = c.peek();
    if (!c.isIdentLike(start)) {
      c.errorHere('ST1005', `expected a type name or END_TYPE, found ${c.describe(start)}`);
      break;
    }
    const name = c.identFrom(c.next());
    // CODESYS: `TYPE ST_Drive EXTENDS ST_Axis : STRUCT ... END_STRUCT`.
    const ext = c.eatKw('EXTENDS') ? parseQualifiedName(c, 'after EXTENDS') : null;
    // SCL writes `TYPE "UDT" VERSION : 0.1 STRUCT ...` without a colon after the name; IEC needs one.
    if (!c.eat(T.Colon) && !c.scl) c.errorHere('ST1005', `expected ':' after the type name ${name.name}, found ${c.describe(c.peek())}`);
    // SCL headers between the name and the type.
    while (c.atKw('VERSION') || c.atKw('TITLE') || c.atKw('AUTHOR') || c.atKw('FAMILY')) {
      c.next();
      c.restOfLine();
    }
    c.peek();
    const attrs = c.takePragmas();
    const type = parseTypeSpec(c);
    if (ext) {
      if (type.kind === 'StructType' && !type.extends) type.extends = ext;
      else c.errorAt('ST1011', ext.start, ext.end, `EXTENDS is only allowed on a STRUCT type`);
    }
    const init = c.eat(T.Assign) ? parseInitializer(c) : null;
    const end = c.lastEnd;
    if (!c.eat(T.Semi) && !c.atKw('END_TYPE') && !c.isIdentLike(c.peek())) c.errorHere('ST1005', `expected ';' after the type ${name.name}, found ${c.describe(c.peek())}`);
    items.push({ kind: 'TypeItem', name, pragmas: [...carried, ...pragmas, ...attrs], type, init, start: name.start, end });
    carried = [];
  }
  if (!c.eatKw('END_TYPE')) c.errorHere('ST1006', `expected END_TYPE to close the TYPE declaration, found ${c.describe(c.peek())}`);
  else c.eat(T.Semi);
  return { kind: 'TypeDecl', items, start: t.start, end: c.lastEnd };
}

function parseTask(c: Cursor): TaskDecl {
  const t = c.next();
  const name = c.ident('after TASK');
  const params: TaskDecl['params'] = [];
  if (c.eat(T.LParen)) {
    do {
      if (c.at(T.RParen)) break;
      const p = c.ident('as a TASK parameter');
      c.expect(T.Assign, 'after the TASK parameter');
      params.push({ name: p, value: parseExpression(c) });
    } while (c.eat(T.Comma));
    c.expect(T.RParen, 'to close the TASK parameters');
  }
  c.expect(T.Semi, 'after the TASK');
  return { kind: 'Task', name, params, start: t.start, end: c.lastEnd };
}

/** `PROGRAM inst [WITH task] : Type [(args)];` inside a RESOURCE or CONFIGURATION. */
function parseProgramConfig(c: Cursor): ProgramConfig {
  const t = c.next();
  if (!c.eatKw('RETAIN')) c.eatKw('NON_RETAIN');
  const name = c.ident('after PROGRAM');
  const task = c.eatKw('WITH') ? c.ident('after WITH') : null;
  c.expect(T.Colon, 'before the program type');
  const type = c.ident('as the program type');
  const args = c.at(T.LParen) ? parseCall(c, { kind: 'Name', id: type, start: type.start, end: type.end }).args : [];
  c.expect(T.Semi, 'after the PROGRAM configuration');
  return { kind: 'ProgramConfig', name, task, type, args, start: t.start, end: c.lastEnd };
}

function parseResourceBody(c: Cursor, end: string): Pick<Resource, 'varBlocks' | 'tasks' | 'programs'> {
  const out: Pick<Resource, 'varBlocks' | 'tasks' | 'programs'> = { varBlocks: [], tasks: [], programs: [] };
  while (!c.at(T.EOF) && !c.atKw(end) && !c.atKw('RESOURCE')) {
    const before = c.pos;
    if (c.atKw('TASK')) out.tasks.push(parseTask(c));
    else if (c.atKw('PROGRAM')) out.programs.push(parseProgramConfig(c));
    else out.varBlocks.push(...parseVarBlocks(c));
    if (c.pos === before) {
      c.errorHere('ST1005', `expected TASK, PROGRAM, a VAR block or ${end}, found ${c.describe(c.peek())}`);
      c.next();
    }
  }
  return out;
}

function parseConfiguration(c: Cursor): Configuration {
  const t = c.next();
  const name = c.ident('after CONFIGURATION');
  const top = parseResourceBody(c, 'END_CONFIGURATION');
  const resources: Resource[] = [];
  while (c.atKw('RESOURCE')) {
    const r = c.next();
    const rname = c.ident('after RESOURCE');
    const on = c.eatKw('ON') ? c.ident('after ON') : null;
    const body = parseResourceBody(c, 'END_RESOURCE');
    if (!c.eatKw('END_RESOURCE')) c.errorHere('ST1006', `expected END_RESOURCE, found ${c.describe(c.peek())}`);
    else c.eat(T.Semi);
    resources.push({ kind: 'Resource', name: rname, on, ...body, start: r.start, end: c.lastEnd });
    const more = parseResourceBody(c, 'END_CONFIGURATION');
    top.varBlocks.push(...more.varBlocks);
  }
  if (!c.eatKw('END_CONFIGURATION')) c.errorHere('ST1006', `expected END_CONFIGURATION, found ${c.describe(c.peek())}`);
  else c.eat(T.Semi);
  return { kind: 'Configuration', name, varBlocks: top.varBlocks, resources, tasks: top.tasks, programs: top.programs, start: t.start, end: c.lastEnd };
}
