import { describe, expect, test } from 'vitest';
import { and, atom, not, or, toSt } from '../../../src-main/safety/bool-expr.js';
import { decideImplies, DECISION_LIMITS } from '../../../src-main/safety/decide.js';
import { analyzeVersion, explainGuard } from '../../../src-main/safety/guard-analysis.js';
import { toSafetySummary } from '../../../src-main/safety/safety-model.js';
import { SF_BASE } from '../../../src-main/verify/mutation-suite/mutants.js';
import { change, describeFindings, SITES } from './mutate.js';

describe('guard analysis on the example sites', () => {
  for (const site of SITES) {
    test(`${site}: every declared hazardous output is proved gated by all e-stops and guards`, () => {
      const c = change(site, []);
      const a = analyzeVersion(c.after, c.after.config.safety);
      expect(a.guards.map((g) => g.output)).toEqual(c.after.config.safety.hazardousOutputs);
      for (const g of a.guards) {
        expect(g.status, explainGuard(g, 'after').join('\n')).toBe('proved');
        expect(g.writes.length).toBe(1);
        expect(g.conditionText).toMatch(/AND/);
        for (const i of [...c.after.config.safety.estops, ...c.after.config.safety.guards]) expect(g.conditionText).toContain(i);
      }
    });
  }

  test('the RS latch is modelled as Q1 ⇒ NOT R1 and shown as an assumption', () => {
    const c = change('conveyor-line-1', []);
    const g = analyzeVersion(c.after, c.after.config.safety).guards[0]!;
    expect(g.atoms.some((x) => x.constraint === 'rsSafetyOK.Q1 ⇒ EStop_PullCord_OK AND EStop_Panel_OK')).toBe(true);
  });

  test('a refuted output carries a falsifying assignment', () => {
    const c = change('conveyor-line-1', [{ file: 'src/Safety_Logic.st', from: 'END_PROGRAM', to: 'IF Start_PB THEN\n    Motor_Sec1 := TRUE;\nEND_IF;\nEND_PROGRAM' }]);
    const g = analyzeVersion(c.after, c.after.config.safety).guards[0]!;
    expect(g.status).toBe('refuted');
    const ck = g.checks.find((x) => x.input === 'EStop_PullCord_OK')!;
    expect(ck.status).toBe('fails');
    expect(ck.assignment).toContainEqual({ atom: 'Start_PB', value: true });
    expect(ck.assignment).toContainEqual({ atom: 'EStop_PullCord_OK', value: false });
  });

  test('a decision past its search budget is an open point (undecided), never a failure or a pass', () => {
    const saved = DECISION_LIMITS.steps;
    DECISION_LIMITS.steps = 1;
    try {
      // The e-stops sit under an OR: deciding needs a case split, which the budget of one step does not allow.
      const c = change('conveyor-line-1', [
        { file: 'src/Safety_Logic.st', from: '    bChainOK    : BOOL;', to: '    bChainOK    : BOOL;\n    bPermA      : BOOL;\n    bPermB      : BOOL;' },
        {
          file: 'src/Safety_Logic.st',
          from: 'Motor_Sec1 := Req_Sec1 AND EStop_PullCord_OK AND EStop_Panel_OK AND Safety_OK;',
          to: 'Motor_Sec1 := Req_Sec1 AND (bPermA AND EStop_PullCord_OK AND EStop_Panel_OK OR bPermB AND EStop_PullCord_OK AND EStop_Panel_OK) AND Safety_OK;',
        },
      ]);
      const g = analyzeVersion(c.after, c.after.config.safety).guards[0]!;
      expect(g.status).toBe('undecided');
      const f = c.result.findings.filter((x) => x.rule === 'SAF001' || x.rule === 'SAF002');
      expect(f.length, describeFindings(c)).toBeGreaterThan(0);
      expect(f.every((x) => x.undecided === true && x.severity === 'error'), describeFindings(c)).toBe(true);
      expect(f.find((x) => x.rule === 'SAF001')!.message).toMatch(/could not be decided/);
    } finally {
      DECISION_LIMITS.steps = saved;
    }
  });

  test('22 OR-ed permissives are decided by the search (no fixed atom limit)', () => {
    const names = Array.from({ length: 22 }, (_, i) => `bPerm${i}`);
    const c = change('conveyor-line-1', [
      { file: 'src/Safety_Logic.st', from: '    bChainOK    : BOOL;', to: `    bChainOK    : BOOL;\n${names.map((n) => `    ${n} : BOOL;`).join('\n')}` },
      { file: 'src/Safety_Logic.st', from: 'Motor_Sec1 := Req_Sec1 AND', to: `Motor_Sec1 := (${names.join(' OR ')}) AND Req_Sec1 AND` },
    ]);
    expect(analyzeVersion(c.after, c.after.config.safety).guards[0]!.status).toBe('proved');
    expect(c.result.findings.filter((x) => x.rule !== 'SAF009'), describeFindings(c)).toEqual([]);
  });

  test('an output left unwritten on some paths keeps its previous value, which is not gated', () => {
    const c = change('mixing-tank-3', [{ file: 'src/Safety_Logic.st', from: 'Valve_Inlet  := Req_Inlet', to: 'IF EStop_OK THEN Valve_Inlet := TRUE; END_IF;\nbOverTemp := Req_Inlet' }]);
    const g = analyzeVersion(c.after, c.after.config.safety).guards[0]!;
    expect(g.status).toBe('refuted');
    expect(g.conditionText).toMatch(/Valve_Inlet/);
  });

  test('SF_EmergencyStop.S_EStopOut implies Activate AND S_EStopIn', () => {
    const c = change('packaging-cell-4', [{ file: 'src/Safety_Logic.st', from: 'Infeed_Run    := Req_Infeed AND fbEStop.S_EStopOut AND fbDoor.S_GuardMonitoring\n                 AND EStop_Panel_OK', to: 'Infeed_Run    := Req_Infeed AND fbEStop.S_EStopOut AND fbDoor.S_GuardMonitoring\n                 AND TRUE' }], SF_BASE);
    const g = analyzeVersion(c.after, c.after.config.safety).guards.find((x) => x.output === 'Infeed_Run')!;
    expect(g.status, explainGuard(g, 'after').join('\n')).toBe('proved');
    expect(g.atoms.some((x) => x.constraint?.startsWith('fbEStop.S_EStopOut ⇒ EStop_Panel_OK'))).toBe(true);
  });
});

describe('safety model', () => {
  test('infers SF instances, their inputs and the POU that calls them', () => {
    const c = change('packaging-cell-4', [], SF_BASE);
    const sfs = c.model.sfInstances.map((s) => `${s.instance}:${s.fbType}:${s.gates.join(',')}`);
    expect(sfs).toEqual(['fbEStop:SF_EmergencyStop:Infeed_Run', 'fbDoor:SF_GuardMonitoring:Infeed_Run']);
    const summary = toSafetySummary(c.model);
    expect(summary.estops).toEqual(['EStop_Panel_OK', 'EStop_Robot_OK']);
    expect(summary.safetyPous).toEqual(['Safety_Logic']);
  });

  test('an SF input the config leaves out is inferred with its reason', () => {
    const c = change('packaging-cell-4', [{ file: 'src/Safety_Logic.st', from: 'S_EStopIn := EStop_Panel_OK', to: 'S_EStopIn := Robot_Ready' }], SF_BASE);
    const summary = toSafetySummary(c.model);
    expect(summary.estops).toContain('Robot_Ready');
    expect(summary.inferred).toContainEqual({ item: 'e-stop Robot_Ready', reason: 'Robot_Ready is read by fbEStop.S_EStopIn (SF_EmergencyStop) in Safety_Logic' });
  });

  test("{attribute 'safety'} and S_ prefixes mark POUs and variables", () => {
    const c = change('conveyor-line-1', [
      { file: 'src/Main.st', from: 'PROGRAM Main', to: "{attribute 'safety'}\nPROGRAM Main" },
      { file: 'src/Main.st', from: '    bRunning    : BOOL;', to: "    bRunning    : BOOL;\n    S_Permit    : BOOL;\n    {attribute 'safety'}\n    bMuted      : BOOL;" },
    ]);
    const s = toSafetySummary(c.model);
    expect(s.safetyPous).toEqual(['Safety_Logic', 'Main']);
    expect(s.safetyVariables).toEqual(expect.arrayContaining(['Main.S_Permit', 'Main.bMuted']));
    expect(s.inferred.map((i) => i.item)).toEqual(expect.arrayContaining(['Main', 'Main.S_Permit', 'Main.bMuted']));
  });
});

describe('decision procedure', () => {
  test('implication, counterexample and text', () => {
    const [a, b, c] = [atom('a'), atom('b'), atom('c')];
    expect(decideImplies(and(a, b), a, () => null).status).toBe('holds');
    const d = decideImplies(or(a, b), a, () => null);
    expect(d.status).toBe('fails');
    if (d.status === 'fails') expect([...d.assignment]).toEqual([['a', false], ['b', true]]);
    expect(decideImplies(c, a, (id) => (id === 'c' ? a : null)).status).toBe('holds');
    expect(toSt(and(a, or(b, not(c))), (id) => id)).toBe('a AND (b OR NOT c)');
  });
});
