import { key } from '../../plc/st/ast.js';
import type { Finding } from '../../evidence/report.js';
import { positiveAtoms, toSt } from '../bool-expr.js';
import { AtomTable } from '../atoms.js';
import { decideImplies } from '../decide.js';
import type { VersionAnalysis } from '../guard-analysis.js';
import type { SafetyModel } from '../safety-model.js';
import { analyzePair, at, counts, finding, type SafetyRule } from '../rule-kit.js';
import { defeatingConstant, sfPinRole } from '../../safety-blocks/index.js';
import type { EvidenceLocation } from '../../evidence/report.js';

interface Forcing {
  /**
   * What the forcing means, for matching it across the two versions (counted): the POU, the safety input or the
   * SF block pin it defeats, never the name of an internal variable, an instance or the statement's text, so a
   * renamed jumper or instance of a forcing the site already had is not new.
   */
  id: string;
  /** The analysis could not decide it: an open point, not a defect. */
  undecided?: boolean;
  message: string;
  loc: EvidenceLocation;
  facts: string[];
}

function forcings(v: VersionAnalysis, safety: SafetyModel): Forcing[] {
  const out: Forcing[] = [];
  const exec = v.exec;
  const inputs = [...safety.estops, ...safety.guards, ...(safety.reset ? [safety.reset] : [])];
  const inputKeys = new Map(inputs.map((i) => [key(i), i]));
  const hazardous = new Set(safety.hazardousOutputs.map(key));
  const name = (id: string): string => exec.atoms.text(id);
  for (const r of exec.runs) {
    for (const w of r.writes) {
      const inp = inputKeys.get(w.varKey);
      if (inp) {
        out.push({ id: `write|${w.body}|${key(inp)}`, message: `safety input ${inp} is overwritten by the program (${w.target} ${w.op} ${w.valueText || '...'})`, loc: at(exec, w.file, w.start), facts: [`${w.body}: ${w.target} ${w.op} ${w.valueText || '(value not tracked)'}`] });
        continue;
      }
      if (hazardous.has(w.varKey) || !w.value) continue;
      // A jumper: a copy of a safety input that can be TRUE while the input is FALSE.
      for (const i of [...safety.estops, ...safety.guards]) {
        const id = AtomTable.inputId(i);
        if (!positiveAtoms(w.value).has(id)) continue;
        const d = decideImplies(w.value, { k: 'atom', id }, exec.atoms.constraintOf);
        if (d.status === 'holds') continue;
        out.push({
          id: `jumper|${w.body}|${key(i)}`,
          undecided: d.status === 'undecided',
          message: d.status === 'undecided' ? `whether ${w.target} is a jumper of safety input ${i} could not be decided: ${d.reason}` : `${w.target} copies safety input ${i} but can be TRUE while ${i} is FALSE (a jumper)`,
          loc: at(exec, w.file, w.start),
          facts: [`${w.body}: ${w.target} := ${toSt(w.value, name)}`],
        });
      }
      if (w.op === 'S=' || (w.value.k === 'const' && w.value.v)) {
        const copies = r.writes.filter((x) => x.varKey === w.varKey && x.value && [...positiveAtoms(x.value)].some((a) => exec.atoms.atoms.get(a)?.kind === 'input'));
        if (copies.length) {
          out.push({
            id: `jumper|${w.body}|forced|${[...new Set(copies.flatMap((c) => [...positiveAtoms(c.value!)].filter((a) => exec.atoms.atoms.get(a)?.kind === 'input')))].sort().join(',')}`,
            message: `${w.target} copies a safety input and is also forced TRUE (a jumper)`,
            loc: at(exec, w.file, w.start),
            facts: [`${w.body}: ${w.target} ${w.op} ${w.valueText}`, ...copies.map((c) => `${c.body}: ${c.target} := ${c.valueText}`)],
          });
        }
      }
    }
    for (const c of r.calls) {
      if (c.callee.kind !== 'fb' || !/^SF_/i.test(c.callee.type.name)) continue;
      for (const a of c.args.values()) {
        if (!/^S_/i.test(a.param) || !a.value || a.value.k !== 'const') continue;
        const f = constantFinding(c.callee.type.name, a.param, a.value.v);
        if (!f) continue;
        out.push({
          id: `const|${c.body}|${key(c.callee.type.name)}|${key(a.param)}|${a.value.v}`,
          message: `${c.callee.instText}.${a.param} is wired to the constant ${a.value.v ? 'TRUE' : 'FALSE'} (${a.text}): ${f}`,
          loc: at(exec, c.file, c.start),
          facts: [`${c.body}: ${c.callee.instText}(${a.param} := ${a.text})`],
        });
      }
    }
  }
  return out;
}

/**
 * Why a constant on an SF block's S_ input defeats it, or null where the constant is the safe wiring (FALSE on a
 * device input only holds the output off). S_StartReset / S_AutoReset are SAF004's: TRUE there is an
 * automatic restart, not a bypassed device. A pin the table does not know is reported whatever the constant.
 */
function constantFinding(fbType: string, pin: string, value: boolean): string | null {
  const role = sfPinRole(fbType, pin);
  if (role === 'restart') return null;
  const bad = role ? defeatingConstant(role) : null;
  if (role && bad === null) return 'this setting has no safe constant in general; wire it from the mode or control signal';
  if (bad === null) return `${fbType}.${pin} is not in the table of PLCopen safety pins, so no constant is known to be safe`;
  return value === bad ? `the device this pin reads is bypassed (${value ? 'TRUE' : 'FALSE'} means healthy for ${pin})` : null;
}

/** SAF003: a safety input overwritten, forced, wired to a constant, or bridged by a jumper variable. */
export const saf003: SafetyRule = {
  info: {
    id: 'SAF003',
    title: 'Safety input overwritten, forced or bypassed',
    rationale:
      'An e-stop, guard or reset input must reach the safety logic as the device reports it; writing it, wiring the healthy constant to an S_ device input of a PLCopen block or ORing a copy with TRUE defeats the device.',
    reference: 'ISO 14119:2013 clause 7 (minimising the possibility of defeating interlocking devices); ISO 13849-1:2023 clause 5.2.2; IEC 60204-1:2016 clause 9.4.1',
  },
  check(before, after, safety) {
    const p = analyzePair(before, after, safety);
    const old = counts(forcings(p.b, safety).map((f) => f.id));
    const out: Finding[] = [];
    for (const f of forcings(p.a, safety)) {
      const n = old.get(f.id) ?? 0;
      if (n > 0) {
        old.set(f.id, n - 1);
        continue;
      }
      const x = finding('SAF003', 'error', f.message, [f.loc], f.facts);
      out.push(f.undecided ? { ...x, undecided: true } : x);
    }
    return out;
  },
};
