import type { SiteSafety } from '../../src-shared/model/site.js';
import { key, type Pragma } from '../plc/st/ast.js';
import type { SafetySummary } from '../evidence/report.js';
import type { SiteVersion } from '../evidence/site-version.js';
import { findPouVar } from '../plc/check/symbols.js';
import { SiteIndex, walkStatements, type BodyRef } from './site-index.js';
import { isSafeOutput, isSafetyFbType, SF_SAFETY_INPUTS } from '../safety-blocks/index.js';

/** A PLCopen SF_* instance found in the code: what it reads and which hazardous outputs its safe outputs gate. */
export interface SfInstance {
  pou: string;
  instance: string;
  fbType: string;
  /** Parameter → argument text, as called. */
  inputs: { param: string; arg: string }[];
  /** Variables its S_*Out outputs are written to (directly, `=>`, or as part of an assignment). */
  gates: string[];
}

/** The declared configuration plus what it leaves out, inferred from the code, each with its reason. */
export interface SafetyModel {
  declared: SiteSafety;
  estops: string[];
  guards: string[];
  hazardousOutputs: string[];
  reactionMs: number | null;
  reset: string | null;
  safetyPous: string[];
  safetyVariables: string[];
  sfInstances: SfInstance[];
  inferred: { item: string; reason: string }[];
}

function isSafetyPragma(p: Pragma): boolean {
  return p.attribute !== null && key(p.attribute.name) === 'SAFETY' && (p.attribute.value === null || key(p.attribute.value) !== 'FALSE');
}

export function buildSafetyModel(config: SiteSafety, v: SiteVersion): SafetyModel {
  const idx = new SiteIndex(v);
  const m: SafetyModel = {
    declared: config,
    estops: [...config.estops],
    guards: [...config.guards],
    hazardousOutputs: [...config.hazardousOutputs],
    reactionMs: config.reactionMs,
    reset: config.reset,
    safetyPous: [...config.pous],
    safetyVariables: [...new Set([...config.estops, ...config.guards, ...config.hazardousOutputs, ...(config.reset ? [config.reset] : [])])],
    sfInstances: [],
    inferred: [],
  };
  const has = (list: string[], n: string): boolean => list.some((x) => key(x) === key(n));
  const infer = (list: string[], item: string, reason: string, label = item): void => {
    if (has(list, item)) return;
    list.push(item);
    m.inferred.push({ item: label, reason });
  };

  // {attribute 'safety'} on POUs, GVLs and declarations; S_-prefixed variables.
  for (const p of v.model.pous) {
    if (p.builtin) continue;
    if (!p.owner && p.node.pragmas.some(isSafetyPragma)) infer(m.safetyPous, p.name, `POU ${p.name} is marked {attribute 'safety'}`);
    for (const sv of p.vars.values()) {
      const where = `${p.owner ? `${p.owner.name}.` : ''}${p.name}`;
      if (sv.decl?.pragmas.some(isSafetyPragma)) infer(m.safetyVariables, `${where}.${sv.name}`, `${sv.name} in ${where} is marked {attribute 'safety'}`);
      else if (/^S_/i.test(sv.name)) infer(m.safetyVariables, `${where}.${sv.name}`, `${sv.name} in ${where} has the S_ prefix of a safety variable`);
    }
  }
  for (const u of v.project.sources.map((s) => s.parse.unit)) {
    for (const d of u.declarations) {
      if (d.kind !== 'GlobalVars') continue;
      const gvlSafety = d.pragmas.some(isSafetyPragma);
      for (const decl of d.block.decls) {
        for (const id of decl.names) {
          if (gvlSafety || decl.pragmas.some(isSafetyPragma)) infer(m.safetyVariables, id.name, `global ${id.name} is marked {attribute 'safety'}`);
          else if (/^S_/i.test(id.name)) infer(m.safetyVariables, id.name, `global ${id.name} has the S_ prefix of a safety variable`);
        }
      }
    }
  }

  // SF_* instances: what they read and what they gate.
  for (const b of idx.bodies) {
    walkStatements(b.statements, (n) => {
      if (n.kind !== 'Call') return;
      const c = idx.callee(n, b);
      if (c.kind !== 'fb' || !isSafetyFbType(c.type.name)) return;
      const inputs = n.args.filter((a) => a.assign !== '=>' && a.value).map((a, i) => ({ param: a.name?.name ?? c.type.params[i]?.name ?? `#${i + 1}`, arg: idx.show(a.value!, b.file) }));
      let inst = m.sfInstances.find((x) => x.pou === b.name && key(x.instance) === key(c.instText));
      if (!inst) m.sfInstances.push((inst = { pou: b.name, instance: c.instText, fbType: c.type.name, inputs, gates: [] }));
      if (!has(m.safetyPous, b.owner.name)) infer(m.safetyPous, b.owner.name, `${b.owner.name} calls the safety function block ${c.instText} (${c.type.name})`);
      for (const role of SF_SAFETY_INPUTS[key(c.type.name)] ?? []) {
        const a = inputs.find((x) => key(x.param) === key(role.param));
        if (!a) continue;
        for (const src of throughParams(idx, b, a.arg)) {
          if (!/^[A-Za-z_]\w*(\.[A-Za-z_]\w*)?$/.test(src.arg) || /^(TRUE|FALSE)$/i.test(src.arg)) continue;
          const list = role.role === 'estop' ? m.estops : m.guards;
          const via = src.via ? ` (through ${src.via})` : '';
          infer(list, src.arg, `${src.arg} is read by ${c.instText}.${role.param} (${c.type.name}) in ${b.name}${via}`, `${role.role === 'estop' ? 'e-stop' : 'guard'} ${src.arg}`);
          infer(m.safetyVariables, src.arg, `${src.arg} is a safety input of ${c.instText}${via}`);
        }
      }
      const reset = inputs.find((x) => key(x.param) === 'RESET');
      const resetSrc = reset ? throughParams(idx, b, reset.arg)[0] : undefined;
      if (!m.reset && resetSrc && /^[A-Za-z_]\w*$/.test(resetSrc.arg)) {
        m.reset = resetSrc.arg;
        m.inferred.push({ item: `reset ${resetSrc.arg}`, reason: `${resetSrc.arg} is the Reset input of ${c.instText} in ${b.name}${resetSrc.via ? ` (through ${resetSrc.via})` : ''}` });
      }
      for (const a of n.args) {
        if (a.assign === '=>' && a.value && a.name && isSafeOutput(a.name.name)) inst.gates.push(idx.show(a.value, b.file));
      }
    });
    // Assignments that read an SF instance's safe output.
    walkStatements(b.statements, (n) => {
      if (n.kind !== 'Assign') return;
      const vt = idx.tokenKey(n.value, b.file);
      for (const s of m.sfInstances) {
        if (s.pou !== b.name) continue;
        if (new RegExp(`\\b${s.instance.toUpperCase().replace(/[.[\]]/g, '\\$&')} \\. S_`).test(vt)) s.gates.push(idx.show(n.target, b.file));
      }
    });
  }
  for (const s of m.sfInstances) {
    s.gates = [...new Set(s.gates)];
    for (const g of s.gates) {
      const sym = v.model.globals.vars.get(key(g));
      if (sym?.location?.startsWith('%Q')) infer(m.hazardousOutputs, g, `${g} (${sym.location}) is driven by the safe output of ${s.instance} (${s.fbType})`);
      infer(m.safetyVariables, g, `${g} is written from a safe output of ${s.instance}`);
    }
  }
  for (const name of m.safetyPous) {
    if (!idx.pou(name) && has(config.pous, name)) m.inferred.push({ item: `missing POU ${name}`, reason: `site.yaml names ${name} as a safety POU but the code has no such POU` });
  }
  return m;
}

/**
 * What an SF block's argument reads at the device: the argument itself, or, where it is an input parameter
 * of the POU the block sits in (a user safety FB's `bEStopIn`), what each caller passes for it, followed up
 * to a few levels of calls. A parameter no caller connects yields nothing (it names no device).
 */
function throughParams(idx: SiteIndex, b: BodyRef, arg: string, depth = 0, via = ''): { arg: string; via: string }[] {
  if (!/^[A-Za-z_]\w*$/.test(arg) || depth > 4) return [{ arg, via }];
  const p = findPouVar(b.self, key(arg)) ?? findPouVar(b.owner, key(arg));
  if (!p || (p.section !== 'VAR_INPUT' && p.section !== 'VAR_IN_OUT')) return [{ arg, via }];
  const pou = b.self === b.owner ? b.owner : b.self;
  const out: { arg: string; via: string }[] = [];
  for (const cb of idx.bodies) {
    walkStatements(cb.statements, (n) => {
      if (n.kind !== 'Call') return;
      const c = idx.callee(n, cb);
      const t = c.kind === 'fb' ? c.type : c.kind === 'pou' ? c.pou : null;
      if (t !== pou) return;
      const i = t.params.findIndex((x) => key(x.name) === key(p.name));
      const a = n.args.find((x) => x.assign !== '=>' && x.name && key(x.name.name) === key(p.name)) ?? (n.args.every((x) => !x.name) ? n.args[i] : undefined);
      if (!a?.value) return;
      const step = `${via ? `${via}, ` : ''}${t.name}.${p.name} from ${cb.name}`;
      out.push(...throughParams(idx, cb, idx.show(a.value, cb.file), depth + 1, step));
    });
  }
  return out;
}

/** Both versions' inferences together (a change must not hide a safety item by removing the code it came from). */
export function mergeSafetyModels(a: SafetyModel, b: SafetyModel): SafetyModel {
  const u = (x: string[], y: string[]): string[] => [...x, ...y.filter((n) => !x.some((m) => key(m) === key(n)))];
  const seen = new Set(a.inferred.map((i) => i.item));
  return {
    ...a,
    estops: u(a.estops, b.estops),
    guards: u(a.guards, b.guards),
    hazardousOutputs: u(a.hazardousOutputs, b.hazardousOutputs),
    reset: a.reset ?? b.reset,
    safetyPous: u(a.safetyPous, b.safetyPous),
    safetyVariables: u(a.safetyVariables, b.safetyVariables),
    sfInstances: [...a.sfInstances, ...b.sfInstances.filter((s) => !a.sfInstances.some((t) => t.pou === s.pou && key(t.instance) === key(s.instance)))],
    inferred: [...a.inferred, ...b.inferred.filter((i) => !seen.has(i.item))],
  };
}

/** The model as the configuration the analyses use (declared plus inferred). */
export function effectiveSafety(m: SafetyModel): SiteSafety {
  return { estops: m.estops, guards: m.guards, hazardousOutputs: m.hazardousOutputs, reactionMs: m.reactionMs, reset: m.reset, pous: m.safetyPous };
}

export function toSafetySummary(m: SafetyModel): SafetySummary {
  return {
    estops: [...m.estops],
    guards: [...m.guards],
    hazardousOutputs: [...m.hazardousOutputs],
    reactionMs: m.reactionMs,
    reset: m.reset,
    safetyPous: [...m.safetyPous],
    safetyVariables: [...m.safetyVariables],
    inferred: m.inferred.map((i) => ({ ...i })),
  };
}
