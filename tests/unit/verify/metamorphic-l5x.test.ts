import { beforeAll, describe, expect, test } from 'vitest';
import { join } from 'node:path';
import { exampleFleetDir } from '../../../src-main/app/paths.js';
import { buildSiteProgram } from '../../../src-main/fleet/site-program.js';
import { readL5x } from '../../../src-main/plc/formats/l5x.js';
import { generateVariant, isVariant, KINDS, loadSiteContext, type SiteContext, type Variant, type VariantKind } from '../../../src-main/verify/mutation-suite/metamorphic/index.js';
import { allRoutines, allRungs, readL5xDoc, type L5xDoc } from '../../../src-main/verify/mutation-suite/metamorphic/l5x-document.js';

/**
 * The ladder path of the metamorphic generator on the Studio 5000 example (bottling-l5x-11): every kind that
 * applies to ladder makes a variant, the edited export is well-formed L5X that the repo's reader reads without
 * new diagnostics and that compiles, and each kind edits what it says it does.
 */
const SITE = 'bottling-l5x-11';
const FILE = 'src/Capper_Line11.L5X';
const SEEDS = [1, 2, 3];
let ctx: SiteContext;
let before: L5xDoc;

beforeAll(() => {
  ctx = loadSiteContext(join(exampleFleetDir(), SITE));
  before = readL5xDoc(FILE, ctx.files.get(FILE)!)!;
});

const variant = (kind: VariantKind, seed = 1): Variant => {
  const g = generateVariant(ctx, kind, seed);
  if (!isVariant(g)) throw new Error(`${kind}/${seed}: ${g.reason}`);
  return g;
};
const after = (v: Variant): L5xDoc => readL5xDoc(FILE, v.files.find((f) => f.path === FILE)!.text)!;
const texts = (d: L5xDoc): string[] => allRungs(d).map((g) => g.text?.text ?? '');
const diagCodes = (text: string): string[] => readL5x(FILE, text).diagnostics.map((d) => d.code).sort();
const added = (a: string[], b: string[]): string[] => {
  const left = [...b];
  return a.filter((x) => {
    const i = left.indexOf(x);
    if (i < 0) return true;
    left.splice(i, 1);
    return false;
  });
};


describe('metamorphic variants of a Studio 5000 ladder site', () => {
  test('every kind makes a variant of the ladder site', () => {
    for (const kind of KINDS) for (const seed of SEEDS) expect(isVariant(generateVariant(ctx, kind, seed)), `${kind}/${seed}`).toBe(true);
  });

  test('each variant is well-formed L5X: read without new diagnostics, rungs numbered 0..n-1, and it compiles', () => {
    const base = diagCodes(ctx.files.get(FILE)!);
    for (const kind of KINDS) {
      for (const seed of SEEDS) {
        const v = variant(kind, seed);
        expect(v.changed, v.id).toEqual([FILE]);
        const text = v.files.find((f) => f.path === FILE)!.text;
        expect(diagCodes(text), v.id).toEqual(base);
        const doc = after(v);
        for (const r of allRoutines(doc).filter((x) => x.type === 'RLL')) expect(r.rungs.map((g) => g.number), `${v.id} ${r.name}`).toEqual(r.rungs.map((_, i) => i));
        expect(allRungs(doc).every((g) => g.ok), v.id).toBe(true);
        expect(buildSiteProgram(ctx.dir, ctx.config, v.files).errors.map((e) => e.message), v.id).toEqual([]);
      }
    }
  });

  test('semantics-preserving kinds: rename, swap, extract, comments and indentation only', () => {
    const rn = variant('rename-internal', 1);
    const [, from, to] = /tag \w+\.(\w+) to (\w+)/.exec(rn.description)!;
    const d = after(rn);
    expect(d.tags.some((t) => t.name === from)).toBe(false);
    expect(d.tags.some((t) => t.name === to)).toBe(true);
    expect(texts(d)).toEqual(texts(before).map((t) => t.replace(new RegExp(`\\b${from}\\b`, 'g'), to!)));

    const sw = after(variant('reorder-assignments', 1));
    expect([...texts(sw)].sort()).toEqual([...texts(before)].sort());
    expect(texts(sw)).not.toEqual(texts(before));

    const ex = after(variant('extract-function', 1));
    const newRoutine = allRoutines(ex).find((r) => !allRoutines(before).some((b) => b.name === r.name))!;
    expect(newRoutine.type).toBe('RLL');
    expect(texts(ex)).toContain(`JSR(${newRoutine.name},0);`);
    expect(added(texts(ex), texts(before))).toEqual([`JSR(${newRoutine.name},0);`]);

    const cm = variant('add-comments', 1);
    expect(texts(after(cm))).toEqual(texts(before));
    expect(allRungs(after(cm)).map((g) => g.comment?.text ?? null)).not.toEqual(allRungs(before).map((g) => g.comment?.text ?? null));

    const ri = variant('reindent', 1).files.find((f) => f.path === FILE)!.text;
    expect(ri.replace(/\s+/g, '')).toBe(ctx.files.get(FILE)!.replace(/\s+/g, ''));
    expect(ri).not.toBe(ctx.files.get(FILE));
  });

  test('safety-neutral kinds: a lamp rung and tag, a contact in series, a shorter preset; each declared', () => {
    const lamp = variant('new-lamp', 1);
    const ld = after(lamp);
    expect(lamp.allowedDifferences).toHaveLength(1);
    const name = lamp.allowedDifferences[0]!;
    expect(ld.tags.find((t) => t.name === name)?.dataType).toBe('BOOL');
    expect(added(texts(ld), texts(before))).toEqual([expect.stringMatching(new RegExp(`^XI[CO]\\(\\w+\\)OTE\\(${name}\\);$`))]);

    const sc = variant('stronger-condition', 1);
    const bt = texts(before);
    const changed = texts(after(sc)).map((t, i) => [bt[i]!, t] as const).filter(([was, now]) => was !== now);
    expect(changed).toHaveLength(1);
    const [was, now] = changed[0]!;
    const m = new RegExp(`^(.*)XI[CO]\\(\\w+\\)(OT[EL]\\(${sc.allowedDifferences[0]}\\);)$`).exec(now);
    expect(m, now).not.toBeNull();
    expect(m![1]! + m![2]!).toBe(was);

    const tp = variant('timer-pt', 1);
    const [, tag, pre, post] = /TON\((\w+)\).*PRE (\d+) -> (\d+)/.exec(tp.description)!;
    expect(Number(post)).toBeLessThan(Number(pre));
    const el = after(tp).tags.find((t) => t.name === tag)!.el;
    const raw = v2text(tp).slice(el.start, el.end);
    expect(raw).toContain(`[0,${post},0]`);
    expect(raw).toContain(`Name="PRE" DataType="DINT" Radix="Decimal" Value="${post}"`);
    expect(texts(after(tp))).toEqual(texts(before));

    const pc = variant('process-constant', 1);
    const [, ctr, from, into] = /CTU\((\w+)\).*: (\d+) -> (\d+)/.exec(pc.description)!;
    const cel = after(pc).tags.find((t) => t.name === ctr)!.el;
    expect(Number(into)).toBe(Number(from) + 1);
    expect(v2text(pc).slice(cel.start, cel.end)).toContain(`[0,${into},0]`);
    expect(pc.allowedDifferences).toEqual(ctx.config.safety.hazardousOutputs);
  });

  test('unsafe kinds edit the hazardous rungs and the restart interlock as they say', () => {
    const hz = ctx.config.safety.hazardousOutputs.join('|');
    const only = (k: VariantKind, seed = 1): string[] => added(texts(after(variant(k, seed))), texts(before));
    expect(only('bypass-or')).toEqual([expect.stringMatching(new RegExp(`\\[[^\\]]*XIC\\(EStop_\\w+\\)[^\\]]*,XIC\\(\\w+\\)\\]OTE\\((${hz})\\);$`))]);
    expect(only('bypass-set')).toEqual([expect.stringMatching(new RegExp(`^XIC\\(\\w+\\)OTL\\((${hz})\\);$`))]);
    const sw = after(variant('second-writer'));
    const main = allRoutines(sw).find((r) => r.name === 'MainRoutine')!;
    expect(main.rungs[main.rungs.length - 1]!.text!.text).toMatch(new RegExp(`^XIC\\(\\w+\\)OTE\\((${hz})\\);$`));
    expect(only('auto-reset')).toEqual(['XIC(Chain_OK)OTL(Safety_OK);']);
    expect(only('reset-to-start')).toEqual(['XIC(Start_PB)ONS(Reset_ONS)XIC(Chain_OK)OTL(Safety_OK);']);
    const guard = only('self-latching-guard');
    expect(guard.length).toBeGreaterThan(0);
    for (const t of guard) expect(t).toMatch(/\[XIC\(Guard_Door_Closed\),XIC\((\w+)\)\].*OTE\(\1\);$/);
    expect(only('real-bypass')).toEqual([expect.stringMatching(new RegExp(`^GRT\\(Reject_Rate_Pct,50\\.0\\)OTL\\((${hz})\\);$`))]);
  });
});

function v2text(v: Variant): string {
  return v.files.find((f) => f.path === FILE)!.text;
}
