import type { Action, DataBlock, Identifier, Interface, Pou, PouKind, Pragma, Property, PropertyAccessor, QualifiedName, Statement, TypeSpec, VarBlock } from './ast.js';
import type { Cursor } from './cursor.js';
import { parseVarBlocks, parseVarDecls } from './parse-declarations.js';
import { parseStatements } from './parse-statements.js';
import { parseQualifiedName, parseTypeSpec } from './parse-types.js';
import { T } from './tokens.js';

const MODIFIERS = new Set(['ABSTRACT', 'FINAL', 'PUBLIC', 'PRIVATE', 'PROTECTED', 'INTERNAL']);
const END_OF: Record<PouKind, string> = {
  PROGRAM: 'END_PROGRAM',
  FUNCTION_BLOCK: 'END_FUNCTION_BLOCK',
  FUNCTION: 'END_FUNCTION',
  METHOD: 'END_METHOD',
  ORGANIZATION_BLOCK: 'END_ORGANIZATION_BLOCK',
};

function modifiers(c: Cursor): string[] {
  const out: string[] = [];
  while (c.peek().kind === T.Ident && MODIFIERS.has(c.peek().upper) && c.isIdentLike(c.ahead(1))) out.push(c.next().upper);
  return out;
}

/** SCL block header lines: `TITLE = ...`, `AUTHOR : ...`, `VERSION : 0.1`, attribute braces, `NON_RETAIN`. */
function sclHeader(c: Cursor): string | null {
  let version: string | null = null;
  for (;;) {
    const t = c.peek();
    if (t.kind !== T.Ident) return version;
    if (t.upper === 'TITLE' && c.ahead(1).kind === T.Eq) {
      c.next();
      c.restOfLine();
    } else if (['VERSION', 'AUTHOR', 'FAMILY', 'NAME'].includes(t.upper) && c.ahead(1).kind === T.Colon) {
      c.next();
      c.next();
      const v = c.restOfLine();
      if (t.upper === 'VERSION') version = v;
    } else if (t.upper === 'KNOW_HOW_PROTECT' || t.upper === 'NON_RETAIN' || t.upper === 'UNLINKED' || t.upper === 'READ_ONLY') {
      c.next();
    } else return version;
  }
}

function endKeyword(c: Cursor, word: string, what: string, openAt: number): void {
  if (c.eatKw(word)) {
    c.eat(T.Semi);
    return;
  }
  const t = c.peek();
  const line = c.text.slice(0, openAt).split('\n').length;
  c.errorAt('ST1006', t.start, t.end, `expected ${word} to close ${what} opened on line ${line}, found ${c.describe(t)}`);
}

/** PROGRAM / FUNCTION_BLOCK / FUNCTION / METHOD / ORGANIZATION_BLOCK, with nested methods, properties, actions. */
export function parsePou(c: Cursor, pragmas: Pragma[], bodyless = false): Pou {
  const t = c.next();
  const pouKind = t.upper as PouKind;
  const mods = modifiers(c);
  const name = c.ident(`after ${pouKind}`);
  let returnType: TypeSpec | null = null;
  let ext: QualifiedName | null = null;
  const impl: QualifiedName[] = [];
  for (;;) {
    if (c.eat(T.Colon)) returnType = parseTypeSpec(c);
    else if (c.eatKw('EXTENDS')) ext = parseQualifiedName(c, 'after EXTENDS');
    else if (c.eatKw('IMPLEMENTS')) {
      do impl.push(parseQualifiedName(c, 'after IMPLEMENTS'));
      while (c.eat(T.Comma));
    } else break;
  }
  c.eat(T.Semi);
  const version = c.scl ? sclHeader(c) : null;
  c.peek();
  const headerPragmas = c.takePragmas();
  const varBlocks = parseVarBlocks(c);
  const endWord = END_OF[pouKind];
  let body: Statement[] = [];
  let bodyStart = -1;
  const methods: Pou[] = [];
  const properties: Property[] = [];
  const actions: Action[] = [];
  if (c.scl && c.eatKw('BEGIN')) bodyStart = c.lastEnd;
  const nested = pouKind === 'FUNCTION_BLOCK' || pouKind === 'PROGRAM';
  const stop = new Set([endWord, ...(nested ? ['METHOD', 'PROPERTY', 'ACTION'] : []), ...(bodyless ? ['METHOD', 'PROPERTY', 'END_INTERFACE'] : [])]);
  if (!bodyless) {
    if (bodyStart < 0) bodyStart = c.peek().triviaStart;
    body = parseStatements(c, stop);
  }
  while (nested) {
    const pragmasBefore = c.takePragmas();
    if (c.atKw('METHOD')) methods.push(parsePou(c, pragmasBefore));
    else if (c.atKw('PROPERTY')) properties.push(parseProperty(c, pragmasBefore));
    else if (c.atKw('ACTION')) actions.push(parseAction(c));
    else break;
  }
  if (!bodyless || c.atKw(endWord)) endKeyword(c, endWord, `the ${pouKind} ${name.name}`, t.start);
  return {
    kind: 'Pou',
    pouKind,
    name,
    modifiers: mods,
    returnType,
    extends: ext,
    implements: impl,
    pragmas: [...pragmas, ...headerPragmas],
    varBlocks,
    body,
    bodyStart,
    methods,
    properties,
    actions,
    version,
    start: t.start,
    end: c.lastEnd,
  };
}

function parseAccessor(c: Cursor, bodyless: boolean): PropertyAccessor {
  const t = c.next();
  const accessor = t.upper as 'GET' | 'SET';
  const mods = modifiers(c);
  const varBlocks: VarBlock[] = parseVarBlocks(c);
  const end = accessor === 'GET' ? 'END_GET' : 'END_SET';
  const body = bodyless ? [] : parseStatements(c, new Set([end, 'END_PROPERTY', 'GET', 'SET']));
  if (!c.eatKw(end)) c.errorHere('ST1006', `expected ${end} to close the ${accessor} accessor, found ${c.describe(c.peek())}`);
  else c.eat(T.Semi);
  return { kind: 'PropertyAccessor', accessor, modifiers: mods, varBlocks, body, start: t.start, end: c.lastEnd };
}

export function parseProperty(c: Cursor, pragmas: Pragma[], bodyless = false): Property {
  const t = c.next();
  const mods = modifiers(c);
  const name = c.ident('after PROPERTY');
  c.expect(T.Colon, 'before the property type');
  const type = parseTypeSpec(c);
  c.eat(T.Semi);
  parseVarBlocks(c);
  let getter: PropertyAccessor | null = null;
  let setter: PropertyAccessor | null = null;
  while (c.atKw('GET') || c.atKw('SET')) {
    const acc = parseAccessor(c, bodyless);
    if (acc.accessor === 'GET') getter = acc;
    else setter = acc;
  }
  endKeyword(c, 'END_PROPERTY', `the PROPERTY ${name.name}`, t.start);
  return { kind: 'Property', name, modifiers: mods, type, pragmas, getter, setter, start: t.start, end: c.lastEnd };
}

/** `ACTION Name:` (nested) or `ACTION Pou.Name:` (top level) ... `END_ACTION`. */
export function parseAction(c: Cursor): Action {
  const t = c.next();
  let owner: Identifier | null = null;
  let name = c.ident('after ACTION');
  if (c.at(T.Dot)) {
    c.next();
    owner = name;
    name = c.ident('after the POU name');
  }
  c.eat(T.Colon);
  const body = parseStatements(c, new Set(['END_ACTION']));
  endKeyword(c, 'END_ACTION', `the ACTION ${name.name}`, t.start);
  return { kind: 'Action', name, owner, body, start: t.start, end: c.lastEnd };
}

export function parseInterface(c: Cursor, pragmas: Pragma[]): Interface {
  const t = c.next();
  const name = c.ident('after INTERFACE');
  const ext: QualifiedName[] = [];
  if (c.eatKw('EXTENDS')) {
    do ext.push(parseQualifiedName(c, 'after EXTENDS'));
    while (c.eat(T.Comma));
  }
  const methods: Pou[] = [];
  const properties: Property[] = [];
  for (;;) {
    const p = c.takePragmas();
    if (c.atKw('METHOD')) methods.push(parsePou(c, p, true));
    else if (c.atKw('PROPERTY')) properties.push(parseProperty(c, p, true));
    else break;
  }
  endKeyword(c, 'END_INTERFACE', `the INTERFACE ${name.name}`, t.start);
  return { kind: 'Interface', name, extends: ext, pragmas, methods, properties, start: t.start, end: c.lastEnd };
}

/** SCL `DATA_BLOCK "Name" [header] ["FB" | STRUCT ... END_STRUCT | VAR ... END_VAR] BEGIN ... END_DATA_BLOCK`. */
export function parseDataBlock(c: Cursor, pragmas: Pragma[]): DataBlock {
  const t = c.next();
  const name = c.ident('after DATA_BLOCK');
  const version = sclHeader(c);
  c.peek();
  const attrs = c.takePragmas();
  const more = sclHeader(c) ?? version;
  let instanceOf: QualifiedName | null = null;
  let varBlocks: VarBlock[] = [];
  if (c.atKw('STRUCT')) {
    const s = c.next();
    const decls = parseVarDecls(c, new Set(['END_STRUCT']));
    if (!c.eatKw('END_STRUCT')) c.errorHere('ST1006', `expected END_STRUCT, found ${c.describe(c.peek())}`);
    c.eat(T.Semi);
    varBlocks = [{ kind: 'VarBlock', section: 'VAR', qualifiers: [], decls, configEntries: [], start: s.start, end: c.lastEnd }];
  } else if (c.isIdentLike(c.peek()) && !c.atKw('BEGIN')) {
    instanceOf = parseQualifiedName(c, 'as the FB of this instance data block');
  }
  varBlocks.push(...parseVarBlocks(c));
  let body: Statement[] = [];
  if (c.eatKw('BEGIN')) body = parseStatements(c, new Set(['END_DATA_BLOCK']));
  endKeyword(c, 'END_DATA_BLOCK', `the DATA_BLOCK ${name.name}`, t.start);
  return { kind: 'DataBlock', name, pragmas: [...pragmas, ...attrs], version: more, instanceOf, varBlocks, body, start: t.start, end: c.lastEnd };
}
