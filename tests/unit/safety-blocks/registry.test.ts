import { describe, expect, it } from 'vitest';
import { builtinUnit } from '../../../src-main/plc/check/builtins-fbs.js';
import type { Pou, VarSection } from '../../../src-main/plc/st/ast.js';
import { parseSt } from '../../../src-main/plc/st/parser.js';
import { SAFETY_BLOCKS, SAFETY_FBS, SAFETY_FBS_ST, SMT_MODELS, type SafetyBlock } from '../../../src-main/safety-blocks/index.js';
import type { NativeFbType } from '../../../src-main/sim/native-fb.js';

// The registry is complete and each block's folder agrees with itself: the declaration the checker parses, the
// pin table the static verifier reads, the soft-PLC model and (where there is one) the SMT model name the same
// pins with the same types and directions.

interface Pin {
  name: string;
  type: string;
  dir: 'in' | 'out';
}

/** The pins of a block's declaration, parsed by the real ST parser. */
function declaredPins(b: SafetyBlock): { name: string; pins: Pin[] } {
  const r = parseSt(b.declaration, `${b.name}.st`, 'iec');
  expect(r.diagnostics, b.name).toEqual([]);
  const pous = r.unit.declarations.filter((d): d is Pou => d.kind === 'Pou');
  expect(pous.map((p) => p.pouKind), b.name).toEqual(['FUNCTION_BLOCK']);
  const pou = pous[0]!;
  const dir = (s: VarSection): 'in' | 'out' | null => (s === 'VAR_INPUT' ? 'in' : s === 'VAR_OUTPUT' ? 'out' : null);
  const pins = pou.varBlocks.flatMap((vb) =>
    vb.decls.flatMap((d) =>
      d.names.map((n) => {
        expect(d.type.kind, `${b.name}.${n.name}`).toBe('NamedType');
        const t = d.type as Extract<typeof d.type, { kind: 'NamedType' }>;
        return { name: n.name, type: t.name.parts.map((p) => p.name).join('.'), dir: dir(vb.section)! };
      }),
    ),
  );
  expect(pins.every((p) => p.dir), b.name).toBe(true);
  return { name: pou.name.name, pins };
}

const simPins = (b: SafetyBlock): Pin[] => [
  ...b.sim.inputs.map((p) => ({ name: p.name, type: p.type, dir: 'in' as const })),
  ...b.sim.outputs.map((p) => ({ name: p.name, type: p.type, dir: 'out' as const })),
];
const base = (t: string): string => t.replace(/^SAFE/, '');

const STANDARD = [
  'SF_EmergencyStop', 'SF_ESPE', 'SF_GuardMonitoring', 'SF_GuardLocking', 'SF_SafetyRequest', 'SF_TwoHandControlTypeII',
  'SF_TwoHandControlTypeIII', 'SF_Equivalent', 'SF_Antivalent', 'SF_ModeSelector', 'SF_EnableSwitch', 'SF_EDM', 'SF_OutControl',
  'SF_MutingSeq', 'SF_SafelyLimitSpeed', 'SF_TestableSafetySensor',
];

describe('safety-blocks registry', () => {
  it('lists every PLCopen block of TC5 Safety Part 1 v2.01 once, in the order of the standard', () => {
    expect(SAFETY_BLOCKS.map((b) => b.name)).toEqual(STANDARD);
    expect([...SAFETY_FBS.keys()]).toEqual(STANDARD.map((n) => n.toUpperCase()));
    expect([...SMT_MODELS.keys()]).toEqual([
      'SF_EMERGENCYSTOP', 'SF_ESPE', 'SF_GUARDMONITORING', 'SF_SAFETYREQUEST', 'SF_TWOHANDCONTROLTYPEII', 'SF_TWOHANDCONTROLTYPEIII', 'SF_EQUIVALENT', 'SF_ANTIVALENT',
      'SF_EDM', 'SF_OUTCONTROL',
    ]);
  });

  it('the declarations parse with the standard FBs, and the checker sees exactly these blocks', () => {
    for (const dialect of ['iec', 'codesys'] as const) {
      const fbs = builtinUnit(dialect).declarations.filter((d): d is Pou => d.kind === 'Pou' && d.name.name.startsWith('SF_'));
      expect(fbs.map((p) => p.name.name), dialect).toEqual(STANDARD);
    }
    for (const b of SAFETY_BLOCKS) expect(SAFETY_FBS_ST).toContain(b.declaration);
  });

  it('the soft-PLC models are NativeFbTypes to the simulator', () => {
    const native: NativeFbType[] = SAFETY_BLOCKS.map((b) => b.sim);
    expect(native).toHaveLength(16);
  });

  for (const b of SAFETY_BLOCKS) {
    describe(b.name, () => {
      const decl = declaredPins(b);
      const byName = new Map(decl.pins.map((p) => [p.name, p]));
      const inputs = decl.pins.filter((p) => p.dir === 'in');

      it('the declaration and the soft-PLC model name the block and its pins alike (names, types, directions)', () => {
        expect(decl.name).toBe(b.name);
        expect(b.sim.name).toBe(b.name);
        expect(simPins(b)).toEqual(decl.pins);
        expect(b.sim.safetyOutputs).toEqual(decl.pins.filter((p) => p.dir === 'out' && p.name.startsWith('S_')).map((p) => p.name.toUpperCase()));
      });

      it('the pin-role table covers exactly the declared S_ inputs', () => {
        expect(Object.keys(b.pins.roles).sort()).toEqual(inputs.filter((p) => p.name.startsWith('S_')).map((p) => p.name).sort());
      });

      it('the time inputs are the declared TIME inputs', () => {
        expect([...b.pins.timeInputs]).toEqual(inputs.filter((p) => p.type === 'TIME').map((p) => p.name));
      });

      it('safety inputs, implications and the restart interlock name declared pins of the right direction', () => {
        for (const s of b.pins.safetyInputs) expect(b.pins.roles[s.param], s.param).toBe('device');
        for (const imp of b.pins.implications) {
          expect(byName.get(imp.output), imp.output).toMatchObject({ dir: 'out', type: 'SAFEBOOL' });
          for (const r of imp.requires) expect(base(byName.get(r.pin)?.type ?? ''), r.pin).toBe('BOOL');
          for (const r of imp.requires) expect(byName.get(r.pin)?.dir, r.pin).toBe('in');
        }
        if (b.pins.restartInterlock) {
          expect(byName.get(b.pins.restartInterlock)?.dir).toBe('out');
          expect(b.pins.roles['S_StartReset'] ?? b.pins.roles['S_AutoReset']).toBe('restart');
        }
      });

      if (b.smt) {
        const smt = b.smt;
        it('the SMT model has every declared pin, with its type, plus private state only', () => {
          const pub = Object.entries(smt.pins).filter(([k]) => !k.startsWith('_'));
          expect(pub.map(([k]) => k).sort()).toEqual(decl.pins.map((p) => p.name.toUpperCase()).sort());
          for (const [k, pin] of pub) {
            const d = decl.pins.find((p) => p.name.toUpperCase() === k)!;
            expect(pin.type, k).toBe(base(d.type));
            const shape = base(d.type) === 'BOOL' ? { t: 'bool' } : d.type === 'WORD' ? { t: 'bv', bits: 16, signed: false } : { t: 'bv', bits: 32, signed: true };
            expect(pin.shape, k).toEqual(shape);
          }
          // The enabling output: the restart-interlocked one, else the block's first safety output; the model
          // computes every other safety output too.
          expect(smt.output).toBe(b.pins.restartInterlock?.toUpperCase() ?? b.sim.safetyOutputs[0]);
          expect([smt.output, ...Object.keys(smt.also ?? {})].sort()).toEqual([...b.sim.safetyOutputs].sort());
          for (const k of [smt.output, ...Object.keys(smt.also ?? {})]) expect(smt.pins[k], k).toBeDefined();
          // The Reset edge flags exist exactly where the block has a Reset input; the state timer where it has a timer.
          const hasReset = decl.pins.some((p) => p.name === 'Reset' && p.dir === 'in');
          expect('_PREV_RESET' in smt.pins && '_RESET_USED' in smt.pins, 'Reset flags').toBe(hasReset);
          // Other edge flags only for declared inputs the model lists in `edges`.
          const edgeFlags = (smt.edges ?? []).map((e) => `_PREV_${e}`);
          for (const e of smt.edges ?? []) expect(inputs.map((p) => p.name.toUpperCase()), e).toContain(e);
          const allowed = ['_STATE', '_PREV_RESET', '_RESET_USED', '_T0', ...edgeFlags];
          expect(Object.keys(smt.pins).filter((k) => k.startsWith('_')).filter((k) => !allowed.includes(k))).toEqual([]);
          for (const f of edgeFlags) expect(smt.pins[f], f).toEqual({ shape: { t: 'bool' }, type: 'BOOL' });
        });
      }
    });
  }
});
