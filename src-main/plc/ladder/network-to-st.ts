import { diag } from '../diagnostics/catalog.js';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { and, atom, type Expr, FALSE, not, op, or, print, TRUE } from './network-expr.js';
import { type Block, type BlockInput, inputPoints, type InputPoint, type NetworkBody, type NetworkElement, type Wire } from './network.js';
import type { LadderOrigin, LadderTranslation } from './translation.js';

/** Past this many nested elements the body is not a drawing but a damaged or hostile file. */
const MAX_DEPTH = 400;

/** Standard functions that read better as ST operators than as formal calls. */
const OPERATORS: Readonly<Record<string, string>> = {
  AND: 'AND', OR: 'OR', XOR: 'XOR', ADD: '+', SUB: '-', MUL: '*', DIV: '/', MOD: 'MOD',
  GT: '>', GE: '>=', EQ: '=', NE: '<>', LT: '<', LE: '<=',
};

/**
 * IEC 61131-3 standard functions: without side effects, so writing one call once per reader of its result is the
 * same as calling it once. Any other function may change variables or count its calls.
 */
const PURE = new Set([
  ...Object.keys(OPERATORS), 'NOT', 'MOVE', 'ABS', 'SQRT', 'LN', 'LOG', 'EXP', 'EXPT', 'SIN', 'COS', 'TAN', 'ASIN', 'ACOS', 'ATAN',
  'ATAN2', 'SHL', 'SHR', 'ROL', 'ROR', 'SEL', 'MAX', 'MIN', 'LIMIT', 'MUX', 'TRUNC', 'LEN', 'LEFT', 'RIGHT', 'MID', 'CONCAT',
  'INSERT', 'DELETE', 'REPLACE', 'FIND',
]);
const isPure = (b: Block): boolean => PURE.has(b.typeName.toUpperCase()) || /^(?:[A-Z]+_)?TO_[A-Z]+$/i.test(b.typeName);

/** An input point that reads a box's result, with the block pin it belongs to when the reader is a box. */
interface Reader {
  element: NetworkElement;
  point: InputPoint;
  pin: BlockInput | null;
  inOut: boolean;
  wire: Wire;
}

interface Statement {
  element: NetworkElement;
  lines: string[];
  /** Statement-producing elements whose results this one reads. */
  deps: Set<number>;
}

export interface NetworkTranslation {
  translation: LadderTranslation;
  diagnostics: Diagnostic[];
}

/**
 * Translates an LD or FBD body to ST: power flows from the left rail, series is AND, wires joining at one input are
 * OR, and every coil, output variable, function block call, jump and return becomes a statement, as does a function
 * or program box whose result no element reads. A box with power on EN runs; one without does not, so its call sits
 * inside `IF <EN> THEN`, and a statement or instance input that reads a function result is written only under that
 * function's EN. Where that is not what the drawing does (the result mixed with other power while EN may be FALSE),
 * where a function output other than the result is read, or where a function with side effects would be called more
 * than once and cannot be held in a BOOL temporary, a diagnostic says so (LD1009-LD1011). Networks are the rungs
 * joined by wires, not by a rail drawn down the whole body. Statements are
 * ordered by executionOrderId where the file gives one for each, else networks in document order and, inside a
 * network, producers before consumers.
 */
export function translateNetworkBody(body: NetworkBody): NetworkTranslation {
  // A function with side effects that the ST would call more than once is called once into a temporary where its
  // type is known; that is only found out by translating, so such a body is translated a second time.
  const first = new Translator(body, new Set());
  const t = first.run(true);
  return first.hold.size ? new Translator(body, first.hold).run(false) : t;
}

class Translator {
  private readonly diagnostics: Diagnostic[] = [];
  private readonly byId = new Map<number, NetworkElement>();
  private readonly connectors = new Map<string, NetworkElement>();
  private readonly labels = new Set<string>();
  /** A computed output point, with what computing it added to the statement that asked (see `value`). */
  private readonly memo = new Map<string, { v: Expr; deps: Set<number>; gates: Expr[]; calls: Map<number, number> }>();
  private readonly visiting = new Set<string>();
  private readonly temporaries: { name: string; type: string }[] = [];
  private readonly prelude = new Map<number, string[]>();
  /** Function boxes whose result (any output but ENO) some element reads; the others are called as statements. */
  private readonly resultRead = new Set<number>();
  /** Every input point reading a box output other than ENO, by box. */
  private readonly readers = new Map<number, Reader[]>();
  /** EN of each function box whose call was written, as translated; null where it always runs. */
  private readonly enables = new Map<number, Expr | null>();
  /** How often the ST writes each function box's call: more than once runs its side effects more than once. */
  private readonly written = new Map<number, number>();
  /** Function boxes written in the current statement, with how often (kept with memoised values like deps). */
  private calls = new Map<number, number>();
  private component = new Map<number, number>();
  /** Producers read while evaluating the current statement. */
  private deps = new Set<number>();
  /** EN of every function whose result the current statement reads: it may only run when they all ran. */
  private gates: Expr[] = [];
  private depth = 0;
  /** The network whose statements are being built; edge triggers are sampled at its start. */
  private currentNet = 0;

  /** `held`: function boxes called once into a BOOL temporary, `_fn<localId>`, that their readers read. */
  constructor(
    private readonly body: NetworkBody,
    private readonly held: ReadonlySet<number>,
  ) {}

  /** After `run(true)`: the boxes to hold in a temporary, with those already held; empty when none is needed. */
  hold = new Set<number>();

  run(mayHold: boolean): NetworkTranslation {
    const elements: NetworkElement[] = [];
    for (const e of this.body.elements) {
      if (this.byId.has(e.localId)) {
        this.diagnostics.push(diag('LD1003', e.span, `${this.body.pou}: localId ${e.localId} is used twice; the second element is skipped`));
        continue;
      }
      this.byId.set(e.localId, e);
      elements.push(e);
      if (e.kind === 'connector') this.connectors.set(e.name.toUpperCase(), e);
      if (e.kind === 'label') this.labels.add(e.label.toUpperCase());
    }
    for (const e of elements) {
      for (const r of readPoints(e)) {
        for (const w of r.point) {
          const source = this.byId.get(w.refLocalId);
          if (!source) {
            this.diagnostics.push(diag('LD1001', w.span, `${this.body.pou}: localId ${e.localId} is wired to localId ${w.refLocalId}, which does not exist`));
          } else if (source.kind === 'block' && e.kind !== 'rightPowerRail' && outputName(source, w.formalParameter).toUpperCase() !== 'ENO') {
            // The right rail only sinks power, and ENO is EN passed on: neither uses the result, so neither stands
            // in for the call.
            this.resultRead.add(source.localId);
            this.readers.set(source.localId, [...(this.readers.get(source.localId) ?? []), { ...r, wire: w }]);
          }
        }
      }
    }
    const component = this.components(elements);
    this.component = component;
    const statements: Statement[] = [];
    for (const e of elements) {
      this.deps = new Set();
      this.gates = [];
      this.calls = new Map();
      this.currentNet = component.get(e.localId) ?? 0;
      const lines = this.guardedStatement(e);
      if (lines.length) statements.push({ element: e, lines, deps: new Set([...this.deps].filter((d) => d !== e.localId)) });
      if (lines.length) for (const [id, n] of this.calls) this.written.set(id, (this.written.get(id) ?? 0) + n);
    }
    const hold = this.checkResults(mayHold);
    if (hold.size) this.hold = new Set([...this.held, ...hold]);
    const ordered = this.order(statements, elements, component);
    const st: string[] = [];
    const origins: LadderOrigin[] = [];
    let lastNet = -1;
    for (const s of ordered) {
      const net = component.get(s.element.localId) ?? 0;
      const label = `network ${net + 1} (localId ${s.element.localId})`;
      if (net !== lastNet) {
        for (const line of this.prelude.get(net) ?? []) {
          st.push(line);
          origins.push({ span: s.element.span, label });
        }
        lastNet = net;
      }
      for (const line of s.lines) {
        st.push(line);
        origins.push({ span: s.element.span, label });
      }
    }
    const text = st.length ? `${st.join('\n')}\n` : '';
    return { translation: { st: text, lines: origins, temporaries: this.temporaries }, diagnostics: this.diagnostics };
  }

  /**
   * Connected elements form one network; the rank orders networks by execution order, then by position in the file.
   * A rail that is the only one on its side is drawn down the whole body (Beremiz, OpenPLC) and shared by every rung,
   * so it joins nothing. Where a side has several rails, each is drawn for one group of rungs (a CODESYS network, a
   * commented block of rungs) and keeps that group one network.
   */
  private components(elements: NetworkElement[]): Map<number, number> {
    const parent = new Map<number, number>(elements.map((e) => [e.localId, e.localId]));
    const find = (x: number): number => {
      let r = x;
      while (parent.get(r) !== r) r = parent.get(r)!;
      while (parent.get(x) !== r) {
        const next = parent.get(x)!;
        parent.set(x, r);
        x = next;
      }
      return r;
    };
    const union = (a: number, b: number): void => {
      if (parent.has(a) && parent.has(b)) parent.set(find(a), find(b));
    };
    const count = (kind: NetworkElement['kind']): number => elements.filter((e) => e.kind === kind).length;
    const joins = { leftPowerRail: count('leftPowerRail') > 1, rightPowerRail: count('rightPowerRail') > 1 };
    const shared = (e: NetworkElement): boolean => (e.kind === 'leftPowerRail' || e.kind === 'rightPowerRail') && !joins[e.kind];
    for (const e of elements) {
      if (shared(e)) continue;
      for (const point of inputPoints(e)) {
        for (const w of point) {
          const source = this.byId.get(w.refLocalId);
          if (source && !shared(source)) union(e.localId, w.refLocalId);
        }
      }
      if (e.kind === 'continuation') {
        const c = this.connectors.get(e.name.toUpperCase());
        if (c) union(e.localId, c.localId);
      }
    }
    const groups = new Map<number, { order: number; index: number }>();
    elements.forEach((e, index) => {
      // Rails are shared by every rung; they belong to no network of their own.
      if (isRail(e)) return;
      const root = find(e.localId);
      const g = groups.get(root) ?? { order: Infinity, index };
      if (e.executionOrderId !== null) g.order = Math.min(g.order, e.executionOrderId);
      groups.set(root, g);
    });
    const ranked = [...groups.entries()].sort((a, b) => a[1].order - b[1].order || a[1].index - b[1].index);
    const rank = new Map(ranked.map(([root], i) => [root, i]));
    return new Map(elements.map((e) => [e.localId, rank.get(find(e.localId)) ?? 0]));
  }

  private order(statements: Statement[], elements: NetworkElement[], component: Map<number, number>): Statement[] {
    const index = new Map(elements.map((e, i) => [e.localId, i]));
    const explicit = statements.every((s) => s.element.executionOrderId !== null);
    const keyOf = (s: Statement): number[] =>
      explicit
        ? [s.element.executionOrderId!, index.get(s.element.localId)!]
        : [component.get(s.element.localId) ?? 0, s.element.executionOrderId ?? Infinity, index.get(s.element.localId)!];
    const cmp = (a: Statement, b: Statement): number => {
      const ka = keyOf(a);
      const kb = keyOf(b);
      for (let i = 0; i < ka.length; i++) if (ka[i] !== kb[i]) return ka[i]! - kb[i]!;
      return 0;
    };
    const sorted = [...statements].sort(cmp);
    if (explicit) return sorted;
    // Kahn's algorithm, always taking the earliest ready statement; a loop through function block instances is
    // legal feedback (the instance keeps last scan's outputs), so what is left is emitted in file order.
    const producers = new Set(statements.map((s) => s.element.localId));
    const pending = new Map(sorted.map((s) => [s.element.localId, new Set([...s.deps].filter((d) => producers.has(d)))]));
    const out: Statement[] = [];
    const done = new Set<number>();
    while (out.length < sorted.length) {
      const next = sorted.find((s) => !done.has(s.element.localId) && [...pending.get(s.element.localId)!].every((d) => done.has(d))) ?? sorted.find((s) => !done.has(s.element.localId))!;
      done.add(next.element.localId);
      out.push(next);
    }
    return out;
  }

  private input(point: InputPoint): Expr | null {
    if (point.length === 0) return null;
    return or(point.map((w) => this.value(w.refLocalId, w.formalParameter)));
  }

  /**
   * The value at an output point: the power or data an element passes on to the right. What it depends on (producers,
   * EN gates) is kept with the memoised value, so a second statement reading the same point depends on them too.
   */
  private value(id: number, formal: string | null): Expr {
    const e = this.byId.get(id);
    if (!e) return FALSE;
    const key = `${id}|${(formal ?? '').toUpperCase()}`;
    const known = this.memo.get(key);
    if (known && e.kind !== 'block') {
      this.adopt(known.deps, known.gates, known.calls);
      return known.v;
    }
    if (this.visiting.has(key)) {
      this.diagnostics.push(diag('LD1002', e.span, `${this.body.pou}: localId ${id} feeds back into itself without a variable or instance in between`));
      return FALSE;
    }
    if (this.depth >= MAX_DEPTH) {
      this.diagnostics.push(diag('LD1008', e.span, `${this.body.pou}: more than ${MAX_DEPTH} elements in a chain at localId ${id}`));
      return FALSE;
    }
    this.visiting.add(key);
    this.depth++;
    const outer = { deps: this.deps, gates: this.gates, calls: this.calls };
    this.deps = new Set();
    this.gates = [];
    this.calls = new Map();
    try {
      const v = this.compute(e, formal);
      if (e.kind !== 'block') this.memo.set(key, { v, deps: this.deps, gates: this.gates, calls: this.calls });
      return v;
    } finally {
      const inner = { deps: this.deps, gates: this.gates, calls: this.calls };
      this.deps = outer.deps;
      this.gates = outer.gates;
      this.calls = outer.calls;
      this.adopt(inner.deps, inner.gates, inner.calls);
      this.depth--;
      this.visiting.delete(key);
    }
  }

  private adopt(deps: Set<number>, gates: Expr[], calls = new Map<number, number>()): void {
    for (const d of deps) this.deps.add(d);
    for (const [id, n] of calls) this.calls.set(id, (this.calls.get(id) ?? 0) + n);
    for (const g of gates) if (!this.gates.some((h) => print(h) === print(g))) this.gates.push(g);
  }

  private compute(e: NetworkElement, formal: string | null): Expr {
    switch (e.kind) {
      case 'leftPowerRail':
        return TRUE;
      case 'contact': {
        const power = this.input(e.input) ?? FALSE;
        let term = atom(e.variable);
        if (e.edge !== 'none') term = atom(`${this.trigger(e.localId, e.edge, e.variable)}.Q`);
        return and([power, e.negated ? not(term) : term]);
      }
      case 'coil':
      case 'connector':
        return this.input(e.input) ?? FALSE;
      case 'continuation': {
        const c = this.connectors.get(e.name.toUpperCase());
        if (c) return this.value(c.localId, null);
        this.diagnostics.push(diag('LD1005', e.span, `${this.body.pou}: continuation '${e.name}' has no connector of that name`));
        return FALSE;
      }
      case 'inVariable':
      case 'inOutVariable':
      case 'outVariable':
        return e.negated ? not(atom(e.expression)) : atom(e.expression);
      case 'block':
        return this.blockOutput(e, formal);
      default:
        return FALSE;
    }
  }

  private blockOutput(b: Block, formal: string | null): Expr {
    const name = outputName(b, formal);
    const output = b.outputs.find((o) => o.formalParameter.toUpperCase() === name.toUpperCase());
    let v: Expr;
    if (name.toUpperCase() === 'ENO') {
      // ENO is EN once the box has run; depending on the box puts its call first in the rung.
      this.deps.add(b.localId);
      v = this.enable(b) ?? TRUE;
    } else if (b.instanceName) {
      this.deps.add(b.localId);
      v = atom(`${b.instanceName}.${name}`);
    } else {
      const en = this.functionEnable(b);
      if (en) this.adopt(new Set(), [en]);
      if (this.held.has(b.localId)) {
        this.deps.add(b.localId);
        v = atom(heldName(b));
      } else {
        this.calls.set(b.localId, (this.calls.get(b.localId) ?? 0) + 1);
        v = this.functionCall(b);
      }
    }
    return output?.negated ? not(v) : v;
  }

  /** A function's EN where it can be FALSE, else null; kept for the check that its result is read only while it runs. */
  private functionEnable(b: Block): Expr | null {
    const en = this.enable(b);
    const gate = en && !(en.k === 'const' && en.v) ? en : null;
    this.enables.set(b.localId, gate);
    return gate;
  }

  /**
   * Reports the function results the ST cannot carry one to one, once every statement is built; returns the boxes
   * that are better called once into a BOOL temporary (only asked for while `mayHold`).
   */
  private checkResults(mayHold: boolean): Set<number> {
    const hold = new Set<number>();
    for (const [id, readers] of this.readers) {
      const b = this.byId.get(id);
      if (b?.kind !== 'block' || b.instanceName) continue;
      const where = `${b.typeName} (localId ${id}) in network ${(this.component.get(id) ?? 0) + 1}`;
      const result = resultName(b);
      const others = new Map<string, string>();
      for (const r of readers) {
        const name = outputName(b, r.wire.formalParameter);
        if (result !== null && name.toUpperCase() !== result.toUpperCase()) others.set(name.toUpperCase(), name);
      }
      for (const name of others.values()) {
        this.diagnostics.push(diag('LD1010', b.span, `${this.body.pou}: output ${name} of ${where} is read, but a function or program box is translated as a call that gives only its result (${result}); the ST would read the result in its place`));
      }
      const written = this.written.get(id) ?? 0;
      if (written > 1 && !isPure(b)) {
        if (mayHold && readers.every(carriesPower)) hold.add(id);
        else this.diagnostics.push(diag('LD1011', b.span, `${this.body.pou}: ${where} is drawn once but its result is read in ${written} places, and it is not a standard function: the ST would call it ${written} times a scan, and the type its result would need for a temporary is not known here`));
      }
      const en = this.enables.get(id);
      const loose = en ? readers.find((r) => !this.readsWhileRunning(r, en)) : undefined;
      if (loose) {
        this.diagnostics.push(diag('LD1009', b.span, `${this.body.pou}: ${where} has a wired EN, and localId ${loose.element.localId} reads its result mixed with other logic or where it can run when the function does not; while EN is FALSE the function is not run and its result is not defined, so no ST can say what the drawing does`));
      }
    }
    return hold;
  }

  /**
   * Whether a reader of a function result with EN `en` takes the result only when the function runs, so that not
   * running the function means the reader's statement or assignment is skipped, as the translation writes it: a plain
   * coil or output variable wired to the result alone, an input of an instance (it keeps its value), or an input of a
   * function that itself runs only when `en` is TRUE (ENO to EN).
   */
  private readsWhileRunning(r: Reader, en: Expr): boolean {
    if (r.point.length !== 1) return false;
    const e = r.element;
    switch (e.kind) {
      case 'coil':
        return e.storage === 'none' && e.edge === 'none';
      case 'outVariable':
      case 'inOutVariable':
        return true;
      case 'block': {
        if (!r.pin || r.inOut || r.pin.edge !== 'none' || r.pin.formalParameter.toUpperCase() === 'EN') return false;
        if (e.instanceName) return true;
        const own = this.enables.get(e.localId);
        if (!own) return false;
        const terms = new Set(andTerms(own).map(print));
        return andTerms(en).every((t) => terms.has(print(t)));
      }
      default:
        return false;
    }
  }

  /** The power on EN; null when the box has no EN pin or nothing wired to it, so it always runs. */
  private enable(b: Block): Expr | null {
    const en = b.inputs.find((i) => i.formalParameter.toUpperCase() === 'EN');
    return en ? this.pin(b, en) : null;
  }

  private pin(b: Block, i: BlockInput): Expr | null {
    let v = this.input(i.input);
    if (!v) return null;
    if (i.edge !== 'none') v = atom(`${this.trigger(`${b.localId}_${i.formalParameter}`, i.edge, print(v))}.Q`);
    return i.negated ? not(v) : v;
  }

  private args(b: Block): { name: string; value: Expr }[] {
    const out: { name: string; value: Expr }[] = [];
    for (const i of [...b.inputs, ...b.inOuts]) {
      if (i.formalParameter.toUpperCase() === 'EN') continue;
      const v = this.pin(b, i);
      if (v) out.push({ name: i.formalParameter, value: v });
    }
    return out;
  }

  /**
   * An instance call. An input fed by a function that did not run keeps the value it had, as the instance does
   * between calls: it is written on its own, under that function's EN, and left out of the call.
   */
  private instanceCall(b: Block, instance: string): string[] {
    const inputs: string[] = [];
    const args: { name: string; value: Expr }[] = [];
    for (const i of [...b.inputs, ...b.inOuts]) {
      if (i.formalParameter.toUpperCase() === 'EN') continue;
      const outer = this.gates;
      this.gates = [];
      const v = this.pin(b, i);
      const gates = this.gates;
      this.gates = outer;
      if (!v) continue;
      // An in-out is a reference, bound only by the call; it waits for its functions with the whole statement.
      if (gates.length && !b.inOuts.includes(i)) inputs.push(...guarded(and(gates), [`${instance}.${i.formalParameter} := ${print(v)};`]));
      else {
        this.adopt(new Set(), gates);
        args.push({ name: i.formalParameter, value: v });
      }
    }
    return [...inputs, `${this.formalCall(b, args)};`];
  }

  /** A formal call of the instance or, for a function, of its type: the form of any box that stands as a statement. */
  private formalCall(b: Block, args = this.args(b)): string {
    return `${b.instanceName ?? b.typeName}(${args.map((a) => `${a.name} := ${print(a.value)}`).join(', ')})`;
  }

  private functionCall(b: Block): Expr {
    const args = this.args(b);
    const type = b.typeName.toUpperCase();
    const operator = OPERATORS[type];
    if (operator && args.length >= 2) return operator === 'AND' ? and(args.map((a) => a.value)) : operator === 'OR' ? or(args.map((a) => a.value)) : op(operator, args.map((a) => a.value));
    if (type === 'NOT' && args.length === 1) return not(args[0]!.value);
    if (type === 'MOVE' && args.length === 1) return args[0]!.value;
    return atom(this.formalCall(b, args));
  }

  /** An R_TRIG/F_TRIG instance sampled at the start of the network, standing in for an edge contact or input. */
  private trigger(id: number | string, edge: 'rising' | 'falling', clk: string): string {
    const name = `_${edge === 'rising' ? 'r' : 'f'}trig${id}`;
    if (!this.temporaries.some((t) => t.name === name)) {
      this.temporaries.push({ name, type: edge === 'rising' ? 'R_TRIG' : 'F_TRIG' });
      const net = this.currentNet;
      this.prelude.set(net, [...(this.prelude.get(net) ?? []), `${name}(CLK := ${clk});`]);
    }
    return name;
  }

  private requireInput(e: NetworkElement & { input: InputPoint }, what: string): Expr | null {
    const v = this.input(e.input);
    if (v === null) this.diagnostics.push(diag('LD1004', e.span, `${this.body.pou}: ${what} (localId ${e.localId}) has no incoming wire; it is not translated`));
    return v;
  }

  /** A stack overflow on a pathological graph is a diagnostic, never a crash (the depth cap normally prevents it). */
  private guardedStatement(e: NetworkElement): string[] {
    try {
      const lines = this.statement(e);
      return lines.length && this.gates.length ? guarded(conjunction(this.gates), lines) : lines;
    } catch (err) {
      if (!(err instanceof RangeError)) throw err;
      this.visiting.clear();
      this.depth = 0;
      this.diagnostics.push(diag('LD1008', e.span, `${this.body.pou}: the network at localId ${e.localId} is too deep to translate`));
      return [];
    }
  }

  private statement(e: NetworkElement): string[] {
    switch (e.kind) {
      case 'coil': {
        const p = this.requireInput(e, `coil ${e.variable}`);
        if (!p) return [];
        let power = p;
        const pre: string[] = [];
        if (e.edge !== 'none') {
          const t = `_${e.edge === 'rising' ? 'r' : 'f'}trig${e.localId}`;
          this.temporaries.push({ name: t, type: e.edge === 'rising' ? 'R_TRIG' : 'F_TRIG' });
          pre.push(`${t}(CLK := ${print(power)});`);
          power = atom(`${t}.Q`);
        }
        if (e.storage !== 'none') return [...pre, ...guarded(power, [`${e.variable} := ${e.storage === 'set' ? 'TRUE' : 'FALSE'};`])];
        return [...pre, `${e.variable} := ${print(e.negated ? not(power) : power)};`];
      }
      case 'outVariable':
      case 'inOutVariable': {
        if (e.kind === 'inOutVariable' && e.input.length === 0) return [];
        const v = this.requireInput(e, `output ${e.expression}`);
        return v ? [`${e.expression} := ${print(e.negated ? not(v) : v)};`] : [];
      }
      case 'jump': {
        if (!this.labels.has(e.label.toUpperCase())) this.diagnostics.push(diag('LD1006', e.span, `${this.body.pou}: jump to '${e.label}', which no label defines`));
        const p = this.requireInput(e, `jump ${e.label}`);
        return p ? guarded(p, [`JMP ${e.label};`]) : [];
      }
      case 'return': {
        const p = this.requireInput(e, 'return');
        return p ? guarded(p, ['RETURN;']) : [];
      }
      case 'label':
        return [`${e.label}:`];
      case 'block': {
        // A function or program whose result nobody reads is still called, for its side effects (operators too: the
        // drawing calls them); one whose result is read runs where it is read.
        if (!e.instanceName && this.resultRead.has(e.localId)) {
          if (!this.held.has(e.localId)) return [];
          // Read by several elements but called once, as drawn: its readers read the temporary.
          const name = heldName(e);
          if (!this.temporaries.some((t) => t.name === name)) this.temporaries.push({ name, type: 'BOOL' });
          const call = `${name} := ${print(this.functionCall(e))};`;
          return guarded(this.functionEnable(e) ?? TRUE, [call]);
        }
        const body = e.instanceName ? this.instanceCall(e, e.instanceName) : [`${this.formalCall(e)};`];
        return guarded((e.instanceName ? this.enable(e) : this.functionEnable(e)) ?? TRUE, body);
      }
      default:
        return [];
    }
  }
}

/** Every input point of an element, with the block pin it is when the element is a box. */
function readPoints(e: NetworkElement): Omit<Reader, 'wire'>[] {
  if (e.kind !== 'block') return inputPoints(e).map((point) => ({ element: e, point, pin: null, inOut: false }));
  return [...e.inputs.map((pin) => ({ element: e, point: pin.input, pin, inOut: false })), ...e.inOuts.map((pin) => ({ element: e, point: pin.input, pin, inOut: true }))];
}

/** A reader that takes the value as power flow, so the value is BOOL: wires joined at one point are OR-ed. */
function carriesPower(r: Reader): boolean {
  const k = r.element.kind;
  return r.point.length > 1 || k === 'contact' || k === 'coil' || k === 'jump' || k === 'return' || r.pin?.formalParameter.toUpperCase() === 'EN';
}

/** The BOOL temporary a function read in several places is called into. */
function heldName(b: Block): string {
  return `_fn${b.localId}`;
}

/** A function box's result: its first output that is not ENO; null when it declares none (any name then reads it). */
function resultName(b: Block): string | null {
  return b.outputs.find((o) => o.formalParameter.trim().toUpperCase() !== 'ENO')?.formalParameter.trim() ?? null;
}

function andTerms(e: Expr): Expr[] {
  return e.k === 'op' && e.op === 'AND' ? e.items : [e];
}

/** The AND of EN gates, each term once: a function enabled by another's ENO repeats that one's EN. */
function conjunction(gates: Expr[]): Expr {
  const seen = new Set<string>();
  return and(gates.flatMap(andTerms).filter((t) => (seen.has(print(t)) ? false : (seen.add(print(t)), true))));
}

function isRail(e: NetworkElement): boolean {
  return e.kind === 'leftPowerRail' || e.kind === 'rightPowerRail';
}

/** The output a wire reads: its formal parameter, or the box's first output when the wire names none. */
function outputName(b: Block, formal: string | null): string {
  return (formal ?? b.outputs[0]?.formalParameter ?? '').trim();
}

function guarded(power: Expr, body: string[]): string[] {
  if (power.k === 'const' && power.v) return body;
  return [`IF ${print(power)} THEN`, ...body.map((l) => `    ${l}`), 'END_IF;'];
}
