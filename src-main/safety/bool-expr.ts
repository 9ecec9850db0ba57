/**
 * Boolean conditions over atoms, as data: what the guard analysis computes for a hazardous output and what the
 * report prints. Atoms are opaque facts identified by a string id (a variable's value at scan start, an FB
 * output after a call, a comparison); the constructors simplify constants away so the text stays readable.
 */

export type BoolExpr =
  | { k: 'const'; v: boolean }
  | { k: 'atom'; id: string }
  | { k: 'not'; e: BoolExpr }
  | { k: 'and'; es: BoolExpr[] }
  | { k: 'or'; es: BoolExpr[] }
  | { k: 'ite'; c: BoolExpr; t: BoolExpr; f: BoolExpr };

export const TRUE: BoolExpr = { k: 'const', v: true };
export const FALSE: BoolExpr = { k: 'const', v: false };

export function atom(id: string): BoolExpr {
  return { k: 'atom', id };
}

export function not(e: BoolExpr): BoolExpr {
  if (e.k === 'const') return e.v ? FALSE : TRUE;
  if (e.k === 'not') return e.e;
  return { k: 'not', e };
}

export function and(...xs: BoolExpr[]): BoolExpr {
  const es: BoolExpr[] = [];
  for (const x of xs) {
    if (x.k === 'const') {
      if (!x.v) return FALSE;
      continue;
    }
    if (x.k === 'and') es.push(...x.es);
    else es.push(x);
  }
  const uniq = dedupe(es);
  if (uniq.length === 0) return TRUE;
  return uniq.length === 1 ? uniq[0]! : { k: 'and', es: uniq };
}

export function or(...xs: BoolExpr[]): BoolExpr {
  const es: BoolExpr[] = [];
  for (const x of xs) {
    if (x.k === 'const') {
      if (x.v) return TRUE;
      continue;
    }
    if (x.k === 'or') es.push(...x.es);
    else es.push(x);
  }
  const uniq = dedupe(es);
  if (uniq.length === 0) return FALSE;
  return uniq.length === 1 ? uniq[0]! : { k: 'or', es: uniq };
}

export function xor(a: BoolExpr, b: BoolExpr): BoolExpr {
  return or(and(a, not(b)), and(not(a), b));
}

export function iff(a: BoolExpr, b: BoolExpr): BoolExpr {
  return not(xor(a, b));
}

export function ite(c: BoolExpr, t: BoolExpr, f: BoolExpr): BoolExpr {
  if (c.k === 'const') return c.v ? t : f;
  if (exprKey(t) === exprKey(f)) return t;
  if (t.k === 'const' && f.k === 'const') return t.v ? c : not(c);
  if (t.k === 'const') return t.v ? or(c, f) : and(not(c), f);
  if (f.k === 'const') return f.v ? or(not(c), t) : and(c, t);
  return { k: 'ite', c, t, f };
}

function dedupe(es: BoolExpr[]): BoolExpr[] {
  const seen = new Set<string>();
  const out: BoolExpr[] = [];
  for (const e of es) {
    const k = exprKey(e);
    if (!seen.has(k)) {
      seen.add(k);
      out.push(e);
    }
  }
  return out;
}

/** A canonical string of the expression over atom ids: equal keys mean the same function. */
export function exprKey(e: BoolExpr): string {
  switch (e.k) {
    case 'const':
      return e.v ? 'T' : 'F';
    case 'atom':
      return `<${e.id}>`;
    case 'not':
      return `!${exprKey(e.e)}`;
    case 'and':
      return `&(${e.es.map(exprKey).join(',')})`;
    case 'or':
      return `|(${e.es.map(exprKey).join(',')})`;
    case 'ite':
      return `?(${exprKey(e.c)},${exprKey(e.t)},${exprKey(e.f)})`;
  }
}

export function atomsOf(e: BoolExpr, into: Set<string> = new Set()): Set<string> {
  switch (e.k) {
    case 'const':
      break;
    case 'atom':
      into.add(e.id);
      break;
    case 'not':
      atomsOf(e.e, into);
      break;
    case 'and':
    case 'or':
      for (const x of e.es) atomsOf(x, into);
      break;
    case 'ite':
      atomsOf(e.c, into);
      atomsOf(e.t, into);
      atomsOf(e.f, into);
      break;
  }
  return into;
}

/** Atoms that occur with positive polarity somewhere (under an even number of NOTs; ite conditions count both). */
export function positiveAtoms(e: BoolExpr, pos = true, into: Set<string> = new Set()): Set<string> {
  switch (e.k) {
    case 'const':
      break;
    case 'atom':
      if (pos) into.add(e.id);
      break;
    case 'not':
      positiveAtoms(e.e, !pos, into);
      break;
    case 'and':
    case 'or':
      for (const x of e.es) positiveAtoms(x, pos, into);
      break;
    case 'ite':
      positiveAtoms(e.c, true, into);
      positiveAtoms(e.c, false, into);
      positiveAtoms(e.t, pos, into);
      positiveAtoms(e.f, pos, into);
      break;
  }
  return into;
}

/** Compiles to a function over atom values by index (the hot loop of the brute-force decision). */
export function compile(e: BoolExpr, index: ReadonlyMap<string, number>): (v: Uint8Array) => boolean {
  switch (e.k) {
    case 'const': {
      const c = e.v;
      return () => c;
    }
    case 'atom': {
      const i = index.get(e.id);
      if (i === undefined) throw new Error(`atom ${e.id} has no index`);
      return (v) => v[i] === 1;
    }
    case 'not': {
      const f = compile(e.e, index);
      return (v) => !f(v);
    }
    case 'and': {
      const fs = e.es.map((x) => compile(x, index));
      return (v) => fs.every((f) => f(v));
    }
    case 'or': {
      const fs = e.es.map((x) => compile(x, index));
      return (v) => fs.some((f) => f(v));
    }
    case 'ite': {
      const c = compile(e.c, index);
      const t = compile(e.t, index);
      const f = compile(e.f, index);
      return (v) => (c(v) ? t(v) : f(v));
    }
  }
}

/** Structured Text of the condition, atoms printed by `name`. */
export function toSt(e: BoolExpr, name: (id: string) => string, prec = 0): string {
  let s: string;
  let p: number;
  switch (e.k) {
    case 'const':
      return e.v ? 'TRUE' : 'FALSE';
    case 'atom': {
      const n = name(e.id);
      return /^[\w.#[\]]+$/.test(n) ? n : `(${n})`;
    }
    case 'not':
      s = `NOT ${toSt(e.e, name, 4)}`;
      p = 4;
      break;
    case 'and':
      s = e.es.map((x) => toSt(x, name, 3)).join(' AND ');
      p = 3;
      break;
    case 'or':
      s = e.es.map((x) => toSt(x, name, 2)).join(' OR ');
      p = 2;
      break;
    case 'ite':
      s = `(${toSt(e.c, name, 3)} AND ${toSt(e.t, name, 3)}) OR (NOT ${toSt(e.c, name, 4)} AND ${toSt(e.f, name, 3)})`;
      p = 2;
      break;
  }
  return p < prec ? `(${s})` : s;
}

/** Replaces atoms by expressions (atoms not in the map stay). */
export function substitute(e: BoolExpr, map: ReadonlyMap<string, BoolExpr>): BoolExpr {
  switch (e.k) {
    case 'const':
      return e;
    case 'atom':
      return map.get(e.id) ?? e;
    case 'not':
      return not(substitute(e.e, map));
    case 'and':
      return and(...e.es.map((x) => substitute(x, map)));
    case 'or':
      return or(...e.es.map((x) => substitute(x, map)));
    case 'ite':
      return ite(substitute(e.c, map), substitute(e.t, map), substitute(e.f, map));
  }
}
