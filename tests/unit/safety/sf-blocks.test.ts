import { describe, expect, test } from 'vitest';
import { defeatingConstant, RESTART_INTERLOCK_BLOCKS, SAFETY_FBS_ST, sfPinRole, sfPinTable } from '../../../src-main/safety-blocks/index.js';
import { SF_MIGRATION, type Edit } from '../../../src-main/verify/mutation-suite/mutants.js';
import { change, describeFindings, errors } from './mutate.js';

// How the static rules judge PLCopen safety blocks: the pin table against the block declarations, the
// migration of conveyor-line-1's hand-written restart latch to SF_EmergencyStop, and unsafe ways of wiring it.

/** S_ inputs of every block in the declarations the checker uses. */
function declaredSafeInputs(): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const m of SAFETY_FBS_ST.matchAll(/FUNCTION_BLOCK (\w+)\s+VAR_INPUT([\s\S]*?)END_VAR/g)) {
    out.set(m[1]!, [...m[2]!.matchAll(/(S_\w+)\s*:/g)].map((x) => x[1]!));
  }
  return out;
}

describe('SF pin table', () => {
  test('covers exactly the S_ inputs the PLCopen blocks declare', () => {
    const declared = declaredSafeInputs();
    expect(declared.size).toBe(16);
    const table = sfPinTable();
    expect(Object.keys(table).sort()).toEqual([...declared.keys()].sort());
    for (const [fb, pins] of declared) expect(Object.keys(table[fb]!).sort(), fb).toEqual([...pins].sort());
  });

  test('every restart pin is S_StartReset or S_AutoReset and FALSE is its safe wiring', () => {
    for (const [fb, pins] of declaredSafeInputs()) {
      for (const pin of pins) {
        const role = sfPinRole(fb, pin)!;
        expect(role === 'restart', `${fb}.${pin}`).toBe(/^S_(StartReset|AutoReset)$/.test(pin));
        if (role === 'restart') expect(defeatingConstant(role)).toBe(true);
      }
    }
  });

  test('golden: the constants that defeat a pin', () => {
    const cases: [string, string, boolean | null][] = [
      ['SF_EmergencyStop', 'S_EStopIn', true],
      ['sf_emergencystop', 's_estopin', true],
      ['SF_GuardMonitoring', 'S_GuardSwitch2', true],
      ['SF_EmergencyStop', 'S_AutoReset', true],
      ['SF_Antivalent', 'S_ChannelNO', false],
      ['SF_ModeSelector', 'S_Unlock', null],
    ];
    for (const [fb, pin, bad] of cases) expect(defeatingConstant(sfPinRole(fb, pin)!), `${fb}.${pin}`).toBe(bad);
    expect(sfPinRole('SF_EmergencyStop', 'Reset')).toBeNull();
    expect(sfPinRole('SF_Unknown', 'S_In')).toBeNull();
  });

  test('the restart-interlock blocks name an output each declares', () => {
    for (const [fb, out] of Object.entries(RESTART_INTERLOCK_BLOCKS)) {
      const decl = new RegExp(`FUNCTION_BLOCK ${fb}\\s[\\s\\S]*?VAR_OUTPUT[^;]*;\\s*${out}\\s*:`, 'i');
      expect(SAFETY_FBS_ST, fb).toMatch(decl);
    }
  });
});

const SL = 'src/Safety_Logic.st';
const PANEL = 'fbEStop_Panel_OK(Activate := TRUE, S_EStopIn := EStop_Panel_OK, S_StartReset := FALSE, S_AutoReset := FALSE, Reset := fbResetRelease.Q AND rsResetArmed.Q1);';
const panel = (from: string, to: string): Edit[] => [...SF_MIGRATION, { file: SL, from: PANEL, to: PANEL.replace(from, to) }];

describe('migration of the restart latch to SF_EmergencyStop (conveyor-line-1)', () => {
  test('the manual-reset migration raises nothing but SAF009', () => {
    const c = change('conveyor-line-1', SF_MIGRATION);
    expect(c.result.findings.filter((f) => f.rule !== 'SAF009'), describeFindings(c)).toEqual([]);
    expect(c.result.safetyCritical).toBe(true);
  });

  test('leaving S_StartReset and S_AutoReset open is the same manual reset', () => {
    const c = change('conveyor-line-1', panel(' S_StartReset := FALSE, S_AutoReset := FALSE,', ''));
    expect(errors(c), describeFindings(c)).toEqual([]);
  });

  test('a block reset straight from the RESET input (rising edge, the PLCopen default) also counts as manual', () => {
    const c = change('conveyor-line-1', panel('Reset := fbResetRelease.Q AND rsResetArmed.Q1', 'Reset := Reset_PB'));
    expect(errors(c), describeFindings(c)).toEqual([]);
  });

  const unsafe: [string, Edit[], string[]][] = [
    ['S_AutoReset := TRUE restarts by itself', panel('S_AutoReset := FALSE', 'S_AutoReset := TRUE'), ['SAF002', 'SAF004']],
    ['S_StartReset := TRUE resets by itself at start-up', panel('S_StartReset := FALSE', 'S_StartReset := TRUE'), ['SAF002', 'SAF004']],
    ['Reset := TRUE is no manual reset', panel('Reset := fbResetRelease.Q AND rsResetArmed.Q1', 'Reset := TRUE'), ['SAF002', 'SAF004']],
    ['Reset from a variable that is not the reset input', panel('Reset := fbResetRelease.Q AND rsResetArmed.Q1', 'Reset := Start_PB'), ['SAF002', 'SAF004']],
    ['S_EStopIn := TRUE bypasses the e-stop', panel('S_EStopIn := EStop_Panel_OK', 'S_EStopIn := TRUE'), ['SAF002', 'SAF003', 'SAF004']],
    [
      'the motors no longer read the migrated interlock',
      [...SF_MIGRATION, { file: SL, from: 'Safety_OK := fbEStop_PullCord_OK.S_EStopOut AND fbEStop_Panel_OK.S_EStopOut;', to: 'Safety_OK := fbEStop_PullCord_OK.S_EStopOut;' }],
      ['SAF002', 'SAF004'],
    ],
  ];
  for (const [name, edits, rules] of unsafe) {
    test(`unsafe: ${name}`, () => {
      const c = change('conveyor-line-1', edits);
      expect(errors(c), describeFindings(c)).toEqual(rules);
    });
  }

  test('SAF004 names the input whose demand no longer needs a reset', () => {
    const c = change('conveyor-line-1', panel('S_AutoReset := FALSE', 'S_AutoReset := TRUE'));
    const lost = c.result.findings.filter((f) => f.rule === 'SAF004' && f.message.includes('no longer requires'));
    expect(lost.map((f) => f.message.match(/after a demand of (\w+)/)?.[1])).toEqual(['EStop_Panel_OK', 'EStop_Panel_OK', 'EStop_Panel_OK']);
  });

  test('a latch whose reset drops an e-stop is an automatic restart after that e-stop', () => {
    const c = change('conveyor-line-1', [{ file: SL, from: 'RESET1 := NOT bChainOK);', to: 'RESET1 := NOT EStop_PullCord_OK);' }]);
    expect(errors(c), describeFindings(c)).toContain('SAF004');
    expect(c.result.findings.find((f) => f.rule === 'SAF004')!.message).toContain('after a demand of EStop_Panel_OK');
  });
});

describe('SAF003 judges a constant by the pin it is wired to', () => {
  const base = SF_MIGRATION;
  test('FALSE on S_EStopIn holds the block off: not a bypass', () => {
    const c = change('conveyor-line-1', panel('S_EStopIn := EStop_Panel_OK', 'S_EStopIn := FALSE'));
    expect(c.result.findings.filter((f) => f.rule === 'SAF003'), describeFindings(c)).toEqual([]);
  });
  test('TRUE on S_EStopIn is reported with the reason', () => {
    const c = change('conveyor-line-1', panel('S_EStopIn := EStop_Panel_OK', 'S_EStopIn := TRUE'), []);
    const f = c.result.findings.filter((x) => x.rule === 'SAF003');
    expect(f).toHaveLength(1);
    expect(f[0]!.message).toMatch(/fbEStop_Panel_OK\.S_EStopIn is wired to the constant TRUE .*bypassed/);
  });
  test('S_StartReset / S_AutoReset FALSE are never SAF003, TRUE is left to SAF004', () => {
    const quiet = change('conveyor-line-1', [], base);
    expect(quiet.result.findings, describeFindings(quiet)).toEqual([]);
    const c = change('conveyor-line-1', [{ file: SL, from: PANEL, to: PANEL.replace('S_AutoReset := FALSE', 'S_AutoReset := TRUE') }], base);
    expect(c.result.findings.filter((f) => f.rule === 'SAF003')).toEqual([]);
    expect(errors(c)).toContain('SAF004');
  });
});
