import { beforeAll, describe, expect, it } from 'vitest';
import { unroll } from '../../../src-main/formal/encode.js';
import { hasSafetyModel, stepSafetyFb } from '../../../src-main/formal/encode-safety-fbs.js';
import { boolVal, bvVal, decode, type Val } from '../../../src-main/formal/values.js';
import { z3, type Z, type ZModel } from '../../../src-main/formal/z3-context.js';
import { analyzeProgram } from '../../../src-main/plc/check/index.js';
import { compileProject } from '../../../src-main/plc/project/compile-project.js';
import { compileSite } from '../../../src-main/sim/compile-site.js';
import { Prng } from '../../../src-main/sim/prng.js';
import { SAFETY_FBS, SF_EmergencyStop, SF_ESPE, SF_GuardMonitoring, type SafetyFbType } from '../../../src-main/safety-blocks/index.js';
import type { SimValue } from '../../../src-main/sim/sim-types.js';

// The formal models of the SF blocks against the soft-PLC's native ones: every documented state, every input
// combination and every private flag for one call (exhaustive), then random runs from a cold start in which each
// side carries only its own state, then the same through the whole encoder and compiler on an ST program.

const CLOCK = 40;
const MODELLED: [SafetyFbType, string][] = [
  [SF_EmergencyStop, 'S_ESTOPOUT'],
  [SF_ESPE, 'S_ESPE_OUT'],
  [SF_GuardMonitoring, 'S_GUARDMONITORING'],
];
const PRIVATE = ['_STATE', '_PREV_RESET', '_RESET_USED'];

let z: Z;
beforeAll(async () => {
  z = await z3();
});

/** The formal step once over free constants; `run` evaluates it for concrete values through a model. */
function symbolic(fb: SafetyFbType, out: string): { run(values: Record<string, SimValue>, now: number): Record<string, SimValue> } {
  const timed = fb === SF_GuardMonitoring;
  const free = new Map<string, Val>();
  for (const p of fb.inputs) {
    const k = p.name.toUpperCase();
    free.set(k, p.type === 'TIME' ? bvVal(z.BitVec.const(k, 32), 32, true) : boolVal(z.Bool.const(k)));
  }
  free.set('_STATE', bvVal(z.BitVec.const('_STATE', 16), 16, false));
  free.set('_PREV_RESET', boolVal(z.Bool.const('_PREV_RESET')));
  free.set('_RESET_USED', boolVal(z.Bool.const('_RESET_USED')));
  if (timed) free.set('_T0', bvVal(z.BitVec.const('_T0', CLOCK), CLOCK, false));
  const now = z.BitVec.const('now', CLOCK);
  const next = stepSafetyFb(z, fb.name.toUpperCase(), (p) => free.get(p)!, now);
  const wanted = ['READY', out, 'ERROR', 'DIAGCODE', ...PRIVATE, ...(timed ? ['_T0'] : [])];
  expect([...next.keys()].sort()).toEqual([...wanted].sort());
  return {
    run(values, t) {
      const m: ZModel = new z.Model();
      for (const [k, v] of free) {
        const x = values[k];
        m.updateValue(v.v, v.t === 'bool' ? z.Bool.val(x === true) : z.BitVec.val(BigInt(Number(x ?? 0)), v.bits));
      }
      m.updateValue(now, z.BitVec.val(BigInt(t), CLOCK));
      const r: Record<string, SimValue> = {};
      for (const k of wanted) {
        const v = next.get(k)!;
        const e = m.eval(v.v, true) as unknown as { value?: () => bigint };
        r[k] = v.t === 'bool' ? String(e) === 'true' : decode(v, e.value!());
      }
      return r;
    },
  };
}

const pick = (o: Record<string, SimValue>, keys: readonly string[]): Record<string, SimValue> => Object.fromEntries(keys.map((k) => [k, o[k] ?? false]));

describe('formal SF block models equal the soft-PLC models', () => {
  it('models exactly the blocks it claims, and no other SF block', () => {
    for (const name of SAFETY_FBS.keys()) expect(hasSafetyModel(name), name).toBe(MODELLED.some(([fb]) => fb.name.toUpperCase() === name));
  });

  for (const [fb, out] of MODELLED) {
    const timed = fb === SF_GuardMonitoring;
    const compared = ['READY', out, 'ERROR', 'DIAGCODE', ...PRIVATE, ...(timed ? ['_T0'] : [])];
    const bools = fb.inputs.filter((p) => p.type.endsWith('BOOL')).map((p) => p.name.toUpperCase());

    it(`${fb.name}: one call from every documented state, for every input and every edge flag`, () => {
      const f = symbolic(fb, out);
      let cases = 0;
      // Guard timer: before, at and after DiscrepancyTime in the state's own timer.
      const timings = timed ? [[100, 1000, 1050], [100, 1000, 1100], [100, 1000, 1150], [0, 40, 40]] : [[0, 0, 500]];
      for (const state of fb.diagCodes) {
        for (let bits = 0; bits < 1 << (bools.length + 2); bits++) {
          for (const [disc, t0, now] of timings) {
            const inst = fb.create();
            bools.forEach((k, i) => void (inst[k] = (bits & (1 << i)) !== 0));
            inst['_PREV_RESET'] = (bits & (1 << bools.length)) !== 0;
            inst['_RESET_USED'] = (bits & (1 << (bools.length + 1))) !== 0;
            inst['_STATE'] = state;
            inst['DIAGCODE'] = state;
            if (timed) {
              inst['DISCREPANCYTIME'] = disc!;
              inst['_T0'] = t0!;
            }
            const formal = f.run({ ...inst }, now!);
            fb.step(inst, now!);
            const sim = pick(inst, compared);
            if (JSON.stringify(formal) !== JSON.stringify(sim)) {
              expect(formal, `from 16#${state.toString(16)} with ${JSON.stringify(pick({ ...inst }, bools))}`).toEqual(sim);
            }
            cases++;
          }
        }
      }
      expect(cases).toBeGreaterThan(1000);
    }, 60_000);

    it(`${fb.name}: random runs from a cold start give the same outputs in every call`, () => {
      const f = symbolic(fb, out);
      const rng = new Prng(fb.name.length * 7919);
      for (let run = 0; run < 40; run++) {
        const sim = fb.create();
        let formal: Record<string, SimValue> = pick(fb.create(), [...compared, ...fb.inputs.map((p) => p.name.toUpperCase())]);
        let now = 0;
        const disc = rng.pick([0, 20, 50, 100]);
        for (let call = 0; call < 50; call++) {
          const inputs: Record<string, SimValue> = {};
          for (const k of bools) inputs[k] = k === 'ACTIVATE' ? !rng.chance(0.05) : k === 'S_STARTRESET' || k === 'S_AUTORESET' ? rng.chance(0.15) : rng.chance(0.5);
          if (timed) inputs['DISCREPANCYTIME'] = disc;
          Object.assign(sim, inputs);
          fb.step(sim, now);
          formal = { ...formal, ...inputs, ...f.run({ ...formal, ...inputs }, now) };
          expect(pick(formal, compared), `${fb.name} run ${run} call ${call} at ${now} ms`).toEqual(pick(sim, compared));
          now += rng.pick([0, 10, 10, 10, 30]);
        }
      }
    }, 60_000);
  }
});

const GLOBALS = `VAR_GLOBAL
    EStop_OK : BOOL; Guard1 : BOOL; Guard2 : BOOL; Reset_PB : BOOL; Auto : BOOL; Run : BOOL;
    Out_EStop : BOOL; Out_Guard : BOOL; Err_EStop : BOOL; Err_Guard : BOOL; Ready_Guard : BOOL;
    Diag_EStop : WORD; Diag_Guard : WORD;
END_VAR
`;
const MAIN = `PROGRAM Main
VAR
    fbRelease : F_TRIG;
    fbEStop   : SF_EmergencyStop;
    fbGuard   : SF_GuardMonitoring;
END_VAR
fbRelease(CLK := Reset_PB);
fbEStop(Activate := TRUE, S_EStopIn := EStop_OK, S_StartReset := FALSE, S_AutoReset := Auto, Reset := fbRelease.Q);
IF Run THEN
    fbGuard(Activate := TRUE, S_GuardSwitch1 := Guard1, S_GuardSwitch2 := Guard2, DiscrepancyTime := T#30MS,
            S_StartReset := FALSE, S_AutoReset := FALSE, Reset := Reset_PB);
END_IF;
Out_EStop := fbEStop.S_EStopOut;
Err_EStop := fbEStop.Error;
Diag_EStop := fbEStop.DiagCode;
Out_Guard := fbGuard.S_GuardMonitoring;
Err_Guard := fbGuard.Error;
Ready_Guard := fbGuard.Ready;
Diag_Guard := fbGuard.DiagCode;
END_PROGRAM
`;

describe('SF blocks through the whole encoder and the soft-PLC compiler', () => {
  it('an ST program calling them (one call under a condition) scans identically for random inputs', async () => {
    const files = [{ path: 'gvl.st', text: GLOBALS }, { path: 'main.st', text: MAIN }];
    const project = compileProject(files, 'codesys');
    const model = analyzeProgram(project.sources.map((s) => s.parse.unit), { dialect: 'codesys' });
    expect(model.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    const { program } = compileSite(project, model, { entry: 'Main', cycleMs: 10, texts: new Map(files.map((f) => [f.path, f.text])) });
    const outs = ['Out_EStop', 'Out_Guard', 'Err_EStop', 'Err_Guard', 'Ready_Guard', 'Diag_EStop', 'Diag_Guard'];
    const ins = ['EStop_OK', 'Guard1', 'Guard2', 'Reset_PB', 'Auto', 'Run'];
    const k = 30;
    const u = unroll(z, model, project.sources.map((s) => s.parse.unit), { entry: 'Main', cycleMs: 10, bound: k, watchIn: ins, watchOut: outs });
    expect(u.en.unsupported.map((x) => x.construct).filter((c) => !/Diag_/.test(c))).toEqual([]);
    const solver = new z.Solver();
    solver.add(...u.en.wellFormed, ...u.en.nominal);
    const rng = new Prng(2026);
    for (let run = 0; run < 12; run++) {
      const seq = Array.from({ length: k }, () => ({ EStop_OK: rng.chance(0.8), Guard1: rng.chance(0.6), Guard2: rng.chance(0.6), Reset_PB: rng.chance(0.3), Auto: rng.chance(0.1), Run: rng.chance(0.9) }));
      solver.push();
      seq.forEach((row, t) => {
        for (const n of ins) solver.add((u.pre.get(n)![t]!.v as ReturnType<Z['Bool']['const']>).eq(z.Bool.val(row[n as keyof typeof row])));
      });
      expect(await solver.check()).toBe('sat');
      const m = solver.model();
      program!.restart('cold');
      seq.forEach((row, t) => {
        for (const n of ins) program!.set(n, row[n as keyof typeof row]);
        program!.scan();
        for (const o of outs) {
          const v = u.post.get(o)![t]!;
          const e = m.eval(v.v, true) as unknown as { value?: () => bigint };
          const formal = v.t === 'bool' ? String(e) === 'true' : decode(v, e.value!());
          expect(formal, `run ${run} scan ${t}: ${o}`).toEqual(program!.get(o));
        }
      });
      solver.pop();
    }
  }, 120_000);
});
