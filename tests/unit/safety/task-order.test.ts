import { describe, expect, test } from 'vitest';
import { analyzeVersion, explainGuard } from '../../../src-main/safety/guard-analysis.js';
import { changeOf } from './new-style/new-style-site.js';
import { taskSite } from './new-style/task-sites.js';

// One scan in the soft-PLC's order: tasks by priority, their programs in order. A global enable written by an
// earlier program gates an output written by a later one in the same scan; tasks at different intervals do
// not always run together, so there the enable is unknown at the later task's start.

describe('scan order from a configuration', () => {
  const cases: [string, ReturnType<typeof taskSite>, string, 'proved' | 'refuted'][] = [
    ['same interval, chain first', taskSite('T#10MS', 1, 2), 'tasks TChain, TDrive (one interval)', 'proved'],
    ['same interval, drive first: it reads last scan\'s enable', taskSite('T#10MS', 2, 1), 'tasks TDrive, TChain (one interval)', 'refuted'],
    ['different intervals', taskSite('T#50MS', 1, 2), 'tasks TChain, TDrive (each its own scan: different intervals)', 'refuted'],
  ];
  for (const [name, site, plan, status] of cases) {
    test(`${name}: ${status}`, () => {
      const c = changeOf(site, []);
      const a = analyzeVersion(c.after, c.after.config.safety);
      expect(a.exec.plan.source).toBe(plan);
      const g = a.guards[0]!;
      expect(g.status, explainGuard(g, 'after').join('\n')).toBe(status);
    });
  }
});
