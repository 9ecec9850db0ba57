import { describe, expect, it } from 'vitest';
import { parseRecipe } from '../../src-main/recipe/load-recipes.js';

const ok = `---
id: estop_check
title: Check e-stops
summary: test
applies_to: [codesys, twincat]
touches_safety: true
transforms: [revision-note]
---
Body text.
`;

describe('recipe files', () => {
  it('reads front matter and body', () => {
    const { recipe, problems } = parseRecipe(ok, '/p/estop_check.md');
    expect(problems).toEqual([]);
    expect(recipe).toMatchObject({ id: 'estop_check', appliesTo: ['codesys', 'twincat'], touchesSafety: true, transforms: ['revision-note'], instructions: 'Body text.' });
  });

  it.each([
    ['no front matter', 'just text', null, /front matter/],
    ['id does not match file', ok, 'transforms', null],
    ['unknown platform', ok.replace('[codesys, twincat]', '[s5]'), 'applies_to', /got "s5"/],
    ['unknown transform', ok.replace('[revision-note]', '[magic]'), 'transforms', /unknown transform "magic"/],
    ['touches_safety not a boolean', ok.replace('touches_safety: true', 'touches_safety: maybe'), 'touches_safety', /true or false/],
    ['missing title', ok.replace('title: Check e-stops\n', ''), 'title', /one-line title/],
  ])('%s', (name, text, field, message) => {
    const file = name === 'id does not match file' ? '/p/other.md' : '/p/estop_check.md';
    const { recipe, problems } = parseRecipe(text as string, file);
    expect(recipe).toBeNull();
    const p = field === 'transforms' && name === 'id does not match file' ? problems.find((x) => x.field === 'id') : problems.find((x) => x.field === field || field === null);
    expect(p, JSON.stringify(problems)).toBeDefined();
    expect(p!.file).toBe(file);
    if (message) expect(p!.message).toMatch(message);
  });
});

describe('recipe spec keys', () => {
  const spec = `---
id: estop_check
title: Check e-stops
transforms: [revision-note]
preconditions:
  - has_pou: Safety_Logic
  - safety_configured: true
end_state: Every e-stop goes through SF_EmergencyStop.
success_criteria: [No hazardous output without the chain]
examples:
  - title: one
    before: "a := b;"
    after: "a := c;"
verification:
  required_scenarios: ["tests/estop*.yaml"]
  allowed_differences: [Lamp_Ready]
---
Body.
`;

  it('reads preconditions, end state, criteria, examples and verification', () => {
    const { recipe, problems } = parseRecipe(spec, '/p/estop_check.md');
    expect(problems).toEqual([]);
    expect(recipe).toMatchObject({
      preconditions: [
        { kind: 'has-pou', value: 'Safety_Logic' },
        { kind: 'safety-configured', value: 'true' },
      ],
      endState: 'Every e-stop goes through SF_EmergencyStop.',
      successCriteria: ['No hazardous output without the chain'],
      examples: [{ title: 'one', before: 'a := b;', after: 'a := c;' }],
      requiredScenarios: ['tests/estop*.yaml'],
      allowedDifferences: ['Lamp_Ready'],
    });
  });

  it.each([
    ['an unknown precondition', spec.replace('has_pou: Safety_Logic', 'has_thing: x'), 'preconditions[0]'],
    ['a site-wide condition set to false', spec.replace('safety_configured: true', 'safety_configured: false'), 'preconditions[1]'],
    ['no_guards with a name instead of true', spec.replace('safety_configured: true', 'no_guards: Door_Closed'), 'preconditions[1]'],
    ['an example without code', spec.replace('after: "a := c;"', 'notes: x'), 'examples[0]'],
    ['an unknown verification key', spec.replace('allowed_differences', 'allowed_diffs'), 'verification.allowed_diffs'],
    ['criteria that are not a list of text', spec.replace('[No hazardous output without the chain]', '{a: 1}'), 'success_criteria'],
  ])('refuses %s, naming the key', (_n, text, field) => {
    const { recipe, problems } = parseRecipe(text, '/p/estop_check.md');
    expect(recipe).toBeNull();
    expect(problems.map((p) => p.field)).toContain(field);
  });
});
