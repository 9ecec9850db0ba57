import { beforeAll, describe, expect, it } from 'vitest';
import { unroll } from '../../../src-main/formal/encode.js';
import { hasSafetyModel, stepSafetyFb } from '../../../src-main/formal/encode-safety-fbs.js';
import { boolVal, bvVal, decode, type Val } from '../../../src-main/formal/values.js';
import { z3, type Z, type ZModel } from '../../../src-main/formal/z3-context.js';
import { analyzeProgram } from '../../../src-main/plc/check/index.js';
import { compileProject } from '../../../src-main/plc/project/compile-project.js';
import { compileSite } from '../../../src-main/sim/compile-site.js';
import { Prng } from '../../../src-main/sim/prng.js';
import {
  SAFETY_FBS, SF_Antivalent, SF_EDM, SF_EmergencyStop, SF_Equivalent, SF_ESPE, SF_GuardMonitoring, SF_OutControl, SF_SafetyRequest, SF_TwoHandControlTypeII, SF_TwoHandControlTypeIII,
  type SafetyFbType,
} from '../../../src-main/safety-blocks/index.js';
import type { SimValue } from '../../../src-main/sim/sim-types.js';

// The formal models of the SF blocks against the soft-PLC's native ones: every documented state, every input
// combination and every private flag for one call (exhaustive), then random runs from a cold start in which each
// side carries only its own state, then the same through the whole encoder and compiler on an ST program.

const CLOCK = 40;
/**
 * A modelled block: its enabling output, its timer (none, DiscrepancyTime on the state timer, or type III's fixed
 * 500 ms window) and whether it has a Reset input (and so the Reset edge flags).
 */
interface Modelled {
  fb: SafetyFbType;
  /** The enabling safety output, and the block's other safety output if it has one. */
  out: string;
  also?: string;
  timer: 'none' | 'disc' | 'monitor' | 'sync';
  reset: boolean;
  /** Inputs besides Reset whose rising edges the block tracks (`_PREV_<pin>`). */
  edges?: string[];
  /** The exhaustive check split into this many tests by state (a large block stays a few seconds per test). */
  parts?: number;
}
const MODELLED: Modelled[] = [
  { fb: SF_EmergencyStop, out: 'S_ESTOPOUT', timer: 'none', reset: true },
  { fb: SF_ESPE, out: 'S_ESPE_OUT', timer: 'none', reset: true },
  { fb: SF_GuardMonitoring, out: 'S_GUARDMONITORING', timer: 'disc', reset: true },
  { fb: SF_SafetyRequest, out: 'S_SAFETYACTIVE', also: 'S_SAFETYREQUEST', timer: 'monitor', reset: true },
  { fb: SF_TwoHandControlTypeII, out: 'S_TWOHANDOUT', timer: 'none', reset: false },
  { fb: SF_TwoHandControlTypeIII, out: 'S_TWOHANDOUT', timer: 'sync', reset: false },
  { fb: SF_Equivalent, out: 'S_EQUIVALENTOUT', timer: 'disc', reset: false },
  { fb: SF_Antivalent, out: 'S_ANTIVALENTOUT', timer: 'disc', reset: false },
  { fb: SF_EDM, out: 'S_EDM_OUT', timer: 'monitor', reset: true, edges: ['S_OUTCONTROL'], parts: 3 },
  { fb: SF_OutControl, out: 'S_OUTCONTROL', timer: 'none', reset: true, edges: ['PROCESSCONTROL'] },
];
const outsOf = (m: Modelled): string[] => ['READY', m.out, ...(m.also ? [m.also] : []), 'ERROR', 'DIAGCODE'];
/** The TIME input of the state timer, if the block has one. */
const limitPin = (m: Modelled): string | null => (m.timer === 'disc' ? 'DISCREPANCYTIME' : m.timer === 'monitor' ? 'MONITORINGTIME' : null);
const edgeFlags = (m: Modelled): string[] => [...(m.reset ? ['_PREV_RESET', '_RESET_USED'] : []), ...(m.edges ?? []).map((e) => `_PREV_${e}`)];
const privateOf = (m: Modelled): string[] => ['_STATE', ...edgeFlags(m), ...(m.timer !== 'none' ? ['_T0'] : [])];
/** [DiscrepancyTime, _T0, now]: before, at and after the limit in the state's own timer (and a zero limit). */
const TIMINGS: Record<Modelled['timer'], number[][]> = {
  none: [[0, 0, 500]],
  disc: [[100, 1000, 1050], [100, 1000, 1100], [100, 1000, 1150], [0, 40, 40]],
  monitor: [[100, 1000, 1050], [100, 1000, 1100], [100, 1000, 1150], [0, 40, 40]],
  sync: [[0, 1000, 1499], [0, 1000, 1500], [0, 1000, 1501], [0, 40, 40]],
};

let z: Z;
beforeAll(async () => {
  z = await z3();
});

/** The formal step once over free constants; `run` evaluates it for concrete values through a model. */
function symbolic(md: Modelled): { run(values: Record<string, SimValue>, now: number): Record<string, SimValue> } {
  const { fb } = md;
  const priv = privateOf(md);
  const free = new Map<string, Val>();
  for (const p of fb.inputs) {
    const k = p.name.toUpperCase();
    free.set(k, p.type === 'TIME' ? bvVal(z.BitVec.const(k, 32), 32, true) : boolVal(z.Bool.const(k)));
  }
  free.set('_STATE', bvVal(z.BitVec.const('_STATE', 16), 16, false));
  for (const k of priv.filter((k) => k.startsWith('_RESET') || k.startsWith('_PREV'))) free.set(k, boolVal(z.Bool.const(k)));
  if (priv.includes('_T0')) free.set('_T0', bvVal(z.BitVec.const('_T0', CLOCK), CLOCK, false));
  const now = z.BitVec.const('now', CLOCK);
  const next = stepSafetyFb(z, fb.name.toUpperCase(), (p) => free.get(p)!, now);
  const wanted = [...outsOf(md), ...priv];
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
    for (const name of SAFETY_FBS.keys()) expect(hasSafetyModel(name), name).toBe(MODELLED.some((m) => m.fb.name.toUpperCase() === name));
  });

  for (const md of MODELLED) {
    const { fb } = md;
    const limitIn = limitPin(md);
    const flags = edgeFlags(md);
    const compared = [...outsOf(md), ...privateOf(md)];
    const bools = fb.inputs.filter((p) => p.type.endsWith('BOOL')).map((p) => p.name.toUpperCase());

    const parts = md.parts ?? 1;
    for (let part = 0; part < parts; part++) {
      const states = fb.diagCodes.filter((_, i) => i % parts === part);
      const which = parts > 1 ? ` (states ${part + 1} of ${parts})` : '';
      it(`${fb.name}: one call from every documented state${which}, for every input and every edge flag`, () => {
        const f = symbolic(md);
        let cases = 0;
        for (const state of states) {
          for (let bits = 0; bits < 1 << (bools.length + flags.length); bits++) {
            for (const [limit, t0, now] of TIMINGS[md.timer]) {
              const inst = fb.create();
              bools.forEach((k, i) => void (inst[k] = (bits & (1 << i)) !== 0));
              flags.forEach((k, i) => void (inst[k] = (bits & (1 << (bools.length + i))) !== 0));
              inst['_STATE'] = state;
              inst['DIAGCODE'] = state;
              if (limitIn) inst[limitIn] = limit!;
              if (md.timer !== 'none') inst['_T0'] = t0!;
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
        expect(cases).toBeGreaterThan(md.reset ? 1000 : 70);
      }, 60_000);
    }

    it(`${fb.name}: random runs from a cold start give the same outputs in every call`, () => {
      const f = symbolic(md);
      const rng = new Prng(fb.name.length * 7919);
      // Type III: steps long enough to cross the 500 ms window in some runs and not in others.
      const steps = md.timer === 'sync' ? [0, 10, 50, 100, 200, 400] : [0, 10, 10, 10, 30];
      for (let run = 0; run < 40; run++) {
        const sim = fb.create();
        let formal: Record<string, SimValue> = pick(fb.create(), [...compared, ...fb.inputs.map((p) => p.name.toUpperCase())]);
        let now = 0;
        const limit = rng.pick([0, 20, 50, 100]);
        for (let call = 0; call < 50; call++) {
          const inputs: Record<string, SimValue> = {};
          for (const k of bools) inputs[k] = k === 'ACTIVATE' ? !rng.chance(0.05) : k === 'S_STARTRESET' || k === 'S_AUTORESET' ? rng.chance(0.15) : rng.chance(0.5);
          if (limitIn) inputs[limitIn] = limit;
          Object.assign(sim, inputs);
          fb.step(sim, now);
          formal = { ...formal, ...inputs, ...f.run({ ...formal, ...inputs }, now) };
          expect(pick(formal, compared), `${fb.name} run ${run} call ${call} at ${now} ms`).toEqual(pick(sim, compared));
          now += rng.pick(steps);
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

/**
 * Unrolls an ST program and runs it on the soft-PLC for random inputs; every watched output equal in every scan.
 * Returns every `output=value` the runs saw, so a test can check that they reached the states it means.
 */
async function scansAlike(
  globals: string, main: string, cycleMs: number, ins: string[], outs: string[], chance: Record<string, number>, hold = 0, runs = 12,
): Promise<Set<string>> {
  const seen = new Set<string>();
  const files = [{ path: 'gvl.st', text: globals }, { path: 'main.st', text: main }];
  const project = compileProject(files, 'codesys');
  const model = analyzeProgram(project.sources.map((s) => s.parse.unit), { dialect: 'codesys' });
  expect(model.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  const { program } = compileSite(project, model, { entry: 'Main', cycleMs, texts: new Map(files.map((f) => [f.path, f.text])) });
  const k = 30;
  const u = unroll(z, model, project.sources.map((s) => s.parse.unit), { entry: 'Main', cycleMs, bound: k, watchIn: ins, watchOut: outs });
  expect(u.en.unsupported.map((x) => x.construct).filter((c) => !/Diag_/.test(c))).toEqual([]);
  const solver = new z.Solver();
  solver.add(...u.en.wellFormed, ...u.en.nominal);
  const rng = new Prng(2026);
  for (let run = 0; run < runs; run++) {
    // Each input keeps its previous value with probability `hold` (long presses, slow channels).
    const seq: Record<string, boolean>[] = [];
    for (let t = 0; t < k; t++) seq.push(Object.fromEntries(ins.map((n) => [n, t > 0 && rng.chance(hold) ? seq[t - 1]![n]! : rng.chance(chance[n] ?? 0.5)])));
    solver.push();
    seq.forEach((row, t) => {
      for (const n of ins) solver.add((u.pre.get(n)![t]!.v as ReturnType<Z['Bool']['const']>).eq(z.Bool.val(row[n]!)));
    });
    expect(await solver.check()).toBe('sat');
    const m = solver.model();
    program!.restart('cold');
    seq.forEach((row, t) => {
      for (const n of ins) program!.set(n, row[n]!);
      program!.scan();
      for (const o of outs) {
        const v = u.post.get(o)![t]!;
        const e = m.eval(v.v, true) as unknown as { value?: () => bigint };
        const formal = v.t === 'bool' ? String(e) === 'true' : decode(v, e.value!());
        expect(formal, `run ${run} scan ${t}: ${o}`).toEqual(program!.get(o));
        seen.add(`${o}=${String(formal)}`);
      }
    });
    solver.pop();
  }
  return seen;
}

const GLOBALS_2 = `VAR_GLOBAL
    B1 : BOOL; B2 : BOOL; ChA : BOOL; ChB : BOOL; NC : BOOL; NO : BOOL; Run : BOOL;
    Out_II : BOOL; Out_III : BOOL; Out_Eq : BOOL; Out_Av : BOOL; Err_III : BOOL; Err_Eq : BOOL; Err_Av : BOOL;
    Diag_II : WORD; Diag_III : WORD; Diag_Eq : WORD; Diag_Av : WORD;
    OpMode : BOOL; Ack : BOOL; Reset_PB : BOOL; Req_Active : BOOL; Req_Request : BOOL; Diag_Req : WORD;
END_VAR
`;
// 200 ms scans: type III's 500 ms window and the 500 ms discrepancy time run out after three scans.
const MAIN_2 = `PROGRAM Main
VAR
    fbTwoII  : SF_TwoHandControlTypeII;
    fbTwoIII : SF_TwoHandControlTypeIII;
    fbEq     : SF_Equivalent;
    fbAv     : SF_Antivalent;
    fbReq    : SF_SafetyRequest;
END_VAR
fbTwoII(Activate := TRUE, S_Button1 := B1, S_Button2 := B2);
IF Run THEN
    fbTwoIII(Activate := TRUE, S_Button1 := B1, S_Button2 := B2);
END_IF;
fbEq(Activate := Run, S_ChannelA := ChA, S_ChannelB := ChB, DiscrepancyTime := T#500MS);
fbAv(Activate := TRUE, S_ChannelNC := NC, S_ChannelNO := NO, DiscrepancyTime := T#500MS);
Out_II := fbTwoII.S_TwoHandOut;
Diag_II := fbTwoII.DiagCode;
Out_III := fbTwoIII.S_TwoHandOut;
Err_III := fbTwoIII.Error;
Diag_III := fbTwoIII.DiagCode;
Out_Eq := fbEq.S_EquivalentOut;
Err_Eq := fbEq.Error;
Diag_Eq := fbEq.DiagCode;
Out_Av := fbAv.S_AntivalentOut;
Err_Av := fbAv.Error;
Diag_Av := fbAv.DiagCode;
IF Run THEN
    fbReq(Activate := TRUE, S_OpMode := OpMode, S_Acknowledge := Ack, MonitoringTime := T#500MS, Reset := Reset_PB);
END_IF;
Req_Active := fbReq.S_SafetyActive;
Req_Request := fbReq.S_SafetyRequest;
Diag_Req := fbReq.DiagCode;
END_PROGRAM
`;

const GLOBALS_3 = `VAR_GLOBAL
    Ctl : BOOL; Edm1 : BOOL; Edm2 : BOOL; Safe : BOOL; Proc : BOOL; Stat : BOOL; Rst : BOOL; Run : BOOL;
    Edm_Out : BOOL; Edm_Err : BOOL; Oc_Out : BOOL; Oc_Err : BOOL; Diag_Edm : WORD; Diag_Oc : WORD;
END_VAR
`;
// SF_OutControl feeds SF_EDM, as in the standard's application example; SF_EDM called only while Run.
const MAIN_3 = `PROGRAM Main
VAR
    fbOut : SF_OutControl;
    fbEdm : SF_EDM;
END_VAR
fbOut(Activate := TRUE, S_SafeControl := Safe, ProcessControl := Proc, StaticControl := Stat, S_StartReset := FALSE,
      S_AutoReset := FALSE, Reset := Rst);
IF Run THEN
    fbEdm(Activate := TRUE, S_OutControl := fbOut.S_OutControl OR Ctl, S_EDM1 := Edm1, S_EDM2 := Edm2, MonitoringTime := T#500MS,
          S_StartReset := FALSE, Reset := Rst);
END_IF;
Oc_Out := fbOut.S_OutControl;
Oc_Err := fbOut.Error;
Diag_Oc := fbOut.DiagCode;
Edm_Out := fbEdm.S_EDM_Out;
Edm_Err := fbEdm.Error;
Diag_Edm := fbEdm.DiagCode;
END_PROGRAM
`;

describe('SF blocks through the whole encoder and the soft-PLC compiler', () => {
  it('an ST program calling them (one call under a condition) scans identically for random inputs', async () => {
    const outs = ['Out_EStop', 'Out_Guard', 'Err_EStop', 'Err_Guard', 'Ready_Guard', 'Diag_EStop', 'Diag_Guard'];
    const ins = ['EStop_OK', 'Guard1', 'Guard2', 'Reset_PB', 'Auto', 'Run'];
    await scansAlike(GLOBALS, MAIN, 10, ins, outs, { EStop_OK: 0.8, Guard1: 0.6, Guard2: 0.6, Reset_PB: 0.3, Auto: 0.1, Run: 0.9 });
  }, 120_000);

  it('an ST program calling the two-hand controls, SF_Equivalent, SF_Antivalent and SF_SafetyRequest scans identically for random inputs', async () => {
    const outs = [
      'Out_II', 'Out_III', 'Out_Eq', 'Out_Av', 'Err_III', 'Err_Eq', 'Err_Av', 'Diag_II', 'Diag_III', 'Diag_Eq', 'Diag_Av', 'Req_Active', 'Req_Request', 'Diag_Req',
    ];
    const ins = ['B1', 'B2', 'ChA', 'ChB', 'NC', 'NO', 'Run', 'OpMode', 'Ack', 'Reset_PB'];
    const chance = { B1: 0.6, B2: 0.6, ChA: 0.7, ChB: 0.7, NC: 0.7, NO: 0.3, Run: 0.9, OpMode: 0.4, Ack: 0.6, Reset_PB: 0.3 };
    const seen = await scansAlike(GLOBALS_2, MAIN_2, 200, ins, outs, chance, 0.6, 8);
    for (const o of ['Out_II', 'Out_III', 'Out_Eq', 'Out_Av', 'Err_III', 'Err_Eq', 'Err_Av', 'Req_Active', 'Req_Request']) expect(seen, o).toContain(`${o}=true`);
    // A late second button (C004 / C005) and a discrepancy timeout (C010 / C020 / C030) were reached.
    expect([0xc004, 0xc005].some((c) => seen.has(`Diag_III=${c}`))).toBe(true);
    expect([0xc010, 0xc020, 0xc030].some((c) => seen.has(`Diag_Eq=${c}`) || seen.has(`Diag_Av=${c}`))).toBe(true);
  }, 120_000);

  it('an ST program calling SF_OutControl and SF_EDM scans identically for random inputs', async () => {
    const outs = ['Edm_Out', 'Edm_Err', 'Oc_Out', 'Oc_Err', 'Diag_Edm', 'Diag_Oc'];
    const ins = ['Ctl', 'Edm1', 'Edm2', 'Safe', 'Proc', 'Stat', 'Rst', 'Run'];
    const chance = { Ctl: 0.3, Edm1: 0.9, Edm2: 0.9, Safe: 0.8, Proc: 0.6, Stat: 0.3, Rst: 0.4, Run: 0.9 };
    const seen = await scansAlike(GLOBALS_3, MAIN_3, 200, ins, outs, chance, 0.6, 8);
    for (const o of outs.slice(0, 4)) expect(seen, o).toContain(`${o}=true`);
  }, 120_000);
});
