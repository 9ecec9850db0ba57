import { beforeAll, describe, expect, test } from 'vitest';
import { join } from 'node:path';
import { exampleFleetDir } from '../../../src-main/app/paths.js';
import { buildSiteProgram } from '../../../src-main/fleet/site-program.js';
import { readPlcopen } from '../../../src-main/plc/formats/plcopen.js';
import { generateVariant, isVariant, KINDS, loadSiteContext, type SiteContext, type Variant, type VariantKind } from '../../../src-main/verify/mutation-suite/metamorphic/index.js';
import { readPlcopenDoc, type LdPou, type PlcopenDoc } from '../../../src-main/verify/mutation-suite/metamorphic/plcopen-ld-document.js';

/**
 * The PLCopen LD path on the CODESYS ladder example (filler-line-5): its LD networks were generated glue for
 * the ST source map, so only its ST function got variants. Now every kind that applies to LD makes one; the
 * edited export reads without new diagnostics, wires only to existing localIds, compiles, and each kind
 * edits what it says.
 */
const SITE = 'filler-line-5';
const FILE = 'src/Filler_Line_5.xml';
const SEEDS = [1, 2, 3];
const NOT_LD: VariantKind[] = ['extract-function', 'real-bypass'];
let ctx: SiteContext;
let before: PlcopenDoc;

beforeAll(() => {
  ctx = loadSiteContext(join(exampleFleetDir(), SITE));
  before = readPlcopenDoc(FILE, ctx.files.get(FILE)!)!;
});

const variant = (kind: VariantKind, seed = 1): Variant => {
  const g = generateVariant(ctx, kind, seed);
  if (!isVariant(g)) throw new Error(`${kind}/${seed}: ${g.reason}`);
  return g;
};
const textOf = (v: Variant): string => v.files.find((f) => f.path === FILE)!.text;
const after = (v: Variant): PlcopenDoc => readPlcopenDoc(FILE, textOf(v))!;
const pou = (d: PlcopenDoc, name: string): LdPou => d.pous.find((p) => p.name === name)!;
const vars = (p: LdPou, kind: string): string[] => p.elements.filter((e) => e.kind === kind).map((e) => e.variable?.text ?? '');

describe('metamorphic variants of a PLCopen LD site', () => {
  test('every LD kind makes a variant; the others say why, naming the LD path', () => {
    for (const kind of KINDS.filter((k) => !NOT_LD.includes(k))) for (const seed of SEEDS) expect(isVariant(generateVariant(ctx, kind, seed)), `${kind}/${seed}`).toBe(true);
    for (const kind of NOT_LD) {
      const g = generateVariant(ctx, kind, 1);
      expect(isVariant(g), kind).toBe(false);
      if (!isVariant(g)) expect(g.reason, kind).toContain('PLCopen LD:');
    }
  });

  test('each variant reads without new diagnostics, wires only to existing localIds and compiles', () => {
    const base = readPlcopen(FILE, ctx.files.get(FILE)!).diagnostics.map((d) => d.code);
    for (const kind of KINDS.filter((k) => !NOT_LD.includes(k))) {
      for (const seed of SEEDS) {
        const v = variant(kind, seed);
        expect(readPlcopen(FILE, textOf(v)).diagnostics.map((d) => d.code), v.id).toEqual(base);
        for (const p of after(v).pous) {
          const ids = p.elements.map((e) => e.localId);
          expect(new Set(ids).size, `${v.id} ${p.name}`).toBe(ids.length);
          for (const e of p.elements) for (const c of [...e.inputs.flat(), ...e.pins.flatMap((x) => x.conns)]) expect(ids, `${v.id} ${p.name} ${e.localId}`).toContain(c.ref);
        }
        expect(buildSiteProgram(ctx.dir, ctx.config, v.files).errors.map((e) => e.message), v.id).toEqual([]);
      }
    }
  });

  test('preserving and neutral kinds edit what they say', () => {
    const rn = variant('rename-internal');
    const [, owner, from, to] = /renamed (\w+)\.(\w+) to (\w+)/.exec(rn.description)!;
    expect(pou(after(rn), owner!).vars.map((v) => v.name)).toContain(to);
    expect(pou(after(rn), owner!).vars.map((v) => v.name)).not.toContain(from);

    const ro = after(variant('reorder-assignments'));
    for (const p of before.pous) expect([...vars(pou(ro, p.name), 'coil')].sort()).toEqual([...vars(p, 'coil')].sort());
    expect(ro.pous.map((p) => vars(p, 'coil'))).not.toEqual(before.pous.map((p) => vars(p, 'coil')));

    const lamp = variant('new-lamp');
    const name = lamp.allowedDifferences[0]!;
    expect(after(lamp).globals.map((g) => g.name)).toContain(name);
    expect(vars(pou(after(lamp), ctx.config.entry), 'coil').at(-1)).toBe(name);

    const sc = variant('stronger-condition');
    const out = sc.allowedDifferences[0]!;
    const p = after(sc).pous.find((x) => vars(x, 'coil').includes(out))!;
    const coil = p.elements.find((e) => e.kind === 'coil' && e.variable?.text === out)!;
    const feeder = p.elements.find((e) => e.localId === coil.inputs[0]![0]!.ref)!;
    expect(feeder.kind).toBe('contact');
    expect(pou(before, p.name).elements.some((e) => e.localId === feeder.localId)).toBe(false);

    expect(variant('timer-pt').description).toMatch(/T#300MS -> T#(240|270)MS/);
    expect(variant('process-constant').description).toMatch(/30000 -> 30001/);
  });

  test('unsafe kinds wire around or past the safety contacts as they say', () => {
    const hz = ctx.config.safety.hazardousOutputs;
    const bo = after(variant('bypass-or'));
    const safety = pou(bo, 'Safety_Logic');
    const added = safety.elements.filter((e) => !pou(before, 'Safety_Logic').elements.some((b) => b.localId === e.localId));
    expect(added.map((e) => e.kind)).toEqual(['contact']);
    expect(safety.elements.some((e) => e.inputs.flat().some((c) => c.ref === added[0]!.localId))).toBe(true);

    const bs = variant('bypass-set');
    expect(bs.description).toMatch(new RegExp(`\\(S\\) (${hz.join('|')}) at the end of Safety_Logic`));
    expect(vars(pou(after(variant('second-writer')), ctx.config.entry), 'coil').at(-1)).toMatch(new RegExp(`^(${hz.join('|')})$`));
    expect(vars(pou(after(variant('auto-reset')), 'Safety_Logic'), 'contact')).not.toContain('Reset_PB');
    const rs = vars(pou(after(variant('reset-to-start')), 'Safety_Logic'), 'contact');
    expect(rs).not.toContain('Reset_PB');
    expect(rs).toContain('Start_PB');
    const sl = pou(after(variant('self-latching-guard')), 'Safety_Logic');
    expect(vars(sl, 'contact').filter((v) => v === 'Guard_Door_Closed')).toHaveLength(1);
    expect(sl.elements.find((e) => e.kind === 'coil')!.storage).toBe('set');
  });
});
