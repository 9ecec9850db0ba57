import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadSiteProgram } from '../../src-main/fleet/site-program.js';
import { loadScenarios } from '../../src-main/fleet/site-version-loader.js';
import { monitor, randomStimuli, scenarioStimulus, shrink, type Stimulus } from '../../src-main/verify/dynamic-safety.js';
import { copyExampleFleet, EXAMPLE_FLEET } from '../helpers/temp.js';

const SITES = ['conveyor-line-1', 'mixing-tank-3', 'packaging-cell-4', 'press-line-2'];

function stimuliFor(dir: string) {
  const sp = loadSiteProgram(dir);
  const program = sp.program!;
  const scenarios = loadScenarios(dir, sp.config.scenarios).map((s) => scenarioStimulus(s, program.cycleMs));
  return { sp, program, stims: [...scenarios, ...randomStimuli(program, sp.config.safety, scenarios, 40, 400, 1)] };
}

function firstViolation(dir: string) {
  const { sp, program, stims } = stimuliFor(dir);
  for (const s of stims) {
    const v = monitor(program, sp.config.safety, s);
    if (v) return { v, sp, program };
  }
  return null;
}

function mutate(site: string, file: string, from: string, to: string): string {
  const fleet = copyExampleFleet();
  const p = join(fleet, site, file);
  const text = readFileSync(p, 'utf8');
  expect(text.includes(from), `mutation applies: ${from}`).toBe(true);
  writeFileSync(p, text.replace(from, to));
  return join(fleet, site);
}

describe('safety properties watched on the soft-PLC', () => {
  it.each(SITES)('%s: no violation over its scenarios and 40 random runs', (site) => {
    expect(firstViolation(join(EXAMPLE_FLEET, site))).toBeNull();
  });

  it('random operation really runs the machine (the monitor is not vacuous)', () => {
    const { sp, program, stims } = stimuliFor(join(EXAMPLE_FLEET, 'press-line-2'));
    let scansWithPumpOn = 0;
    for (const s of stims.slice(0, 10)) {
      program.restart('cold');
      for (let i = 0; i < s.scans; i++) {
        for (const [k, v] of s.writes.get(i) ?? []) program.set(k, v);
        program.scan();
        if (program.get(sp.config.safety.hazardousOutputs[0]!) === true) scansWithPumpOn++;
      }
    }
    expect(scansWithPumpOn).toBeGreaterThan(100);
  });

  it('finds an automatic restart (latch set without the reset edge) and shortens the trace', () => {
    const dir = mutate('press-line-2', 'src/Safety_Logic.st', 'rsSafetyOK(SET := fbResetEdge.Q AND bChainOK, RESET1 := NOT bChainOK);', 'rsSafetyOK(SET := bChainOK, RESET1 := NOT bChainOK);');
    const hit = firstViolation(dir);
    expect(hit?.v.rule).toBe('SIM-RESTART');
    expect(hit!.v.message).toMatch(/turned TRUE at \d+ ms without a rising edge of Reset_PB/);
    const short = shrink(hit!.program, hit!.sp.config.safety, hit!.v);
    expect(short.trace.times.length).toBeLessThanOrEqual(hit!.v.trace.times.length);
    expect(short.trace.signals.map((s) => s.name)).toEqual(expect.arrayContaining(['EStop_OK', 'Reset_PB', 'Pump_Run']));
    expect(short.trace.markAt).toBe(short.trace.times.length - 1);
  });

  it('finds a hazardous output that ignores the e-stop within the reaction time', () => {
    const dir = mutate('conveyor-line-1', 'src/Safety_Logic.st', 'Motor_Sec1 := Req_Sec1', 'Motor_Sec1 := Start_PB OR Req_Sec1');
    const hit = firstViolation(dir);
    expect(hit).not.toBeNull();
    expect(['SIM-ESTOP', 'SIM-RESTART']).toContain(hit!.v.rule);
  });

  it('is reproducible from the seed', () => {
    const sp = loadSiteProgram(join(EXAMPLE_FLEET, 'mixing-tank-3'));
    const a: Stimulus[] = randomStimuli(sp.program!, sp.config.safety, [], 3, 100, 42);
    const b: Stimulus[] = randomStimuli(sp.program!, sp.config.safety, [], 3, 100, 42);
    expect(a).toEqual(b);
  });
});
