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
