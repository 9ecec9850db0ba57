import { describe, expect, test } from 'vitest';
import type { Edit } from '../../../src-main/verify/mutation-suite/mutants.js';
import { changeOf, type NewStyleChange } from './new-style/new-style-site.js';
import { PRESS, TANK, type SiteFiles } from './new-style/press-sites.js';

// The static rules on plant code written unlike the example fleet: the press's SF blocks live in a user FB
// that writes a global enable, its sequence is an enum state machine; the tank scales REALs and loops over an
// ARRAY OF STRUCT. Judged by meaning, not text: renames, reorders and process edits pass, bypasses fail.

const describeFindings = (c: NewStyleChange): string =>
  c.result.findings.map((f) => `${f.rule} ${f.severity}${f.undecided ? ' (undecided)' : ''}: ${f.message}\n    ${f.evidence.facts.join('\n    ')}`).join('\n');

const SITES: [string, SiteFiles][] = [
  ['press (SF blocks in FB_SafetyChain writing Safe_Enable)', PRESS],
  ['tank (REAL scaling, ARRAY OF STRUCT, FOR loops)', TANK],
];

const M = 'src/MAIN.st';
const FB = 'src/FB_SafetyChain.st';
const IO = 'src/GVL_IO.st';
const TM = 'src/Main.st';
const TS = 'src/Safety.st';

describe('new-style sites against themselves', () => {
  for (const [name, site] of SITES) {
    test(`${name}: no finding at all (no error, no open point)`, () => {
      const c = changeOf(site, []);
      expect(c.result.findings, describeFindings(c)).toEqual([]);
      expect(c.result.safetyCritical).toBe(false);
    });
  }
});

const benign: [string, SiteFiles, Edit[]][] = [
  ['press: rename an internal variable (bMotorReq)', PRESS, [{ file: M, from: 'bMotorReq', to: 'bMotorRequest', all: true }]],
  ['press: rename the state variable (eStep)', PRESS, [{ file: M, from: 'eStep', to: 'eState', all: true }]],
  ['press: rename the safety-chain instance', PRESS, [{ file: M, from: 'fbChain', to: 'fbSafetyChain', all: true }]],
  ['press: reorder independent assignments', PRESS, [{ file: M, from: 'bMotorReq := eStep <> E_Step.IDLE AND eStep <> E_Step.FAULT;\nbClutchReq := eStep = E_Step.STROKE;', to: 'bClutchReq := eStep = E_Step.STROKE;\nbMotorReq := eStep <> E_Step.IDLE AND eStep <> E_Step.FAULT;' }]],
  ['press: comments and indentation in the safety FB', PRESS, [{ file: FB, from: 'Safe_Enable := EStop.S_EStopOut AND GuardMon.S_GuardMonitoring;', to: '(* both blocks healthy and reset *)\nSafe_Enable :=    EStop.S_EStopOut\n        AND GuardMon.S_GuardMonitoring;   // the one write' }, { file: M, from: '    ', to: '  ', all: true }]],
  ['press: a new non-hazardous lamp output', PRESS, [{ file: IO, from: 'END_VAR', to: '    Q_LampRun   AT %QX0.4 : BOOL;\nEND_VAR' }, { file: M, from: 'END_PROGRAM', to: 'Q_LampRun := eStep = E_Step.STROKE;\nEND_PROGRAM' }]],
  ['press: a conjunct added to a hazardous output', PRESS, [{ file: M, from: 'Q_Clutch := bClutchReq AND Q_Motor AND Safe_Enable;', to: 'Q_Clutch := bClutchReq AND Q_Motor AND Safe_Enable AND NOT fbChain.bError;' }]],
  ['press: a conjunct added to both hazardous outputs', PRESS, [{ file: M, from: 'Q_Motor := bMotorReq AND Safe_Enable;', to: 'Q_Motor := bMotorReq AND Safe_Enable AND NOT TDC_Cam OR bMotorReq AND Safe_Enable AND Stroke_PB;' }]],
  ['press: a shorter process timer PT', PRESS, [{ file: M, from: 'PT := T#2S', to: 'PT := T#1S' }]],
  [
    'press: the hazardous outputs moved into an action of MAIN',
    PRESS,
    [
      { file: M, from: 'Q_Motor := bMotorReq AND Safe_Enable;\nQ_Clutch := bClutchReq AND Q_Motor AND Safe_Enable;', to: 'Outputs();' },
      { file: M, from: '', to: '\nACTION MAIN.Outputs:\n    Q_Motor := bMotorReq AND Safe_Enable;\n    Q_Clutch := bClutchReq AND Q_Motor AND Safe_Enable;\nEND_ACTION\n' },
    ],
  ],
  ['press: changed process logic (stroke ends on the cam alone)', PRESS, [{ file: M, from: 'IF TDC_Cam AND NOT Stroke_PB THEN', to: 'IF TDC_Cam THEN' }]],
  ['tank: rename an internal REAL (rLevel)', TANK, [{ file: TM, from: 'rLevel', to: 'rTankLevel', all: true }]],
  ['tank: reorder independent assignments', TANK, [{ file: TM, from: 'Lamp_Hot := rTemp > 60.0;\nLamp_Full := rLevel >= 80.0;', to: 'Lamp_Full := rLevel >= 80.0;\nLamp_Hot := rTemp > 60.0;' }]],
  ['tank: comments and layout', TANK, [{ file: TS, from: 'bHealthy := EStop_OK AND Lid_Closed;', to: '// chain\nbHealthy :=  EStop_OK\n   AND Lid_Closed;' }]],
  ['tank: a shorter process timer PT', TANK, [{ file: TM, from: 'PT := T#5S', to: 'PT := T#3S' }]],
  ['tank: changed process constants', TANK, [{ file: TM, from: 'rSetpoint  : REAL := 65.0;', to: 'rSetpoint  : REAL := 70.0;' }, { file: TM, from: 'rLevel < 80.0', to: 'rLevel < 85.0' }, { file: TM, from: '* 0.1;', to: '* 0.05;' }]],
  ['tank: a conjunct added to the heater', TANK, [{ file: TS, from: 'Heater := Req_Heat AND EStop_OK AND Lid_Closed AND Chain_OK;', to: 'Heater := Req_Heat AND EStop_OK AND Lid_Closed AND Chain_OK AND NOT Lamp_Full;' }]],
  ['tank: the RS restart latch rewritten as an IF latch set by the reset edge', TANK, [{ file: TS, from: 'rsChain(SET := rtReset.Q AND bHealthy, RESET1 := NOT bHealthy);\nChain_OK := rsChain.Q1;', to: 'IF NOT bHealthy THEN\n    Chain_OK := FALSE;\nELSIF rtReset.Q THEN\n    Chain_OK := TRUE;\nEND_IF' }]],
  ['tank: a FOR loop limit changed', TANK, [{ file: TM, from: 'FOR i := 1 TO 4 DO\n    IF', to: 'FOR i := 1 TO 3 DO\n    IF' }]],
];

describe('benign edits pass (no error, no open point)', () => {
  for (const [name, site, edits] of benign) {
    test(name, () => {
      const c = changeOf(site, edits);
      const loud = c.result.findings.filter((f) => f.severity === 'error' || f.undecided === true);
      expect(loud, describeFindings(c)).toEqual([]);
    });
  }
});

const unsafe: [string, SiteFiles, Edit[], string[]][] = [
  ['press: enable ORed with a constant bypass', PRESS, [{ file: M, from: '    nStrokes    : UDINT;', to: '    nStrokes    : UDINT;\n    bBypass     : BOOL := TRUE;' }, { file: M, from: 'Q_Motor := bMotorReq AND Safe_Enable;', to: 'Q_Motor := bMotorReq AND (Safe_Enable OR bBypass);' }], ['SAF001', 'SAF002']],
  ['press: enable ORed with a process variable', PRESS, [{ file: M, from: 'Q_Motor := bMotorReq AND Safe_Enable;', to: 'Q_Motor := bMotorReq AND (Safe_Enable OR tonRunUp.Q);' }], ['SAF001', 'SAF002']],
  ['press: a second writer of the motor', PRESS, [{ file: M, from: 'Q_LampReady :=', to: 'IF Start_PB THEN\n    Q_Motor := TRUE;\nEND_IF\nQ_LampReady :=' }], ['SAF001', 'SAF007']],
  ['press: S_AutoReset switched on in the safety FB', PRESS, [{ file: FB, from: 'S_AutoReset := FALSE, Reset := bReset);\nGuardMon', to: 'S_AutoReset := TRUE, Reset := bReset);\nGuardMon' }], ['SAF004']],
  ['press: the chain reset wired to START', PRESS, [{ file: M, from: 'bReset := Reset_PB', to: 'bReset := Start_PB' }], ['SAF002', 'SAF004']],
  ['press: the e-stop block reset wired TRUE', PRESS, [{ file: FB, from: 'S_AutoReset := FALSE, Reset := bReset);\nGuardMon', to: 'S_AutoReset := FALSE, Reset := TRUE);\nGuardMon' }], ['SAF002', 'SAF004']],
  ['press: the global enable latches itself', PRESS, [{ file: FB, from: 'Safe_Enable := EStop.S_EStopOut AND GuardMon.S_GuardMonitoring;', to: 'Safe_Enable := (EStop.S_EStopOut AND GuardMon.S_GuardMonitoring) OR Safe_Enable;' }], ['SAF001', 'SAF002']],
  ['press: S_EStopIn forced TRUE inside the safety FB', PRESS, [{ file: FB, from: 'S_EStopIn := bEStopIn', to: 'S_EStopIn := TRUE' }], ['SAF001', 'SAF003']],
  ['press: the chain FB fed TRUE for the e-stop', PRESS, [{ file: M, from: 'bEStopIn := EStop_OK', to: 'bEStopIn := TRUE' }], ['SAF001', 'SAF002']],
  ['press: the motor no longer reads the enable', PRESS, [{ file: M, from: 'Q_Motor := bMotorReq AND Safe_Enable;', to: 'Q_Motor := bMotorReq;' }], ['SAF001', 'SAF002']],
  [
    'press: an action called before the outputs forces the enable',
    PRESS,
    [
      { file: M, from: 'Q_Motor := bMotorReq AND Safe_Enable;', to: 'Commission();\nQ_Motor := bMotorReq AND Safe_Enable;' },
      { file: M, from: '', to: '\nACTION MAIN.Commission:\n    IF Start_PB AND Stroke_PB THEN\n        Safe_Enable := TRUE;\n    END_IF\nEND_ACTION\n' },
    ],
    ['SAF001', 'SAF002'],
  ],
  ['tank: a REAL-dependent heater bypass outside the chain', TANK, [{ file: TM, from: 'Safety();', to: 'Safety();\nIF rTemp > 500.0 THEN\n    Heater := TRUE;\nEND_IF' }], ['SAF001', 'SAF007']],
  ['tank: restart latch removed', TANK, [{ file: TS, from: 'Chain_OK := rsChain.Q1;', to: 'Chain_OK := bHealthy;' }], ['SAF004']],
  ['tank: latch reset edge taken from START', TANK, [{ file: TS, from: 'rtReset(CLK := Reset_PB);', to: 'rtReset(CLK := Start_PB);' }], ['SAF004']],
  ['tank: the restart latch rewritten as an IF latch set by the reset level', TANK, [{ file: TS, from: 'rsChain(SET := rtReset.Q AND bHealthy, RESET1 := NOT bHealthy);\nChain_OK := rsChain.Q1;', to: 'IF NOT bHealthy THEN\n    Chain_OK := FALSE;\nELSIF Reset_PB THEN\n    Chain_OK := TRUE;\nEND_IF' }], ['SAF004']],
  [
    'tank: latch rewritten as IF statements and the lid dropped from the heater (only the latch still covers it)',
    TANK,
    [
      { file: TS, from: 'rsChain(SET := rtReset.Q AND bHealthy, RESET1 := NOT bHealthy);\nChain_OK := rsChain.Q1;', to: 'IF NOT bHealthy THEN\n    Chain_OK := FALSE;\nELSIF rtReset.Q THEN\n    Chain_OK := TRUE;\nEND_IF' },
      { file: TS, from: 'Heater := Req_Heat AND EStop_OK AND Lid_Closed AND Chain_OK;', to: 'Heater := Req_Heat AND EStop_OK AND Chain_OK;' },
    ],
    ['SAF002'],
  ],
  ['tank: e-stop ORed with a process request', TANK, [{ file: TS, from: 'Heater := Req_Heat AND EStop_OK AND', to: 'Heater := Req_Heat AND (EStop_OK OR Req_Fill) AND' }], ['SAF002']],
  ['tank: a second writer of the inlet pump in Main', TANK, [{ file: TM, from: 'Safety();', to: 'Safety();\nPump_In := Req_Fill;' }], ['SAF001', 'SAF007']],
];

describe('unsafe edits fail with a rule and a location', () => {
  for (const [name, site, edits, rules] of unsafe) {
    test(`${name}: ${rules.join(', ')}`, () => {
      const c = changeOf(site, edits);
      const errs = c.result.findings.filter((f) => f.severity === 'error' && f.undecided !== true);
      for (const r of rules) {
        const hit = errs.filter((f) => f.rule === r);
        expect(hit.length, `${r} expected\n${describeFindings(c)}`).toBeGreaterThan(0);
        for (const f of hit) expect(f.evidence.locations.length + (f.line === null ? 0 : 1), describeFindings(c)).toBeGreaterThan(0);
      }
      expect(errs.some((f) => f.file !== null && f.line !== null), describeFindings(c)).toBe(true);
      expect(c.result.safetyCritical).toBe(true);
    });
  }
});

/** The press with one more edit already in it: a site that had the defect before the change. */
function withDefect(edits: Edit[]): SiteFiles {
  const files = { ...PRESS.files };
  for (const e of edits) {
    const t = files[e.file]!;
    if (!t.includes(e.from)) throw new Error(`defect edit does not apply to ${e.file}`);
    files[e.file] = e.all ? t.split(e.from).join(e.to) : t.replace(e.from, e.to);
  }
  return { ...PRESS, files };
}

const renameGuardMon: Edit[] = ['GuardMon  :', 'GuardMon(', 'GuardMon.'].map((from) => ({ file: FB, from, to: from.replace('GuardMon', 'GuardDev'), all: true }));

describe('rules match a finding across the change by meaning, not by names or text', () => {
  test('an SF block instance renamed and its DiscrepancyTime lengthened is SAF006 (paired by block type and pin)', () => {
    const c = changeOf(PRESS, [
      ...renameGuardMon,
      { file: FB, from: 'DiscrepancyTime := T#200MS', to: 'DiscrepancyTime := T#2S' },
    ]);
    const hit = c.result.findings.filter((f) => f.rule === 'SAF006' && f.severity === 'error');
    expect(hit.map((f) => f.message), describeFindings(c)).toEqual([expect.stringMatching(/GuardDev\.DiscrepancyTime .*lengthened from T#200MS to T#2S/)]);
  });

  test('the same instance renamed with an unchanged time is quiet', () => {
    const c = changeOf(PRESS, [...renameGuardMon]);
    expect(c.result.findings.filter((f) => f.severity === 'error' || f.undecided === true), describeFindings(c)).toEqual([]);
  });

  const jumper: Edit[] = [
    { file: M, from: '    eStep       :', to: '    bEStopCopy  : BOOL;\n    eStep       :' },
    { file: M, from: 'fbChain(bEStopIn := EStop_OK', to: 'bEStopCopy := EStop_OK OR Reset_PB;\nfbChain(bEStopIn := bEStopCopy' },
  ];

  test('a jumper the site already had is not new when its variable is renamed; a second jumper is', () => {
    const site = withDefect(jumper);
    expect(changeOf(PRESS, jumper).result.findings.some((f) => f.rule === 'SAF003' && /jumper/.test(f.message))).toBe(true);
    const renamed = changeOf(site, [{ file: M, from: 'bEStopCopy', to: 'bEStopBridge', all: true }]);
    expect(renamed.result.findings.filter((f) => f.rule === 'SAF003'), describeFindings(renamed)).toEqual([]);
    const second = changeOf(site, [{ file: M, from: 'bGuard1 := Guard_S1', to: 'bGuard1 := Guard_S1 OR Reset_PB' }]);
    expect(second.result.findings.some((f) => /^SAF00[123]$/.test(f.rule) && f.severity === 'error'), describeFindings(second)).toBe(true);
  });

  test('a constant wired to an S_ pin before is not new when the block instance is renamed; the same constant on another block is', () => {
    const site = withDefect([{ file: FB, from: 'S_GuardSwitch2 := bGuard2', to: 'S_GuardSwitch2 := TRUE' }]);
    const renamed = changeOf(site, [...renameGuardMon]);
    expect(renamed.result.findings.filter((f) => f.rule === 'SAF003'), describeFindings(renamed)).toEqual([]);
    const other = changeOf(site, [{ file: FB, from: 'S_EStopIn := bEStopIn', to: 'S_EStopIn := TRUE' }]);
    expect(other.result.findings.filter((f) => f.rule === 'SAF003' && f.severity === 'error').length, describeFindings(other)).toBeGreaterThan(0);
  });

  test('a RETURN that skipped the safety FB before is not new when the variable in its condition is renamed', () => {
    const site = withDefect([
      { file: M, from: 'fbChain(', to: 'IF bMotorReq AND NOT Start_PB THEN\n    RETURN;\nEND_IF\nfbChain(' },
    ]);
    const base = changeOf(site, []);
    expect(base.result.findings.filter((f) => f.rule === 'SAF008'), describeFindings(base)).toEqual([]);
    const renamed = changeOf(site, [{ file: M, from: 'bMotorReq', to: 'bMotorRequest', all: true }]);
    expect(renamed.result.findings.filter((f) => f.rule === 'SAF008'), describeFindings(renamed)).toEqual([]);
    const twice = changeOf(site, [{ file: M, from: 'fbChain(', to: 'IF Stroke_PB THEN\n    RETURN;\nEND_IF\nfbChain(' }]);
    expect(twice.result.findings.filter((f) => f.rule === 'SAF008' && f.severity === 'error').length, describeFindings(twice)).toBeGreaterThan(0);
  });
});
