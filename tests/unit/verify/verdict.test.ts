import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Finding, StageResult } from '../../../src-main/evidence/report.js';
import { markPreExisting, openPointsOf, stageStatusOf, verdictOf } from '../../../src-main/evidence/verdict.js';
import { checkApproval, requiredRole, SAFETY_OFFICER } from '../../../src-shared/policy/approval-policy.js';

const f = (rule: string, severity: Finding['severity'], extra: Partial<Finding> = {}): Finding => ({
  rule,
  severity,
  message: `${rule} at line 12: something`,
  file: 'src/Main.st',
  line: 12,
  evidence: { locations: [], trace: null, facts: [] },
  ...extra,
});

describe('stage status from findings', () => {
  it.each([
    [[], 'pass'],
    [[f('SAF001', 'warning')], 'pass'],
    [[f('SAF001', 'error')], 'fail'],
    [[f('SAF001', 'error', { undecided: true })], 'inconclusive'],
    [[f('SAF001', 'error', { undecided: true }), f('SAF002', 'error')], 'fail'],
    [[f('SAF001', 'error', { preExisting: true })], 'pass'],
    // Not decided before either is still not decided: never shown as safe.
    [[f('SAF001', 'error', { undecided: true, preExisting: true })], 'inconclusive'],
    [[f('SAF001', 'error', { undecided: true, preExisting: true }), f('SAF002', 'error')], 'fail'],
  ] as const)('%j -> %s', (findings, status) => {
    expect(stageStatusOf(findings)).toBe(status);
  });
});

const status = fc.constantFrom<StageResult['status']>('pass', 'fail', 'inconclusive', 'error', 'skipped');

describe('verdict from stages', () => {
  it('is fail when any stage failed or crashed, else inconclusive when any is, else pass', () => {
    fc.assert(
      fc.property(fc.array(status, { maxLength: 6 }), (ss) => {
        const v = verdictOf(ss.map((s) => ({ status: s })));
        if (ss.includes('fail') || ss.includes('error')) expect(v).toBe('fail');
        else if (ss.includes('inconclusive')) expect(v).toBe('inconclusive');
        else expect(v).toBe('pass');
      }),
    );
  });

  it('never turns pass by adding a stage: an extra stage can only keep or worsen the verdict', () => {
    const rank = { pass: 0, inconclusive: 1, fail: 2 } as const;
    fc.assert(
      fc.property(fc.array(status, { maxLength: 5 }), status, (ss, extra) => {
        const a = verdictOf(ss.map((s) => ({ status: s })));
        const b = verdictOf([...ss, extra].map((s) => ({ status: s })));
        expect(rank[b]).toBeGreaterThanOrEqual(rank[a]);
      }),
    );
  });
});

describe('open points and pre-existing findings', () => {
  it('lists each undecided finding with what and where, saying when the before version was not decided either', () => {
    const stages: StageResult[] = [
      { name: 'safety', status: 'inconclusive', summary: '', durationMs: 0, findings: [f('SAF001', 'error', { undecided: true }), f('SAF002', 'error', { undecided: true, preExisting: true })] },
      { name: 'formal', status: 'inconclusive', summary: '', durationMs: 0, findings: [f('BMC-ESTOP', 'error', { undecided: true, file: null, line: null })] },
    ];
    expect(openPointsOf(stages)).toEqual([
      { id: 'safety:SAF001:0', stage: 'safety', rule: 'SAF001', what: 'SAF001 at line 12: something', file: 'src/Main.st', line: 12 },
      { id: 'safety:SAF002:1', stage: 'safety', rule: 'SAF002', what: 'SAF002 at line 12: something (not decided before this change either)', file: 'src/Main.st', line: 12 },
      { id: 'formal:BMC-ESTOP:0', stage: 'formal', rule: 'BMC-ESTOP', what: 'SAF001 at line 12: something'.replace('SAF001', 'BMC-ESTOP'), file: null, line: null },
    ]);
  });

  it('marks what the before version has too, line numbers aside, and counts repeats', () => {
    const before = [f('SIM-SCENARIO', 'error', { message: 'scenario "x" step 3 at 40 ms: Lamp expected TRUE, got FALSE' })];
    const after = [
      f('SIM-SCENARIO', 'error', { message: 'scenario "x" step 3 at 40 ms: Lamp expected TRUE, got FALSE' }),
      f('SIM-SCENARIO', 'error', { message: 'scenario "x" step 3 at 40 ms: Lamp expected TRUE, got FALSE' }),
      f('SAF001', 'error', { message: 'Pump gains a write path at line 40' }),
    ];
    const marked = markPreExisting(after, [...before, f('SAF001', 'error', { message: 'Pump gains a write path at line 38' })]);
    expect(marked.map((x) => x.preExisting === true)).toEqual([true, false, true]);
    expect(stageStatusOf(marked)).toBe('fail');
  });
});

describe('approval policy', () => {
  const subject = (verdict: 'pass' | 'fail' | 'inconclusive' | null, safetyCritical = false) => ({
    id: 7,
    verdict,
    safetyCritical,
    openPoints: verdict === 'inconclusive' ? [{ id: 'formal:BMC-RESET:0', what: 'timeout' }] : [],
  });
  const approve = (role: string, acknowledged: string[] = []) => ({ role, decision: 'approved' as const, acknowledged });

  it('lets anyone reject, and only a passing or acknowledged inconclusive verification be approved', () => {
    expect(checkApproval(subject('fail'), { role: 'Control engineer', decision: 'rejected', acknowledged: [] })).toBeNull();
    expect(checkApproval(subject('fail'), approve(SAFETY_OFFICER))?.field).toBe('decision');
    expect(checkApproval(subject(null), approve(SAFETY_OFFICER))?.message).toMatch(/no verification/);
    expect(checkApproval(subject('pass'), approve('Control engineer'))).toBeNull();
    expect(checkApproval(subject('pass', true), approve('Control engineer'))?.field).toBe('role');
    expect(checkApproval(subject('inconclusive'), approve('Control engineer', ['formal:BMC-RESET:0']))?.field).toBe('role');
    expect(checkApproval(subject('inconclusive'), approve(SAFETY_OFFICER))?.field).toBe('acknowledged');
    expect(checkApproval(subject('inconclusive'), approve(SAFETY_OFFICER, ['formal:BMC-RESET:0']))).toBeNull();
    expect(checkApproval(subject('pass'), approve(SAFETY_OFFICER, ['nope']))?.field).toBe('acknowledged');
  });

  it('names the Safety officer for safety-critical and inconclusive changes only', () => {
    expect(requiredRole(subject('pass'))).toBeNull();
    expect(requiredRole(subject('pass', true))).toBe(SAFETY_OFFICER);
    expect(requiredRole(subject('inconclusive'))).toBe(SAFETY_OFFICER);
  });
});
