import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { proveSafetyIsolated } from '../../src-main/verify/formal-isolated.js';
import { formalFindings } from '../../src-main/formal/findings.js';
import type { FormalResult } from '../../src-main/formal/formal-result.js';
import { firstViolation, replayTrace } from '../../src-main/formal/replay.js';
import { loadSiteProgram } from '../../src-main/fleet/site-program.js';
import { applyEdits, SF_BASE, SF_MIGRATION, type Edit } from '../../src-main/verify/mutation-suite/mutants.js';
import { FLEET, mutant, SITES, siteVersion, status } from '../unit/formal/site-helpers.js';

const BOUND = 20;
// Each proof in a process of its own, as the pipeline runs them (the WASM solver's heap only grows).
const prove = (dir: string): Promise<FormalResult> => proveSafetyIsolated(siteVersion(dir), { bound: BOUND, timeoutMs: 120_000 });

/** Replays the counterexample on a freshly loaded soft-PLC and checks it violates the property there. */
function expectReplayViolates(dir: string, r: FormalResult, id: 'estop' | 'reset' | 'guard'): void {
  const p = r.properties.find((x) => x.id === id)!;
  expect(p.status).toBe('violated');
  expect(p.nominalTiming).toBe(true);
  expect(p.confirmed).toBe(true);
  const sp = loadSiteProgram(dir);
  const s = { ...sp.config.safety, cycleMs: sp.config.cycleMs };
  const trace = p.trace!;
  expect(trace.times).toEqual(trace.times.map((_, i) => i * sp.config.cycleMs));
  const seen = replayTrace(sp.program!, trace, s.hazardousOutputs);
  expect(sp.program!.fault).toBeNull();
  // The encoding and the simulator agree on every hazardous output in every scan of the trace.
  for (const h of s.hazardousOutputs) expect(seen.get(h)).toEqual(trace.signals.find((x) => x.name === h)!.values);
  expect(firstViolation(id, s, seen, trace.times.length)).not.toBeNull();
  expect(trace.markAt).not.toBeNull();
}

describe('bounded model checking of the example sites', () => {
  for (const site of SITES) {
    it(`${site}: e-stop, reset and guard properties hold for ${BOUND} scans`, { timeout: 180_000 }, async () => {
      const r = await prove(join(FLEET, site));
      expect(r.bound).toBe(BOUND);
      expect(status(r)).toEqual({ estop: 'proved', reset: 'proved', guard: 'proved' });
      const f = formalFindings(r);
      expect(f.map((x) => [x.rule, x.severity])).toEqual([
        ['BMC-ESTOP', 'info'],
        ['BMC-RESET', 'info'],
        ['BMC-GUARD', 'info'],
      ]);
      for (const x of f) {
        expect(x.evidence.facts.some((t) => t.includes(`${BOUND} scans`))).toBe(true);
        expect(x.evidence.facts.some((t) => t.startsWith('abstraction: inputs'))).toBe(true);
      }
    });
  }
});

describe('mutants give counterexamples that replay on the soft-PLC', () => {
  it('press-line-2 with EStop_OK removed from the chain and from Pump_Run violates the e-stop property', { timeout: 180_000 }, async () => {
    const dir = mutant('press-line-2', 'src/Safety_Logic.st', (t) =>
      t.replace('bChainOK := EStop_OK AND Guard_Closed;', 'bChainOK := Guard_Closed;').replace('Pump_Run   := Req_Pump AND EStop_OK AND', 'Pump_Run   := Req_Pump AND'),
    );
    const r = await prove(dir);
    expectReplayViolates(dir, r, 'estop');
    const f = formalFindings(r).find((x) => x.rule === 'BMC-ESTOP')!;
    expect(f.severity).toBe('error');
    expect(f.evidence.trace).not.toBeNull();
  });

  it('press-line-2 whose reset needs no rising edge violates the reset property', { timeout: 180_000 }, async () => {
    const dir = mutant('press-line-2', 'src/Safety_Logic.st', (t) => t.replace('rsSafetyOK(SET := fbResetEdge.Q AND bChainOK', 'rsSafetyOK(SET := Reset_PB AND bChainOK'));
    const r = await prove(dir);
    expect(status(r)).toMatchObject({ estop: 'proved', guard: 'proved' });
    expectReplayViolates(dir, r, 'reset');
  });

  it('mixing-tank-3 with the lid guard ANDed as TRUE violates the guard property', { timeout: 180_000 }, async () => {
    const dir = mutant('mixing-tank-3', 'src/Safety_Logic.st', (t) => t.replaceAll('AND Lid_Closed', 'AND TRUE'));
    const r = await prove(dir);
    expect(status(r)).toMatchObject({ estop: 'proved' });
    expectReplayViolates(dir, r, 'guard');
  });

  it('press-line-2 with EStop_OK removed from Pump_Run only is still safe: the Safety_OK latch drops in the same scan', { timeout: 180_000 }, async () => {
    const dir = mutant('press-line-2', 'src/Safety_Logic.st', (t) => t.replace('Pump_Run   := Req_Pump AND EStop_OK AND', 'Pump_Run   := Req_Pump AND'));
    expect(status(await prove(dir))).toEqual({ estop: 'proved', reset: 'proved', guard: 'proved' });
  });

  it('packaging-cell-4 with a hazardous output forced TRUE violates every property', { timeout: 180_000 }, async () => {
    const dir = mutant('packaging-cell-4', 'src/Safety_Logic.st', (t) => t.replace(/Infeed_Run\s*:=[^;]*;/, 'Infeed_Run := TRUE;'));
    const r = await prove(dir);
    for (const id of ['estop', 'reset', 'guard'] as const) expectReplayViolates(dir, r, id);
  });
});

describe('what the encoding over-approximates or cannot cover', () => {
  it('ignores a WHILE loop outside the cone of influence of the safety signals and still proves', { timeout: 180_000 }, async () => {
    const dir = mutant('press-line-2', 'src/Main.st', (t) => t.replace('bPumpReady := tonPumpReady.Q;', 'bPumpReady := tonPumpReady.Q;\nWHILE nLoop < 3 DO\n    nLoop := nLoop + 1;\nEND_WHILE;').replace('VAR\n', 'VAR\n    nLoop : INT;\n'));
    expect(status(await prove(dir))).toEqual({ estop: 'proved', reset: 'proved', guard: 'proved' });
  });

  it('reports a pointer write inside the cone as unsupported with its file and line, and proves nothing', { timeout: 180_000 }, async () => {
    const dir = mutant('press-line-2', 'src/Main.st', (t) => t.replace('bPumpReady := tonPumpReady.Q;', 'bPumpReady := tonPumpReady.Q;\npReady := ADR(bPumpReady);\npReady^ := TRUE;').replace('VAR\n', 'VAR\n    pReady : POINTER TO BOOL;\n'));
    const r = await prove(dir);
    const st = status(r);
    // Either the write is in the cone (unsupported) or not (proved): never a proof that ignores an unknown write in the cone.
    if (st.estop === 'unsupported') {
      const u = r.properties[0]!.unsupported;
      expect(u.some((x) => x.location?.file === 'src/Main.st' && x.location.line > 0)).toBe(true);
      const f = formalFindings(r);
      expect(f.every((x) => x.undecided === true && !x.message.includes('proved'))).toBe(true);
    }
  });
});

describe('PLCopen safety blocks', () => {
  const SL = 'src/Safety_Logic.st';
  const edited = (site: string, edits: readonly Edit[]): string => mutant(site, SL, (t) => applyEdits(new Map([[SL, t]]), edits).get(SL)!);

  it('conveyor-line-1 migrated to SF_EmergencyStop with the reset on the armed release proves all three properties', { timeout: 180_000 }, async () => {
    const r = await prove(edited('conveyor-line-1', SF_MIGRATION));
    expect(status(r)).toEqual({ estop: 'proved', reset: 'proved', guard: 'proved' });
    expect(r.abstractions.some((a) => a.startsWith('SF_EmergencyStop, SF_ESPE, SF_GuardMonitoring') && a.includes('state machines exactly as the soft-PLC runs them'))).toBe(true);
  });

  it('the same migration resetting on any release of RESET violates the reset property, and the soft-PLC agrees', { timeout: 180_000 }, async () => {
    const dir = edited('conveyor-line-1', [...SF_MIGRATION, { file: SL, from: 'Reset := fbResetRelease.Q AND rsResetArmed.Q1', to: 'Reset := fbResetRelease.Q', all: true }]);
    // Short start-up timers, so the restart fits in the bound at the nominal cycle and replays on the soft-PLC.
    const main = join(dir, 'src/Main.st');
    writeFileSync(main, readFileSync(main, 'utf8').replace('PT := T#1S', 'PT := T#20MS').replaceAll('PT := T#500MS', 'PT := T#20MS'));
    const r = await prove(dir);
    expect(status(r)).toMatchObject({ estop: 'proved' });
    expectReplayViolates(dir, r, 'reset');
    // The violation is a RESET held through the stop and released after it: no press came after the demand.
    const t = r.properties.find((p) => p.id === 'reset')!.trace!;
    const reset = t.signals.find((x) => x.name === 'Reset_PB')!.values;
    expect(reset.some((v, i) => i > 0 && v === false && reset[i - 1] === true)).toBe(true);
  });

  it('packaging-cell-4 with SF_EmergencyStop and SF_GuardMonitoring gating the infeed proves all three properties', { timeout: 180_000 }, async () => {
    expect(status(await prove(edited('packaging-cell-4', SF_BASE)))).toEqual({ estop: 'proved', reset: 'proved', guard: 'proved' });
  });

  it('a block without a formal model (SF_EnableSwitch) outside the cone of influence is ignored; gating an output it is havocked, never proved safe by accident', { timeout: 180_000 }, async () => {
    const decl: Edit = { file: SL, from: '    fbResetRelease : F_TRIG;', to: '    fbResetRelease : F_TRIG;\n    fbEnable : SF_EnableSwitch;' };
    const call = 'fbEnable(Activate := TRUE, S_SafetyActive := TRUE, S_EnableSwitchCh1 := Safety_OK, S_EnableSwitchCh2 := Safety_OK, S_AutoReset := FALSE, Reset := Reset_PB);\n';
    const dir = edited('conveyor-line-1', [...SF_MIGRATION, decl, { file: SL, from: 'Alm_EStop :=', to: `${call}Alm_EStop :=` }]);
    expect(status(await prove(dir))).toEqual({ estop: 'proved', reset: 'proved', guard: 'proved' });
    // Its output now gates the motors ORed in as a bypass: the free output gives a counterexample, never a proof.
    const gated = edited('conveyor-line-1', [...SF_MIGRATION, decl, { file: SL, from: 'Alm_EStop :=', to: `${call}Safety_OK := Safety_OK OR fbEnable.S_EnableSwitchOut;\nAlm_EStop :=` }]);
    const r = await prove(gated);
    expect(r.properties.find((p) => p.id === 'reset')!.status).not.toBe('proved');
    expect(r.havocs.some((h) => h.what.includes('SF_EnableSwitch') || h.what.includes('free'))).toBe(true);
  });
});
