import type { SemanticModel } from '../plc/check/check-program.js';
import type { ActionSym, PouSym, VarSym } from '../plc/check/symbols.js';
import { key, type AnyNode, type Expression, type PropertyAccessor, type Statement } from '../plc/st/ast.js';
import { dispatchOf, type Dispatch } from './cone-dispatch.js';
import { walk } from '../plc/st/walk.js';

/**
 * The cone of influence of the safety properties: the statements whose effect can reach a hazardous output,
 * an e-stop, a guard or the reset input, computed backwards through assignments, FB and function calls and
 * the conditions that decide whether a statement runs. Variables are tracked by declaration (a struct member
 * or FB variable stands for that member in every instance), which over-approximates: a statement outside the
 * cone writes nothing any statement inside reads, so skipping it changes no value the properties see. The
 * encoder skips everything outside, so what cannot be encoded there neither blocks a proof nor is havocked.
 */

type Owner = PouSym | ActionSym | PropertyAccessor;

interface Item {
  /** The statement this item stands for (a compound statement's own condition part, or a simple statement). */
  stmt: Statement;
  owner: Owner;
  writes: Set<unknown>;
  reads: Set<unknown>;
  callees: Set<unknown>;
  /** Conditions of the enclosing IF/CASE/loops: they decide whether the statement runs. */
  ctrl: Set<unknown>;
  /** Functions, methods and accessors called in those conditions: their results decide it too. */
  ctrlCallees: Set<unknown>;
  ancestors: Statement[];
  /** RETURN, EXIT, CONTINUE: relevant wherever their body is. */
  jump: boolean;
}

function symbolsIn(d: Dispatch, node: AnyNode | null, into: Set<unknown>, callees: Set<unknown>): void {
  if (!node) return;
  const model = d.model;
  walk(node, (n) => {
    if (n.kind === 'Identifier') {
      const s = model.resolution.ids.get(n) as { kind?: string; name?: string } | undefined;
      if (s?.kind === 'var' || s?.kind === 'pou' || s?.kind === 'prop') into.add(s);
      // A property read runs the GET accessor of every block type that has a property of that name.
      if (s?.kind === 'prop') for (const g of d.getters(s.name!)) callees.add(g);
    } else if (n.kind === 'Member' && model.resolution.types.get(n.object)?.kind === 'interface') {
      for (const g of d.getters(n.member.name)) callees.add(g);
    } else if (n.kind === 'Call') {
      const t = model.resolution.calls.get(n);
      if (t?.kind === 'sym') callees.add(t.sym);
      // A method call may run the method of that name of any block type (interfaces, overrides).
      const name = n.callee.kind === 'Member' ? n.callee.member.name : n.callee.kind === 'Name' ? n.callee.id.name : null;
      const sym = t?.kind === 'sym' ? (t.sym as { kind?: string; pouKind?: string }) : null;
      const method = (sym?.kind === 'pou' && sym.pouKind === 'METHOD') || (n.callee.kind === 'Member' && model.resolution.types.get(n.callee.object)?.kind === 'interface');
      if (name && method) for (const m of d.methods(name)) callees.add(m);
    }
  });
}

/** The declarations an access chain writes (`a.b[i].c` -> a, b, c); index expressions are reads. */
function chainWrites(d: Dispatch, e: Expression, writes: Set<unknown>, reads: Set<unknown>, callees: Set<unknown>): void {
  let x: Expression = e;
  for (;;) {
    if (x.kind === 'Paren') x = x.expr;
    else if (x.kind === 'Member') {
      const s = d.model.resolution.ids.get(x.member) as { kind?: string } | undefined;
      if (s) writes.add(s);
      // A property write runs the SET accessor of every block type with a property of that name.
      if (s?.kind === 'prop' || d.model.resolution.types.get(x.object)?.kind === 'interface') for (const a of d.setters(x.member.name)) callees.add(a);
      x = x.object;
    } else if (x.kind === 'Index') {
      for (const i of x.indices) symbolsIn(d, i, reads, callees);
      x = x.object;
    } else if (x.kind === 'BitAccess') x = x.object;
    else if (x.kind === 'Deref') {
      symbolsIn(d, x, reads, callees);
      return;
    } else break;
  }
  if (x.kind === 'Name') {
    const s = d.model.resolution.ids.get(x.id) as { kind?: string } | undefined;
    if (s) writes.add(s);
    if (s?.kind === 'prop') for (const a of d.setters(x.id.name)) callees.add(a);
  }
}

/** Arguments that are places may be written by the call (outputs, in-outs): counted as writes. */
function callWrites(d: Dispatch, node: AnyNode, writes: Set<unknown>, reads: Set<unknown>, callees: Set<unknown>): void {
  walk(node, (n) => {
    if (n.kind !== 'Call') return;
    for (const a of n.args) {
      const v = a.value;
      if (v && (v.kind === 'Name' || v.kind === 'Member' || v.kind === 'Index' || v.kind === 'Paren')) chainWrites(d, v, writes, reads, callees);
    }
    if (n.callee.kind === 'Member' || n.callee.kind === 'Name' || n.callee.kind === 'Index') chainWrites(d, n.callee, writes, reads, callees);
  });
}

function collect(d: Dispatch, list: readonly Statement[], owner: Owner, ctrl: Set<unknown>, ctrlCallees: Set<unknown>, ancestors: Statement[], out: Item[]): void {
  for (const s of list) {
    const item: Item = { stmt: s, owner, writes: new Set(), reads: new Set(), callees: new Set(), ctrl, ctrlCallees, ancestors, jump: false };
    out.push(item);
    const inner = (extra: readonly (AnyNode | null)[], body: readonly Statement[]): void => {
      const c = new Set(ctrl);
      const cc = new Set(ctrlCallees);
      for (const e of extra) symbolsIn(d, e, c, cc);
      for (const x of cc) item.callees.add(x);
      collect(d, body, owner, c, cc, [...ancestors, s], out);
    };
    switch (s.kind) {
      case 'Assign':
        chainWrites(d, s.target, item.writes, item.reads, item.callees);
        symbolsIn(d, s.value, item.reads, item.callees);
        callWrites(d, s.value, item.writes, item.reads, item.callees);
        break;
      case 'CallStmt':
        symbolsIn(d, s.call, item.reads, item.callees);
        callWrites(d, s.call, item.writes, item.reads, item.callees);
        break;
      case 'If':
        for (const b of s.branches) {
          symbolsIn(d, b.cond, item.reads, item.callees);
          callWrites(d, b.cond, item.writes, item.reads, item.callees);
        }
        // Each branch also runs only when the earlier conditions were false.
        for (const b of s.branches) inner(s.branches.map((x) => x.cond), b.body);
        if (s.elseBody) inner(s.branches.map((x) => x.cond), s.elseBody);
        break;
      case 'Case': {
        const labels = s.branches.flatMap((b) => b.labels as AnyNode[]);
        symbolsIn(d, s.selector, item.reads, item.callees);
        callWrites(d, s.selector, item.writes, item.reads, item.callees);
        for (const b of s.branches) inner([s.selector, ...labels], b.body);
        if (s.elseBody) inner([s.selector, ...labels], s.elseBody);
        break;
      }
      case 'For':
        chainWrites(d, s.variable, item.writes, item.reads, item.callees);
        for (const e of [s.from, s.to, s.by]) if (e) symbolsIn(d, e, item.reads, item.callees);
        inner([s.variable, s.from, s.to, s.by], s.body);
        break;
      case 'While':
        symbolsIn(d, s.cond, item.reads, item.callees);
        inner([s.cond], s.body);
        break;
      case 'Repeat':
        symbolsIn(d, s.until, item.reads, item.callees);
        inner([s.until], s.body);
        break;
      case 'Region':
        inner([], s.body);
        break;
      case 'Return':
      case 'Exit':
      case 'Continue':
      case 'Jmp':
      case 'Label':
        item.jump = true;
        break;
      case 'Empty':
        break;
      default:
        // Anything else (raw C, a parse error) is kept, so the encoder reports it where it matters.
        item.jump = true;
    }
  }
}

/** Every body of the site with its owner: POU bodies, their actions and methods. */
function bodies(model: SemanticModel): { owner: Owner; body: readonly Statement[] }[] {
  const out: { owner: Owner; body: readonly Statement[] }[] = [];
  const seen = new Set<unknown>();
  const addPou = (p: PouSym): void => {
    if (seen.has(p) || p.builtin) return;
    seen.add(p);
    out.push({ owner: p, body: p.node.body });
    for (const a of p.actions.values()) {
      if (seen.has(a)) continue;
      seen.add(a);
      out.push({ owner: a, body: a.node.body });
    }
    for (const m of p.methods.values()) addPou(m);
    for (const pr of p.properties.values()) for (const acc of [pr.node.getter, pr.node.setter]) if (acc) out.push({ owner: acc, body: acc.body });
  };
  for (const p of model.pous) addPou(p);
  return out;
}

/** The statements in the cone of the given global variables (compound statements included when any part of them is). */
export function coneOfInfluence(model: SemanticModel, seeds: readonly string[]): Set<Statement> {
  const items: Item[] = [];
  const d = dispatchOf(model);
  for (const b of bodies(model)) collect(d, b.body, b.owner, new Set(), new Set(), [], items);
  const relevant = new Set<unknown>();
  for (const n of seeds) {
    const g = model.globals.vars.get(key(n));
    if (g) relevant.add(g);
  }
  const live = new Set<Owner>();
  const inCone = new Set<Item>();
  const hits = (xs: Set<unknown>, ys: Set<unknown>): boolean => {
    for (const x of xs) if (ys.has(x)) return true;
    return false;
  };
  let changed = true;
  while (changed) {
    changed = false;
    for (const it of items) {
      if (inCone.has(it)) continue;
      const params = [...it.callees].some((c) => {
        const p = c as { kind?: string; params?: VarSym[] };
        return p.kind === 'pou' && p.params?.some((v) => relevant.has(v));
      });
      const take = it.jump ? live.has(it.owner) : hits(it.writes, relevant) || params || [...it.callees].some((c) => live.has(c as Owner) || calleeInstanceLive(c, relevant, live));
      if (!take) continue;
      inCone.add(it);
      changed = true;
      for (const x of it.reads) relevant.add(x);
      for (const x of it.ctrl) relevant.add(x);
      for (const x of it.writes) relevant.add(x);
      // A called function's or method's result (a property's value) is read: the statements that set it are in the cone.
      for (const c of [...it.callees, ...it.ctrlCallees]) {
        const r = (c as { retVar?: VarSym | null }).retVar;
        if (r) relevant.add(r);
        for (const v of d.results(c)) relevant.add(v);
      }
      live.add(it.owner);
    }
  }
  const out = new Set<Statement>();
  for (const it of inCone) {
    out.add(it.stmt);
    for (const a of it.ancestors) out.add(a);
  }
  return out;
}

/** An FB instance call whose block type has relevant statements (its body is live). */
function calleeInstanceLive(c: unknown, _relevant: Set<unknown>, live: Set<Owner>): boolean {
  const v = c as { kind?: string; type?: { kind: string; pou?: PouSym } | null };
  return v.kind === 'var' && v.type?.kind === 'pou' && !!v.type.pou && live.has(v.type.pou);
}
