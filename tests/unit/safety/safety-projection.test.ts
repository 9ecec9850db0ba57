import { describe, expect, test } from 'vitest';
import { and, atom, not, or, type BoolExpr } from '../../../src-main/safety/bool-expr.js';
import { isSafetyAtom, weakerOnSafety } from '../../../src-main/safety/safety-projection.js';

// The comparison on the safety atoms: process atoms (anything but devices, reset, SF outputs and the
// restart-interlock facts) are projected away on each side separately.

const E = atom('in:ESTOP');
const G = atom('in:GUARD');
const rsd = atom('reset-since-demand:ESTOP');
const p = (n: string): BoolExpr => atom(`v:MAIN::${n}`);

describe('weakerOnSafety', () => {
  const cases: [string, BoolExpr, BoolExpr, 'holds' | 'fails'][] = [
    ['identical', and(p('REQ'), E, G), and(p('REQ'), E, G), 'holds'],
    ['a process variable renamed', and(p('REQUEST'), E, G), and(p('REQ'), E, G), 'holds'],
    ['process logic rewritten', and(or(p('A'), and(p('B'), not(p('C')))), E, G), and(p('REQ'), E, G), 'holds'],
    ['a conjunct added', and(p('REQ'), p('EXTRA'), E, G), and(p('REQ'), E, G), 'holds'],
    ['an interlock ORed with a process variable', and(p('REQ'), or(E, p('BYPASS')), G), and(p('REQ'), E, G), 'fails'],
    ['an interlock dropped', and(p('REQ'), G), and(p('REQ'), E, G), 'fails'],
    ['the restart interlock dropped', and(p('REQ'), E, G), and(p('REQ'), E, G, rsd), 'fails'],
    ['the restart interlock added', and(p('REQ'), E, G, rsd), and(p('REQ'), E, G), 'holds'],
  ];
  for (const [name, after, before, status] of cases) {
    test(`${name}: ${status}`, () => {
      const d = weakerOnSafety(after, before, 'Reset_PB');
      expect(d.status).toBe(status);
      if (d.status === 'fails') expect([...d.witness.keys()].every((id) => isSafetyAtom(id, 'Reset_PB'))).toBe(true);
    });
  }

  test('the reset level is a safety atom, other variables are not', () => {
    expect(isSafetyAtom('v:RESET_PB', 'Reset_PB')).toBe(true);
    expect(isSafetyAtom('v:MAIN::BRESETARMED', 'Reset_PB')).toBe(false);
    expect(isSafetyAtom('sf:SF_EMERGENCYSTOP.S_ESTOPOUT{}', null)).toBe(true);
  });

  test('too many safety atoms is undecided, never a pass', () => {
    const many = Array.from({ length: 19 }, (_, i) => atom(`in:X${i}`));
    expect(weakerOnSafety(or(...many), and(...many), null).status).toBe('undecided');
  });
});
