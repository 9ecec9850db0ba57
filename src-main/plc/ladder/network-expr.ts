/**
 * The small expression tree the LD/FBD translation builds before printing ST: enough to simplify power flow
 * (TRUE AND x = x), factor shared series contacts out of parallel branches, and print with minimal parentheses.
 */
export type Expr =
  | { k: 'const'; v: boolean }
  | { k: 'atom'; text: string; simple: boolean }
  | { k: 'not'; e: Expr }
  | { k: 'op'; op: string; items: Expr[] };

export const TRUE: Expr = { k: 'const', v: true };
export const FALSE: Expr = { k: 'const', v: false };

/** An ST operand as written in the file; anything more than a name or literal is parenthesised when nested. */
export function atom(text: string): Expr {
  const t = text.trim();
  if (t.length > MAX_WEIGHT * 2) throw new RangeError('expression too large');
  return { k: 'atom', text: t, simple: /^[A-Za-z_%][\w.%#\][]*$|^[\w.#:+-]+$/.test(t) || /^[A-Za-z_][\w.]*\(.*\)$/s.test(t) };
}

const PREC: Readonly<Record<string, number>> = {
  OR: 1, XOR: 2, AND: 3, '=': 4, '<>': 4, '<': 5, '>': 5, '<=': 5, '>=': 5, '+': 6, '-': 6, '*': 7, '/': 7, MOD: 7,
};
const ASSOCIATIVE = new Set(['OR', 'XOR', 'AND', '+', '*']);

function precOf(e: Expr): number {
  if (e.k === 'op') return PREC[e.op] ?? 0;
  if (e.k === 'atom' && !e.simple) return 0;
  return 10;
}

/** Shared inputs (`AND(x, x)` fed again and again) would print exponentially long ST; past this it is refused. */
const MAX_WEIGHT = 100_000;
const weights = new WeakMap<Expr, number>();

function weight(e: Expr): number {
  const known = weights.get(e);
  if (known !== undefined) return known;
  const w = e.k === 'op' ? e.items.reduce((sum, i) => sum + weight(i), 1) : e.k === 'not' ? 1 + weight(e.e) : 1;
  weights.set(e, w);
  // A RangeError is what the translator already turns into a "too deep" diagnostic.
  if (w > MAX_WEIGHT) throw new RangeError('expression too large');
  return w;
}

export function not(e: Expr): Expr {
  if (e.k === 'const') return { k: 'const', v: !e.v };
  if (e.k === 'not') return e.e;
  const n: Expr = { k: 'not', e };
  weight(n);
  return n;
}

export function op(name: string, items: Expr[]): Expr {
  const flat: Expr[] = [];
  for (const i of items) {
    if (ASSOCIATIVE.has(name) && i.k === 'op' && i.op === name) flat.push(...i.items);
    else flat.push(i);
  }
  if (flat.length === 1) return flat[0]!;
  const e: Expr = { k: 'op', op: name, items: flat };
  weight(e);
  return e;
}

export function and(items: Expr[]): Expr {
  const kept: Expr[] = [];
  for (const i of items) {
    if (i.k === 'const') {
      if (!i.v) return FALSE;
      continue;
    }
    if (i.k === 'op' && i.op === 'AND') kept.push(...i.items);
    else kept.push(i);
  }
  return kept.length === 0 ? TRUE : op('AND', kept);
}

function terms(e: Expr): Expr[] {
  return e.k === 'op' && e.op === 'AND' ? e.items : e.k === 'const' && e.v ? [] : [e];
}

/**
 * OR of parallel branches, with the series contacts all branches share factored out in front: rungs are drawn
 * `a --+-- b --+-- y` and read back as `a AND (b OR c)`, not `(a AND b) OR (a AND c)`.
 */
export function or(items: Expr[]): Expr {
  const live = items.filter((i) => !(i.k === 'const' && !i.v));
  if (live.some((i) => i.k === 'const' && i.v)) return TRUE;
  if (live.length === 0) return FALSE;
  if (live.length === 1) return live[0]!;
  const lists = live.map(terms);
  let common = 0;
  while (lists.every((l) => l.length > common && print(l[common]!) === print(lists[0]![common]!))) common++;
  const prefix = lists[0]!.slice(0, common);
  // A branch that is only the shared prefix conducts whenever the prefix does (absorption).
  if (lists.some((l) => l.length === common)) return and(prefix);
  const rest = lists.map((l) => and(l.slice(common)));
  const seen = new Set<string>();
  const unique = rest.filter((r) => (seen.has(print(r)) ? false : (seen.add(print(r)), true)));
  return and([...prefix, op('OR', unique)]);
}

export function print(e: Expr): string {
  switch (e.k) {
    case 'const':
      return e.v ? 'TRUE' : 'FALSE';
    case 'atom':
      return e.text;
    case 'not': {
      const inner = print(e.e);
      return precOf(e.e) >= 10 ? `NOT ${inner}` : `NOT (${inner})`;
    }
    case 'op': {
      const p = PREC[e.op] ?? 0;
      // Same-operator chains were flattened by op(), so an equal-precedence child is a different operator
      // (`a - (b + c)`, `(a = b) = c`) and keeps its parentheses.
      return e.items.map((i) => (precOf(i) <= p ? `(${print(i)})` : print(i))).join(` ${e.op} `);
    }
  }
}
