import { describe, expect, it } from 'vitest';
import { parseSiteConfig } from '../../../src-main/fleet/site-config.js';
import { MAX_YAML_NESTING, yamlNestingProblem } from '../../../src-main/fleet/yaml-nesting.js';
import { parseScenario } from '../../../src-main/sim/scenario.js';

const block = (n: number): string => Array.from({ length: n }, (_, i) => `${' '.repeat(i)}k${i}:`).join('\n') + ' 1\n';

describe('YAML nesting limit', () => {
  it('passes real site.yaml and scenario shapes, and nesting right at the limit', () => {
    expect(yamlNestingProblem('id: a\nsafety:\n  estops: [EStop_OK, "a[b"]\n  guards: []\nsteps:\n  - at: 0ms\n    set: { x: [1, 2] }  # [[[ not counted\n')).toBeNull();
    expect(yamlNestingProblem(block(MAX_YAML_NESTING))).toBeNull();
    expect(yamlNestingProblem('x: ' + '['.repeat(MAX_YAML_NESTING - 1) + ']'.repeat(MAX_YAML_NESTING - 1))).toBeNull();
  });

  it('names the line where block, item and flow nesting together pass the limit', () => {
    expect(yamlNestingProblem(block(MAX_YAML_NESTING + 1))?.line).toBe(MAX_YAML_NESTING + 1);
    expect(yamlNestingProblem('a: 1\nb: ' + '[\n'.repeat(100))?.line).toBe(2 + MAX_YAML_NESTING - 1);
    expect(yamlNestingProblem('- '.repeat(200) + 'x')?.line).toBe(1);
  });

  it('site.yaml and scenarios 10,000 levels deep get that problem, not the YAML library stack overflow', () => {
    for (const text of ['[' .repeat(10_000) + ']'.repeat(10_000), 'a: ' + '{a: '.repeat(10_000) + '1' + '}'.repeat(10_000), block(500)]) {
      const site = parseSiteConfig(text, 'site.yaml');
      const scen = parseScenario(text, 'tests/s.yaml');
      for (const p of [...site.problems, ...scen.problems]) {
        expect(p.message).toMatch(/nested more than 64 levels deep/);
        expect(p.message).not.toMatch(/call stack/i);
        expect(p.line).toBeGreaterThanOrEqual(1);
      }
      expect(site.problems).toHaveLength(1);
      expect(scen.problems).toHaveLength(1);
    }
  });
});
