import type { PouSym, VarSym } from '../plc/check/symbols.js';
import { findPouVar } from '../plc/check/symbols.js';
import { key, type AnyNode, type Call, type Expression, type Statement } from '../plc/st/ast.js';
import { T, type Token } from '../plc/st/tokens.js';
import { walk } from '../plc/st/walk.js';
import type { SiteVersion } from '../evidence/site-version.js';

/**
 * One site version indexed for the safety rules: every body of user code (POU, method, action, property
 * accessor), how names resolve to variable keys, what each call calls, and node texts without comments or
 * layout. A variable key is the upper-case global name, or `POU.NAME` for a POU's own variable, or
 * `INSTANCEKEY.MEMBER` for an FB instance member.
 */

export interface BodyRef {
  /** `Safety_Logic`, `FB_X.Method`, `FB_X.Action`, `FB_X.Prop.GET`. */
  name: string;
  /** The POU whose variables (and whose FB instance data) the body sees. */
  owner: PouSym;
  /** The method's own symbol (its locals), else the owner. */
  self: PouSym;
  file: string;
  statements: Statement[];
  start: number;
}

export type Callee =
  | { kind: 'fb'; instKey: string; instText: string; type: PouSym }
  | { kind: 'pou'; pou: PouSym }
  | { kind: 'std'; name: string }
  | { kind: 'unknown' };

export class SiteIndex {
  readonly bodies: BodyRef[] = [];
  private readonly texts = new Map<string, string>();
  private readonly tokens = new Map<string, Token[]>();

  constructor(readonly v: SiteVersion) {
    for (const s of v.project.sources) {
      this.texts.set(s.virtualFile, s.source.text);
      this.tokens.set(s.virtualFile, s.parse.tokens);
    }
    for (const p of v.model.pous) {
      if (p.builtin) continue;
      const owner = p.owner ?? p;
      const name = p.owner ? `${p.owner.name}.${p.name}` : p.name;
      this.bodies.push({ name, owner, self: p, file: p.file, statements: p.node.body, start: p.node.start });
      for (const a of p.actions.values()) {
        this.bodies.push({ name: `${p.name}.${a.name}`, owner: p, self: p, file: a.file, statements: a.node.body, start: a.node.start });
      }
      for (const pr of p.properties.values()) {
        for (const acc of [pr.node.getter, pr.node.setter]) {
          if (acc) this.bodies.push({ name: `${p.name}.${pr.name}.${acc.accessor}`, owner: p, self: p, file: p.file, statements: acc.body, start: acc.start });
        }
      }
    }
  }

  pou(name: string): PouSym | null {
    const k = key(name);
    return this.v.model.pous.find((p) => !p.builtin && !p.owner && key(p.name) === k) ?? null;
  }

  text(file: string): string {
    return this.texts.get(file) ?? '';
  }

  /** The node's tokens (no comments, no layout), for comparing versions. */
  tokenKey(node: { start: number; end: number }, file: string): string {
    return this.tokenTexts(node.start, node.end, file).join(' ').toUpperCase();
  }

  /** Readable source of the node with comments dropped and layout normalised. */
  show(node: { start: number; end: number }, file: string): string {
    const parts = this.tokenTexts(node.start, node.end, file);
    let out = '';
    for (const t of parts) {
      const tight = out === '' || /[.([]$/.test(out) || /^[.,;)\]]/.test(t) || (t === '(' && /\w$/.test(out));
      out += tight ? t : ` ${t}`;
    }
    return out;
  }

  tokenTexts(start: number, end: number, file: string): string[] {
    const toks = this.tokens.get(file) ?? [];
    const text = this.text(file);
    let lo = 0;
    let hi = toks.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (toks[mid]!.start < start) lo = mid + 1;
      else hi = mid;
    }
    const out: string[] = [];
    for (let i = lo; i < toks.length && toks[i]!.end <= end; i++) {
      const t = toks[i]!;
      if (t.kind === T.EOF) break;
      out.push(text.slice(t.start, t.end));
    }
    return out;
  }

  /** The variable a plain name stands for in a body: its key and symbol. */
  resolveName(body: BodyRef, name: string): { key: string; sym: VarSym | null } {
    const k = key(name);
    for (const p of body.self === body.owner ? [body.owner] : [body.self, body.owner]) {
      const prefix = p === body.owner ? key(p.name) : key(body.name);
      const v = findPouVar(p, k);
      if (v && v.section !== 'VAR_EXTERNAL') return { key: `${prefix}::${k}`, sym: v };
      if (p.retVar && key(p.name) === k) return { key: `${prefix}::${k}`, sym: p.retVar };
    }
    return { key: k, sym: this.v.model.globals.vars.get(k) ?? null };
  }

  /** The key of an lvalue or variable read; `weak` when only part of it is meant (array element, bit). */
  varKey(e: Expression, body: BodyRef): { key: string; weak: boolean } | null {
    switch (e.kind) {
      case 'Name':
        return { key: this.resolveName(body, e.id.name).key, weak: false };
      case 'Paren':
        return this.varKey(e.expr, body);
      case 'Member': {
        const o = e.object;
        if (o.kind === 'Name' && this.v.model.globals.gvls.has(key(o.id.name)) && !findPouVar(body.owner, key(o.id.name))) {
          return { key: key(e.member.name), weak: false };
        }
        if (o.kind === 'This' || (o.kind === 'Deref' && o.object.kind === 'This')) return { key: `${key(body.owner.name)}::${key(e.member.name)}`, weak: false };
        const base = this.varKey(o, body);
        return base ? { key: `${base.key}.${key(e.member.name)}`, weak: base.weak } : null;
      }
      case 'Index':
      case 'BitAccess': {
        const base = this.varKey(e.object, body);
        return base ? { key: base.key, weak: true } : null;
      }
      default:
        return null;
    }
  }

  /** The symbol of a variable read or lvalue, when the checker resolved it. */
  varSym(e: Expression, body: BodyRef): VarSym | null {
    if (e.kind === 'Name') return this.resolveName(body, e.id.name).sym;
    if (e.kind === 'Member') {
      const r = this.v.model.resolution.ids.get(e.member) as { kind?: string } | undefined;
      return r?.kind === 'var' ? (r as VarSym) : null;
    }
    return null;
  }

  isBool(e: Expression): boolean {
    const t = this.v.model.resolution.types.get(e);
    if (t) return t.kind === 'elem' && t.cls === 'bool';
    if (e.kind === 'Literal') return e.litKind === 'bool';
    if (e.kind === 'Unary') return e.op === 'NOT' && this.isBool(e.operand);
    if (e.kind === 'Binary') return ['=', '<>', '<', '>', '<=', '>='].includes(e.op);
    return false;
  }

  callee(call: Call, body: BodyRef): Callee {
    const r = this.v.model.resolution.calls.get(call);
    if (!r) return { kind: 'unknown' };
    if (r.kind === 'std') return { kind: 'std', name: r.name };
    const s = r.sym as { kind?: string; type?: { kind: string; pou?: PouSym } };
    if (s.kind === 'pou') return { kind: 'pou', pou: s as PouSym };
    if (s.kind === 'var' && s.type?.kind === 'pou' && s.type.pou) {
      const k = this.varKey(call.callee, body);
      return { kind: 'fb', instKey: k?.key ?? this.tokenKey(call.callee, body.file), instText: this.show(call.callee, body.file), type: s.type.pou };
    }
    return { kind: 'unknown' };
  }

  /** Every body that a call to `pou` executes (the POU itself); methods and actions are separate bodies. */
  bodyOf(pou: PouSym): BodyRef | null {
    return this.bodies.find((b) => b.self === pou && b.statements === pou.node.body) ?? null;
  }

  locate(file: string, offset: number): ReturnType<SiteVersion['locate']> {
    return this.v.locate(file, offset);
  }
}

/** Every node under the statements, pre-order. */
export function walkStatements(list: readonly Statement[], visit: (n: AnyNode, parent: AnyNode | null) => boolean | void): void {
  for (const s of list) walk(s, visit);
}
