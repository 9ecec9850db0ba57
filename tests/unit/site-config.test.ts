import { describe, expect, it } from 'vitest';
import { parseSiteConfig } from '../../src-main/fleet/site-config.js';

const VALID = `id: press-line-2
name: Hydraulic press, line 2
platform: codesys
sources: ["src/*.st"]
entry: Main
cycle: 10ms
safety:
  estops: [EStop_OK]
  guards: [Guard_Closed]
  hazardous_outputs: [Press_Down, Pump_Run]
  reaction_ms: 20
  reset: Reset_PB
  pous: [Safety_Logic]
scenarios: ["tests/*.yaml"]
`;

describe('parseSiteConfig', () => {
  it('reads every key of a valid site.yaml', () => {
    const { config, problems } = parseSiteConfig(VALID, 'site.yaml');
    expect(problems).toEqual([]);
    expect(config).toEqual({
      id: 'press-line-2',
      name: 'Hydraulic press, line 2',
      platform: 'codesys',
      plant: null,
      description: null,
      sources: ['src/*.st'],
      entry: 'Main',
      cycleMs: 10,
      safety: {
        estops: ['EStop_OK'],
        guards: ['Guard_Closed'],
        hazardousOutputs: ['Press_Down', 'Pump_Run'],
        reactionMs: 20,
        reset: 'Reset_PB',
        pous: ['Safety_Logic'],
      },
      scenarios: ['tests/*.yaml'],
    });
  });

  it('accepts extra keys and a missing safety block (inferred later)', () => {
    const text = VALID.replace(/safety:[\s\S]*?(?=scenarios)/, '') + 'owner: maintenance\n';
    const { config, problems } = parseSiteConfig(text, 'site.yaml');
    expect(problems).toEqual([]);
    expect(config?.safety).toEqual({ estops: [], guards: [], hazardousOutputs: [], reactionMs: null, reset: null, pous: [] });
  });

  // Each malformed file must be reported with the file, the key as written, the line, and what was expected.
  const cases: [string, string, string, number | null, RegExp][] = [
    ['wrong platform', VALID.replace('platform: codesys', 'platform: s7-300'), 'platform', 3, /expected one of codesys \| twincat \| tia \| studio5000 \| openplc, got "s7-300"/],
    ['missing entry', VALID.replace('entry: Main\n', ''), 'entry', null, /entry: is required: expected the name of the PROGRAM/],
    ['bad cycle', VALID.replace('cycle: 10ms', 'cycle: quick'), 'cycle', 6, /cycle: expected a cycle time .* got "quick"/],
    ['reaction not a number', VALID.replace('reaction_ms: 20', 'reaction_ms: fast'), 'safety.reaction_ms', 11, /positive reaction time in milliseconds, got "fast"/],
    ['misspelt safety key', VALID.replace('hazardous_outputs:', 'hazardous_output:'), 'safety.hazardous_output', 10, /unknown safety key/],
    ['bad variable name', VALID.replace('[EStop_OK]', '["EStop OK"]'), 'safety.estops[0]', 8, /"EStop OK" is not a PLC variable name/],
    ['sources escape the site', VALID.replace('"src/*.st"', '"../other/*.st"'), 'sources[0]', 4, /may not leave the site folder/],
    ['sources not a list', VALID.replace('sources: ["src/*.st"]', 'sources: {a: 1}'), 'sources', 4, /expected a list of globs/],
    ['hazards without reaction time', VALID.replace('  reaction_ms: 20\n', ''), 'safety.reaction_ms', null, /required when hazardous_outputs are listed/],
    ['id with spaces', VALID.replace('id: press-line-2', 'id: press line 2'), 'id', 1, /expected a site id/],
    ['misspelt top-level key', VALID + 'scenario: []\n', 'scenario', 15, /did you mean "scenarios"/],
  ];
  it.each(cases)('%s', (_name, text, field, line, message) => {
    const { config, problems } = parseSiteConfig(text, '/plants/a/site.yaml');
    expect(config).toBeNull();
    const p = problems.find((x) => x.field === field);
    expect(p, JSON.stringify(problems)).toBeDefined();
    expect(p!.file).toBe('/plants/a/site.yaml');
    expect(p!.message).toMatch(message);
    if (line !== null) expect(p!.line).toBe(line);
  });

  it('reports YAML syntax errors with their line', () => {
    const { config, problems } = parseSiteConfig('id: a\nname: [unclosed\nplatform: codesys\n', 'x/site.yaml');
    expect(config).toBeNull();
    expect(problems[0]!.message).toMatch(/not valid YAML/);
    expect(problems[0]!.line).toBeGreaterThan(0);
  });

  it('reports duplicate keys instead of silently taking one', () => {
    const { problems } = parseSiteConfig(VALID + 'entry: Other\n', 'site.yaml');
    expect(problems[0]!.message).toMatch(/not valid YAML/);
  });

  it('reports a document that is not a mapping', () => {
    expect(parseSiteConfig('- a\n- b\n', 'site.yaml').problems[0]!.message).toMatch(/expected a mapping/);
    expect(parseSiteConfig('', 'site.yaml').problems[0]!.message).toMatch(/expected a mapping/);
  });

  it('refuses an alias bomb without hanging', () => {
    const bomb = ['a: &a ["x","x","x","x","x","x","x","x","x"]'];
    for (let i = 1; i < 12; i++) bomb.push(`${String.fromCharCode(97 + i)}: &${String.fromCharCode(97 + i)} [${Array(9).fill('*' + String.fromCharCode(96 + i)).join(',')}]`);
    const { config, problems } = parseSiteConfig(bomb.join('\n') + '\n', 'bomb.yaml');
    expect(config).toBeNull();
    expect(problems.length).toBeGreaterThan(0);
  });

  it('refuses a file far too large to be a site.yaml', () => {
    const { problems } = parseSiteConfig('#'.repeat(300_000), 'big.yaml');
    expect(problems[0]!.message).toMatch(/larger than/);
  });
});
