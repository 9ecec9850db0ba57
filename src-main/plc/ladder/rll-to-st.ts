import { diag } from '../diagnostics/catalog.js';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { INSTRUCTIONS, type AoiTable } from './rll-instructions.js';
import { commentText, exprToSt, numericValue, rootsOf } from './rll-operand.js';
import type { Instruction, Rung, RungElement } from './rung.js';
import type { LadderTranslation } from './translation.js';

export interface RllTranslateOptions {
  aois?: AoiTable;
  /** The declared type of a tag root (upper-cased name), used by RES; undefined when unknown. */
  typeOf?: (root: string) => string | undefined;
  /** Prefix of generated temporaries; defaults to `_r<number>`. Routines sharing one POU need distinct ones. */
  tempPrefix?: string;
}

/**
 * A rung condition: AND-ed parts. `reads` are the tag roots it depends on; null once it lives in a temporary
 * (or is a constant), so no later write can change it.
 */
interface Cond {
  parts: string[];
  reads: Set<string> | null;
}

type Writes = Set<string> | 'all';

/** What RES clears besides the accumulator (POS for CONTROL). */
const RES_MEMBERS = {
  TIMER: ['EN', 'TT', 'DN'],
  COUNTER: ['CU', 'CD', 'DN', 'OV', 'UN'],
  CONTROL: ['EN', 'EU', 'DN', 'EM', 'ER', 'UL', 'IN', 'FD'],
} as const;

const expr = (c: Cond): string => (c.parts.length ? c.parts.join(' AND ') : 'TRUE');
const guarded = (c: Cond, stmt: string): string => (c.parts.length ? `IF ${expr(c)} THEN ${stmt} END_IF;` : stmt);
const and = (c: Cond, part: string, reads: Set<string>): Cond => ({
  parts: [...c.parts, part],
  reads: new Set([...(c.reads ?? []), ...reads]),
});
const root = (op: string): Set<string> => rootsOf(op.split(/[.[]/)[0] ?? op);

/**
 * Translates one parsed rung into ST with Logix semantics: the rung condition flows left to right, output
 * instructions pass it on unchanged, input and compare instructions AND into it, branches OR their legs. Where
 * a write (an output, a one-shot's storage bit, a JSR) could change a tag that a condition still needed later
 * reads, that condition is first saved in a temporary, so evaluation order matches the controller's scan.
 */
export function translateRung(rung: Rung, opts: RllTranslateOptions = {}): { translation: LadderTranslation; diagnostics: Diagnostic[] } {
  const prefix = opts.tempPrefix ?? `_r${rung.number}`;
  const lines: string[] = [];
  const labels: string[] = [];
  const temps: { name: string; type: string }[] = [];
  const diagnostics: Diagnostic[] = [];
  const live: Cond[] = [];
  const fbs = new Set<string>();
  let counter = 0;
  const file = rung.span.file;

  const temp = (stem: string, type: string): string => {
    const name = `${prefix}_${stem}${++counter}`;
    temps.push({ name, type });
    return name;
  };
  const fbInstance = (type: string): string => {
    const name = `${prefix}_${type.slice(3).toLowerCase()}`;
    if (!fbs.has(name)) temps.push({ name, type });
    fbs.add(name);
    return name;
  };
  /** Saves every still-needed condition that `writes` could change. */
  const protect = (writes: Writes, extra: Cond[]): void => {
    for (const c of [...live, ...extra]) {
      if (!c.reads || c.reads.size === 0) continue;
      if (writes !== 'all' && ![...c.reads].some((r) => writes.has(r))) continue;
      const t = temp('c', 'BOOL');
      lines.push(`${t} := ${expr(c)};`);
      c.parts = [t];
      c.reads = null;
    }
  };

  const instruction = (ins: Instruction, cur: Cond, usedAfter: boolean, first: boolean): Cond => {
    const ops = ins.operands.map(exprToSt);
    const key = ins.mnemonic.toUpperCase();
    const keep = usedAfter ? [cur] : [];
    const write = (w: Writes, stmt: (c: Cond) => string): Cond => {
      protect(w, keep);
      lines.push(stmt(cur));
      return cur;
    };
    const assign = (dest: string, value: string): Cond => write(root(dest), (c) => guarded(c, `${dest} := ${value};`));
    const compare = (op: string): Cond => and(cur, `(${ops[0]} ${op} ${ops[1]})`, new Set([...rootsOf(ops[0]!), ...rootsOf(ops[1]!)]));
    const fbCall = (type: string, param: string): Cond =>
      write(root(ops[0]!), (c) => `${fbInstance(type)}(EnableIn := ${expr(c)}, ${param} := ${ops[0]});`);
    switch (key) {
      case 'XIC':
        return and(cur, ops[0]!, rootsOf(ops[0]!));
      case 'XIO':
        return and(cur, `NOT ${ops[0]}`, rootsOf(ops[0]!));
      case 'OTE':
        return write(root(ops[0]!), (c) => `${ops[0]} := ${expr(c)};`);
      case 'OTL':
        return assign(ops[0]!, 'TRUE');
      case 'OTU':
        return assign(ops[0]!, 'FALSE');
      case 'ONS': {
        // Rung-out is true for one scan when rung-in rises; the storage bit remembers rung-in.
        protect(root(ops[0]!), [cur]);
        const t = temp('ons', 'BOOL');
        lines.push(`${t} := ${expr(cur)} AND NOT ${ops[0]};`, `${ops[0]} := ${expr(cur)};`);
        return { parts: [t], reads: null };
      }
      case 'OSR':
      case 'OSF': {
        const edge = key === 'OSR' ? `${expr(cur)} AND NOT ${ops[0]}` : `NOT (${expr(cur)}) AND ${ops[0]}`;
        protect(new Set([...root(ops[0]!), ...root(ops[1]!)]), [cur]);
        lines.push(`${ops[1]} := ${edge};`, `${ops[0]} := ${expr(cur)};`);
        return cur;
      }
      case 'TON': case 'TOF': case 'RTO':
        return fbCall(`RA_${key}`, 'Timer');
      case 'CTU': case 'CTD':
        return fbCall(`RA_${key}`, 'Counter');
      case 'RES': {
        const r = [...root(ops[0]!)][0] ?? '';
        let type = opts.typeOf?.(r)?.toUpperCase();
        if (type !== 'TIMER' && type !== 'COUNTER' && type !== 'CONTROL') {
          diagnostics.push(diag('LD2012', { file, start: ins.start, end: ins.end }, `type of ${ins.operands[0]} is unknown; RES treated as a timer reset`));
          type = 'TIMER';
        }
        const members = RES_MEMBERS[type as keyof typeof RES_MEMBERS];
        const acc = type === 'CONTROL' ? 'POS' : 'ACC';
        const body = [`${ops[0]}.${acc} := 0;`, ...members.map((m) => `${ops[0]}.${m} := FALSE;`)].join(' ');
        return write(root(ops[0]!), (c) => (c.parts.length ? `IF ${expr(c)} THEN ${body} END_IF;` : body));
      }
      case 'MOV': return assign(ops[1]!, ops[0]!);
      case 'CPT': return assign(ops[0]!, ops[1]!);
      case 'ADD': return assign(ops[2]!, `${ops[0]} + ${ops[1]}`);
      case 'SUB': return assign(ops[2]!, `${ops[0]} - ${ops[1]}`);
      case 'MUL': return assign(ops[2]!, `${ops[0]} * ${ops[1]}`);
      case 'DIV': return assign(ops[2]!, `${ops[0]} / ${ops[1]}`);
      case 'MOD': return assign(ops[2]!, `${ops[0]} MOD ${ops[1]}`);
      case 'AND': case 'OR': case 'XOR': return assign(ops[2]!, `${ops[0]} ${key} ${ops[1]}`);
      case 'NOT': return assign(ops[1]!, `NOT ${ops[0]}`);
      case 'NEG': return assign(ops[1]!, `-(${ops[0]})`);
      case 'ABS': return assign(ops[1]!, `ABS(${ops[0]})`);
      case 'SQR': case 'SQRT': return assign(ops[1]!, `SQRT(${ops[0]})`);
      case 'CLR': return assign(ops[0]!, '0');
      case 'EQU': return compare('=');
      case 'NEQ': return compare('<>');
      case 'GRT': return compare('>');
      case 'GES': return compare('>=');
      case 'LES': return compare('<');
      case 'LEQ': return compare('<=');
      case 'LIM': {
        const [lo, test, hi] = ops as [string, string, string];
        const reads = new Set([...rootsOf(lo), ...rootsOf(test), ...rootsOf(hi)]);
        const l = numericValue(lo);
        const h = numericValue(hi);
        // Logix LIM with Low > High is true outside the range; fold the case when both limits are constants.
        const inside = `(${test} >= ${lo} AND ${test} <= ${hi})`;
        const outside = `(${test} >= ${lo} OR ${test} <= ${hi})`;
        if (l !== null && h !== null) return and(cur, l <= h ? inside : outside, reads);
        return and(cur, `((${lo} <= ${hi} AND ${test} >= ${lo} AND ${test} <= ${hi}) OR (${lo} > ${hi} AND ${outside}))`, reads);
      }
      case 'CMP':
        return and(cur, `(${ops[0]})`, rootsOf(ops[0]!));
      case 'JSR':
        if (ops.length > 2) diagnostics.push(diag('LD2010', { file, start: ins.start, end: ins.end }, `JSR ${ins.operands[0]} passes parameters; they are not translated`));
        return write('all', (c) => guarded(c, `${ops[0]}();`));
      case 'SBR':
      case 'RET':
        if (ops.length > 0) diagnostics.push(diag('LD2010', { file, start: ins.start, end: ins.end }, `${key} parameters are not translated`));
        return key === 'SBR' ? cur : write(new Set(), (c) => guarded(c, 'RETURN;'));
      case 'JMP':
        return write(new Set(), (c) => guarded(c, `JMP ${ops[0]};`));
      case 'LBL':
        if (!first) diagnostics.push(diag('LD2011', { file, start: ins.start, end: ins.end }, `LBL ${ins.operands[0]} is not the first instruction of rung ${rung.number}`));
        labels.push(`${ops[0]}: ;`);
        return cur;
      case 'AFI':
        return and(cur, 'FALSE', new Set());
      case 'NOP':
        return cur;
      default:
        break;
    }
    const aoi = opts.aois?.get(key);
    if (aoi && !INSTRUCTIONS.has(key)) {
      const args = aoi.required.map((p, i) => `${p.name} ${p.usage === 'Output' ? '=>' : ':='} ${ops[i + 1]}`);
      // Rung-out becomes the instance's EnableOut, so the incoming condition is not needed afterwards.
      protect('all', []);
      lines.push(`${ops[0]}(${[`EnableIn := ${expr(cur)}`, ...args].join(', ')});`);
      return { parts: [`${ops[0]}.EnableOut`], reads: root(ops[0]!) };
    }
    diagnostics.push(diag('LD2009', { file, start: ins.start, end: ins.end }, `${ins.mnemonic} is not translated to ST`));
    lines.push(`(* ${commentText(`${ins.mnemonic}(${ins.operands.join(',')})`)} not translated *)`);
    return cur;
  };

  /** `outUsed`: whether the sequence's resulting condition is read after it (by a later element or an OR). */
  const sequence = (els: RungElement[], cin: Cond, outUsed: boolean, atRungStart: boolean): Cond => {
    let cur = cin;
    els.forEach((el, k) => {
      const usedAfter = k < els.length - 1 || outUsed;
      const first = atRungStart && k === 0;
      if (el.kind === 'Instruction') cur = instruction(el, cur, usedAfter, first);
      else cur = branch(el.legs, cur, usedAfter, first);
    });
    return cur;
  };

  const branch = (legs: RungElement[][], cin: Cond, outUsed: boolean, atRungStart: boolean): Cond => {
    const results: Cond[] = [];
    legs.forEach((leg, i) => {
      const more = i < legs.length - 1;
      if (more) live.push(cin);
      const r = sequence(leg, cin, outUsed, atRungStart && i === 0);
      if (more) live.pop();
      if (outUsed) {
        results.push(r);
        live.push(r);
      }
    });
    live.splice(live.length - results.length, results.length);
    if (!outUsed) return cin;
    // Every leg's result implies the branch input, so a wire leg makes the branch pass its input on.
    if (results.some((r) => r === cin)) return cin;
    const n = cin.parts.length;
    const reads = new Set<string>();
    for (const r of results) for (const x of r.reads ?? []) reads.add(x);
    const factored = results.every((r) => r.parts.length > n && cin.parts.every((p, j) => r.parts[j] === p));
    const legText = (parts: string[]): string => (parts.length > 1 ? `(${parts.join(' AND ')})` : parts[0]!);
    if (factored) {
      for (const x of cin.reads ?? []) reads.add(x);
      return { parts: [...cin.parts, `(${results.map((r) => legText(r.parts.slice(n))).join(' OR ')})`], reads };
    }
    return { parts: [`(${results.map((r) => legText(r.parts.length ? r.parts : ['TRUE'])).join(' OR ')})`], reads };
  };

  sequence(rung.elements, { parts: [], reads: new Set() }, false, true);
  const body = [...labels, ...lines];
  if (rung.comment) body.unshift(`(* ${commentText(rung.comment)} *)`);
  return { translation: withOrigin(body, rung, temps), diagnostics };
}

function withOrigin(body: string[], rung: Rung, temporaries: { name: string; type: string }[]): LadderTranslation {
  const origin = { span: rung.span, label: `rung ${rung.number}` };
  return { st: body.join('\n'), lines: body.map(() => origin), temporaries };
}

/** The stand-in for a rung that has errors: translating a damaged rung would invent logic. */
export function untranslatedRung(rung: Rung): LadderTranslation {
  return withOrigin([`(* rung ${rung.number} not translated: it has errors *)`], rung, []);
}

/** Concatenates rung translations into one routine body. */
export function joinTranslations(parts: LadderTranslation[]): LadderTranslation {
  const nonEmpty = parts.filter((p) => p.st !== '' || p.lines.length > 0);
  return {
    st: nonEmpty.map((p) => p.st).join('\n'),
    lines: nonEmpty.flatMap((p) => p.lines),
    temporaries: nonEmpty.flatMap((p) => p.temporaries),
  };
}
