import { findAll } from '../../../plc/edit/codemod.js';
import { key, type Literal } from '../../../plc/st/ast.js';
import type { Attempt } from './attempt.js';
import type { Rng } from './random.js';
import { typeOf, varOf, type PouInfo, type SiteContext, type UnitInfo } from './site-context.js';
import { isSafetyName } from './site-facts.js';

const TIMERS = new Set(['TON', 'TOF', 'TP', 'TONR', 'LTON', 'LTOF', 'LTP', 'TON_TIME', 'TOF_TIME']);

/** A shorter duration literal in the literal's own spelling (T#, t#, TIME#), in ms. */
function shorter(lit: Literal): string | null {
  if (typeof lit.value !== 'bigint') return null;
  const ms = Number(lit.value / 1_000_000n);
  if (ms < 20) return null;
  const next = Math.max(10, Math.round((ms * 0.8) / 10) * 10);
  const prefix = /^[A-Za-z_]+#/.exec(lit.text)?.[0] ?? 'T#';
  return `${prefix}${next}${/[a-z]/.test(lit.text.slice(prefix.length)) ? 'ms' : 'MS'}`;
}

/**
 * A changed timer preset, not a safety delay: a TON/TOF/TP called outside the safety POUs with a literal PT,
 * shortened by about a fifth. The timing of outputs may move (declared for the hazardous ones); the
 * generator keeps only presets under which the site's scenarios still pass.
 */
export function timerPt(ctx: SiteContext, rng: Rng): Attempt[] | string {
  const found: { at: PouInfo; lit: Literal; timer: string; to: string }[] = [];
  for (const at of ctx.pous) {
    if (at.safety) continue;
    for (const call of findAll(at.pou, 'Call')) {
      if (call.callee.kind !== 'Name') continue;
      const v = varOf(ctx, call.callee.id);
      const tn = v?.typeSpec?.kind === 'NamedType' ? v.typeSpec.name.parts.map((p) => p.name).join('.') : '';
      // A standard timer's PT, or a time parameter of one of the site's own process FBs (a jam or fill
      // time); never a PLCopen safety block's times (discrepancy, synchronisation).
      const userFb = ctx.program.model.pous.some((p) => !p.builtin && p.pouKind === 'FUNCTION_BLOCK' && key(p.name) === key(tn) && !ctx.safetyPous.has(key(p.name)));
      if (!TIMERS.has(key(tn)) && !userFb) continue;
      const pt = call.args.find((a) => a.name && (TIMERS.has(key(tn)) ? key(a.name.name) === 'PT' : !/DISCREP|SYNC|SAFE/i.test(a.name.name)) && a.value?.kind === 'Literal' && a.value.litKind === 'time');
      const lit = pt?.value as Literal | undefined;
      const to = lit ? shorter(lit) : null;
      if (lit && to) found.push({ at, lit, timer: call.callee.id.name, to });
    }
  }
  if (!found.length) return 'no standard timer or process FB with a literal time parameter outside the safety POUs in Structured Text';
  const hazardous = ctx.config.safety.hazardousOutputs;
  return rng.shuffle(found).map(({ at, lit, timer, to }) => (ed) => {
    ed.replace(at.unit, lit, to);
    return { description: `${timer}.PT in ${at.pou.name.name}: ${lit.text} -> ${to}`, allowed: hazardous };
  });
}

/**
 * A changed process constant: a numeric literal compared with a process value (<, >, <=, >=) outside the
 * safety POUs, or the value of a CONSTANT declaration (a time a fifth shorter), moved by a small step.
 * Declared like timer-pt.
 */
export function processConstant(ctx: SiteContext, rng: Rng): Attempt[] | string {
  const found: { unit: UnitInfo; lit: Literal; to: string; where: string }[] = [];
  const step = (lit: Literal): string | null => {
    if (lit.litKind === 'time') return shorter(lit);
    if (lit.typePrefix) return null;
    if (lit.litKind === 'real' && typeof lit.value === 'number' && lit.value !== 0) return String(Number((lit.value * 1.05).toPrecision(6))).replace(/^(-?\d+)$/, '$1.0');
    if (lit.litKind === 'int' && typeof lit.value === 'number' && lit.value >= 5 && /^\d+$/.test(lit.text)) return String(lit.value + 1);
    return null;
  };
  // A step number of a sequence is not a process constant: leave alone any variable or constant that is a
  // CASE selector or label, or compared for equality with a literal (a state).
  const states = new Set<unknown>();
  for (const u of ctx.units) {
    for (const c of findAll(u.cs.parse.unit, 'Case')) {
      for (const n of findAll(c.selector, 'Name')) states.add(varOf(ctx, n.id));
      for (const b of c.branches) for (const l of b.labels) for (const n of findAll(l, 'Name')) states.add(varOf(ctx, n.id));
    }
    for (const b of findAll(u.cs.parse.unit, 'Binary', (x) => x.op === '=' || x.op === '<>')) {
      if (b.left.kind === 'Literal' || b.right.kind === 'Literal') for (const n of findAll(b, 'Name')) states.add(varOf(ctx, n.id));
    }
  }
  states.delete(null);
  const stateLike = (e: Parameters<typeof typeOf>[1]): boolean => findAll(e, 'Name').some((n) => states.has(varOf(ctx, n.id)));
  for (const at of ctx.pous) {
    if (at.safety) continue;
    for (const b of findAll(at.pou, 'Binary', (x) => x.op === '<' || x.op === '>' || x.op === '<=' || x.op === '>=')) {
      for (const [lit, other] of [[b.right, b.left], [b.left, b.right]] as const) {
        if (lit.kind !== 'Literal') continue;
        const t = typeOf(ctx, other);
        if (t?.kind !== 'elem' || stateLike(other)) continue;
        const to = step(lit);
        if (to) found.push({ unit: at.unit, lit, to, where: `a comparison in ${at.pou.name.name}` });
      }
    }
    for (const blk of at.pou.varBlocks.filter((x) => x.qualifiers.includes('CONSTANT'))) {
      for (const d of blk.decls) {
        const name = key(d.names[0]?.name ?? '');
        const sym = ctx.program.model.pous.find((p) => p.node === at.pou)?.vars.get(name) ?? ctx.program.model.globalVars.find((g) => key(g.name) === name);
        if (isSafetyName(ctx, name)) continue;
        if (sym && states.has(sym)) continue;
        const to = d.init?.kind === 'Literal' ? step(d.init) : null;
        if (to && d.init?.kind === 'Literal') found.push({ unit: at.unit, lit: d.init, to, where: `constant ${d.names[0]?.name ?? '?'} of ${at.pou.name.name}` });
      }
    }
  }
  for (const unit of ctx.units) {
    for (const g of findAll(unit.cs.parse.unit, 'GlobalVars', (x) => x.block.qualifiers.includes('CONSTANT'))) {
      for (const d of g.block.decls) {
        const name = d.names[0]?.name ?? '';
        const sym = ctx.program.model.globalVars.find((v) => key(v.name) === key(name));
        if (isSafetyName(ctx, name) || (sym && states.has(sym)) || d.init?.kind !== 'Literal') continue;
        const to = step(d.init);
        if (to) found.push({ unit, lit: d.init, to, where: `global constant ${name}` });
      }
    }
  }
  if (!found.length) return 'no process constant (a numeric literal in a comparison or a CONSTANT declaration) outside the safety POUs';
  const hazardous = ctx.config.safety.hazardousOutputs;
  return rng.shuffle(found).map(({ unit, lit, to, where }) => (ed) => {
    ed.replace(unit, lit, to);
    return { description: `${where}: ${lit.text} -> ${to}`, allowed: hazardous };
  });
}
