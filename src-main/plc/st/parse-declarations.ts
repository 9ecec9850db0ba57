import type { ConfigVar, Identifier, Location, VarBlock, VarDecl, VarQualifier, VarSection } from './ast.js';
import type { Cursor } from './cursor.js';
import { parseExpression } from './parse-expressions.js';
import { parseInitializer, parseTypeSpec } from './parse-types.js';
import { T } from './tokens.js';

export const VAR_SECTIONS = new Set<string>([
  'VAR', 'VAR_INPUT', 'VAR_OUTPUT', 'VAR_IN_OUT', 'VAR_TEMP', 'VAR_GLOBAL', 'VAR_EXTERNAL', 'VAR_STAT', 'VAR_INST', 'VAR_CONFIG', 'VAR_ACCESS',
]);
const QUALIFIERS = new Set(['CONSTANT', 'RETAIN', 'NON_RETAIN', 'PERSISTENT']);
const END_VAR = new Set(['END_VAR']);

/** Skips to after the next `;` or to a keyword that ends the declaration list. */
function syncDecl(c: Cursor, stop: ReadonlySet<string>): void {
  for (;;) {
    const t = c.peek();
    if (t.kind === T.EOF) return;
    if (t.kind === T.Semi) {
      c.next();
      return;
    }
    if (t.kind === T.Ident && (stop.has(t.upper) || VAR_SECTIONS.has(t.upper) || t.upper.startsWith('END_'))) return;
    c.next();
  }
}

function parseLocation(c: Cursor): Location | null {
  const at = c.eatKw('AT');
  if (!at) return null;
  const t = c.peek();
  if (t.kind !== T.Address) {
    c.errorHere('ST1005', `expected a direct address such as %IX0.0 after AT, found ${c.describe(t)}`);
    return null;
  }
  c.next();
  return { kind: 'Location', address: c.text.slice(t.start, t.end), start: t.start, end: t.end };
}

/** Declarations `a, b AT %IX0.0 : TYPE := init;` up to one of `stop` (not consumed). */
export function parseVarDecls(c: Cursor, stop: ReadonlySet<string>): VarDecl[] {
  const decls: VarDecl[] = [];
  for (;;) {
    c.pending = [];
    const t = c.peek();
    const pragmas = c.takePragmas();
    if (t.kind === T.EOF || (t.kind === T.Ident && stop.has(t.upper))) return decls;
    if (t.kind === T.Semi) {
      c.next();
      continue;
    }
    if (!c.isIdentLike(t)) {
      c.errorHere('ST1005', `expected a variable declaration or ${[...stop].join('/')}, found ${c.describe(t)}`);
      const before = c.pos;
      syncDecl(c, stop);
      if (c.pos === before) {
        if (t.kind === T.Ident && (VAR_SECTIONS.has(t.upper) || t.upper.startsWith('END_'))) return decls;
        c.next();
      }
      continue;
    }
    const names: Identifier[] = [c.identFrom(c.next())];
    while (c.eat(T.Comma)) names.push(c.ident('in the declaration list'));
    // SCL puts attribute braces after the name: `start { ExternalAccessible := 'False'} : Bool;`.
    const location = parseLocation(c);
    c.peek();
    const attrs = c.takePragmas();
    if (!c.expect(T.Colon, `after ${names.map((n) => n.name).join(', ')}`)) {
      syncDecl(c, stop);
      continue;
    }
    const type = parseTypeSpec(c);
    const init = c.eat(T.Assign) ? parseInitializer(c) : null;
    const end = c.lastEnd;
    if (!c.eat(T.Semi)) {
      c.errorHere('ST1005', `expected ';' after the declaration of ${names[0]!.name}, found ${c.describe(c.peek())}`);
      syncDecl(c, stop);
    }
    decls.push({ kind: 'VarDecl', names, location, type, init, pragmas: [...pragmas, ...attrs], start: names[0]!.start, end });
  }
}

function parseConfigEntries(c: Cursor): ConfigVar[] {
  const out: ConfigVar[] = [];
  while (!c.at(T.EOF) && !c.atKw('END_VAR')) {
    const before = c.pos;
    const path = parseExpression(c);
    const location = parseLocation(c);
    const type = c.eat(T.Colon) ? parseTypeSpec(c) : null;
    const init = c.eat(T.Assign) ? parseInitializer(c) : null;
    c.expect(T.Semi, 'after the VAR_CONFIG entry');
    if (c.pos === before) {
      syncDecl(c, END_VAR);
      // Nothing readable here (e.g. another VAR keyword): leave it to the enclosing block.
      if (c.pos === before) break;
      continue;
    }
    out.push({ kind: 'ConfigVar', path, location, type, init, start: path.start, end: Math.max(path.start, c.lastEnd) });
  }
  return out;
}

/** `VAR_xxx [CONSTANT|RETAIN|...] decls END_VAR`; the cursor is at the section keyword. */
export function parseVarBlock(c: Cursor): VarBlock {
  const t = c.next();
  const section = t.upper as VarSection;
  const qualifiers: VarQualifier[] = [];
  while (c.peek().kind === T.Ident && QUALIFIERS.has(c.peek().upper)) qualifiers.push(c.next().upper as VarQualifier);
  let decls: VarDecl[] = [];
  let configEntries: ConfigVar[] = [];
  if (section === 'VAR_CONFIG') configEntries = parseConfigEntries(c);
  else decls = parseVarDecls(c, END_VAR);
  if (!c.eatKw('END_VAR')) {
    const line = c.text.slice(0, t.start).split('\n').length;
    c.errorHere('ST1006', `expected END_VAR to close the ${section} opened on line ${line}, found ${c.describe(c.peek())}`);
  } else c.eat(T.Semi);
  return { kind: 'VarBlock', section, qualifiers, decls, configEntries, start: t.start, end: c.lastEnd };
}

export function parseVarBlocks(c: Cursor): VarBlock[] {
  const blocks: VarBlock[] = [];
  while (c.peek().kind === T.Ident && VAR_SECTIONS.has(c.peek().upper)) blocks.push(parseVarBlock(c));
  return blocks;
}
