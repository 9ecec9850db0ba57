import { describe, expect, it } from 'vitest';
import type { Trace } from '../../../src-main/sim/trace.js';
import { energisedWhy } from '../../../src-main/verify/hazard-direction.js';

/** A trace from columns of 0/1 strings, one character per scan at 10 ms. */
function trace(cols: Record<string, string>): Trace {
  const names = Object.keys(cols);
  const n = cols[names[0]!]!.length;
  return {
    variables: names.map((path) => ({ path, type: 'BOOL' })),
    times: Array.from({ length: n }, (_, i) => i * 10),
    values: names.map((k) => [...cols[k]!].map((c) => c === '1')),
    truncated: false,
  };
}

const SAFETY = { estops: ['EStop_OK'], guards: ['Guard_Closed'], reset: 'Reset_PB' };

describe('why switching a hazardous output on would be unsafe', () => {
  it.each([
    ['healthy all along, reset after power-up', { EStop_OK: '11111', 'GVL.Guard_Closed': '11111', Reset_PB: '01000' }, 4, null],
    ['healthy all along, never reset since power-up', { EStop_OK: '11111', Guard_Closed: '11111', Reset_PB: '00000' }, 4, 'without a Reset_PB edge since power-up (start without reset)'],
    ['e-stop demanded at that scan', { EStop_OK: '11110', Guard_Closed: '11111', Reset_PB: '00000' }, 4, 'while EStop_OK is FALSE (demand)'],
    ['guard opened earlier, no reset since', { EStop_OK: '11111', Guard_Closed: '10111', Reset_PB: '10000' }, 4, 'without a Reset_PB edge since the demand at 10 ms (start without reset)'],
    ['guard opened earlier, reset pressed after', { EStop_OK: '11111', Guard_Closed: '10111', Reset_PB: '00010' }, 4, null],
    ['an input is not recorded', { EStop_OK: '11111', Reset_PB: '00000' }, 4, 'and Guard_Closed is not recorded in the run, so its state cannot be checked'],
  ] as const)('%s', (_name, cols, scan, why) => {
    expect(energisedWhy(trace(cols), scan, SAFETY)).toBe(why);
  });

  it('a site with no reset input: healthy inputs are enough until a demand; after one it is never called safe', () => {
    expect(energisedWhy(trace({ EStop_OK: '11111', Guard_Closed: '11111' }), 4, { ...SAFETY, reset: null })).toBeNull();
    expect(energisedWhy(trace({ EStop_OK: '10111', Guard_Closed: '11111' }), 4, { ...SAFETY, reset: null })).toBe('after the demand at 10 ms, and the site declares no reset input');
    expect(energisedWhy(null, 0, SAFETY)).toMatch(/not recorded/);
  });
});
