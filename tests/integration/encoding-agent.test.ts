import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fixedClock } from '../../src-main/app/clock.js';
import { changeFileBytes } from '../../src-main/change/change-file-bytes.js';
import type { SiteSourceFile } from '../../src-main/fleet/site-sources.js';
import { openFleet } from '../../src-main/fleet/load-fleet.js';
import { ScriptedProvider, type ScriptedTurn } from '../../src-main/llm/scripted-provider.js';
import { parseRecipe } from '../../src-main/recipe/load-recipes.js';
import type { Recipe } from '../../src-main/recipe/recipe.js';
import { runRecipe } from '../../src-main/run/run-recipe.js';
import { keepByteOrderMarks, proposedChange, unwritableChange } from '../../src-main/run/site-change.js';
import { Store } from '../../src-main/store/store.js';
import { copyExampleFleet, tempDir } from '../helpers/temp.js';
import { turn } from '../unit/agent/helpers.js';

const clock = fixedClock('2026-11-25T10:00:00Z');
const SITE = 'press-line-2';
const MAIN = 'src/Main.st';
const DWELL = 'tonDwell     : TON;                 // dwell at bottom of stroke';
const DWELL_GE = `${DWELL} (t \u2265 300 ms)`;
const DWELL_ASCII = `${DWELL} (t >= 300 ms)`;

function recipe(): Recipe {
  const r = parseRecipe(
    `---
id: timer-comments
title: Document the timers
summary: Says in each timer's declaration comment what it times.
applies_to: all
touches_safety: false
transforms: [revision-note]
---
Add the preset time to the declaration comment of each TON. Change nothing else.
`,
    '/prompts/timer-comments.md',
  );
  if (!r.recipe) throw new Error(JSON.stringify(r.problems));
  return r.recipe;
}

let store: Store;
beforeEach(() => {
  store = Store.open(join(tempDir(), 'plantshift.db'));
});
afterEach(() => store.close());

/** The example fleet with press-line-2's Main.st saved as windows-1252 with CRLF and a German comment. */
function latin1Fleet(): { dir: string; original: Buffer } {
  const dir = copyExampleFleet();
  const file = join(dir, SITE, MAIN);
  const text = readFileSync(file, 'utf8').replace(' *   1.0  2017-11-06  RO  First release', ' *   1.0  2017-11-06  RO  Erste Freigabe (Änderung)');
  const original = Buffer.from(text.split('\n').join('\r\n'), 'latin1');
  writeFileSync(file, original);
  return { dir, original };
}

async function run(dir: string, turns: ScriptedTurn[]) {
  const provider = new ScriptedProvider(turns);
  const result = await runRecipe({ fleet: openFleet(dir), recipe: recipe(), siteIds: [SITE], store, clock, verification: 'fast', provider });
  return { site: result.sites[0]!, provider, steps: store.steps.forSite(result.runId, SITE) };
}

describe('a change the file encoding cannot hold is never offered for review', () => {
  it('the agent is told the character, file, line and column, and its ASCII retry is stored byte for byte', async () => {
    const { dir, original } = latin1Fleet();
    const { site, provider } = await run(dir, [
      turn(['edit', { path: MAIN, old: DWELL, new: DWELL_GE }]),
      turn(['finish', { summary: 'documented the dwell timer' }]),
      turn(['edit', { path: MAIN, old: DWELL_GE, new: DWELL_ASCII }]),
      turn(['finish', { summary: 'documented the dwell timer in ASCII' }]),
    ]);
    expect(site, site.message).toMatchObject({ status: 'changed', agent: 'finished (4 turns, 2 attempts)' });
    expect(provider.remaining).toBe(0);
    const retry = provider.requests[2]!.messages[1]!.content;
    expect(retry).toMatch(/The change cannot be saved: src\/Main\.st:\d+:\d+: '≥' \(U\+2265\) cannot be written in windows-1252, the file's encoding/);
    const [file] = store.changes.files(site.changeId!);
    expect(file!.encoding).toBe('windows-1252');
    expect(file!.after).toContain(DWELL_ASCII);
    expect(Buffer.from(changeFileBytes(file!, 'before'))).toEqual(original);
    // Every original line is still there, byte for byte, apart from the one the agent edited.
    const after = Buffer.from(changeFileBytes(file!)).toString('latin1').split('\r\n');
    const before = original.toString('latin1').split('\r\n');
    expect(before.filter((l) => !after.includes(l))).toEqual([`    ${DWELL}`]);
    expect(after).toContain(' *   1.0  2017-11-06  RO  Erste Freigabe (Änderung)');
  }, 120_000);

  it('two attempts with such a character end the site failed, naming file, line, column and character; nothing is stored', async () => {
    const { dir } = latin1Fleet();
    const { site } = await run(dir, [
      turn(['edit', { path: MAIN, old: DWELL, new: DWELL_GE }]),
      turn(['finish', { summary: 'documented the dwell timer' }]),
      turn(['finish', { summary: 'kept it' }]),
    ]);
    expect(site.status).toBe('failed');
    expect(site.changeId).toBeNull();
    const line = Buffer.from(readFileSync(join(dir, SITE, MAIN))).toString('latin1').split('\r\n').findIndex((l) => l.includes(DWELL)) + 2;
    expect(site.message).toMatch(new RegExp(`^src/Main\\.st:${line}:\\d+: '≥' \\(U\\+2265\\) cannot be written in windows-1252, the file's encoding \\(agent attempt 2\\); the file cannot be written back in its own encoding, so nothing was stored for review`));
    expect(store.changes.list()).toEqual([]);
  }, 120_000);
});

describe('a byte order mark is how a file is encoded, not what it says', () => {
  it('an agent edit that drops the BOM with the first line still gives a file that starts with the BOM', async () => {
    const dir = copyExampleFleet();
    const file = join(dir, SITE, MAIN);
    const text = readFileSync(file, 'utf8');
    const first = text.slice(0, text.indexOf('\n'));
    const original = Buffer.from(`\uFEFF${text}`, 'utf8');
    writeFileSync(file, original);
    const { site } = await run(dir, [
      turn(['edit', { path: MAIN, old: `\uFEFF${first}`, new: `${first}\n(* Timer presets documented below. *)` }]),
      turn(['finish', { summary: 'a note above the header' }]),
    ]);
    expect(site, site.message).toMatchObject({ status: 'changed', linesAdded: 2, linesRemoved: 0 });
    const [f] = store.changes.files(site.changeId!);
    expect(f!.encoding).toBe('utf-8-bom');
    expect(f!.after.startsWith(`\uFEFF${first}\n(* Timer presets`)).toBe(true);
    const after = Buffer.from(changeFileBytes(f!));
    expect([...after.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  }, 120_000);
});

describe('deterministic steps that put in a character the file cannot hold', () => {
  it('end the site failed before anything is verified or stored, naming file, line, column and character', async () => {
    const { dir } = latin1Fleet();
    const parsed = parseRecipe(
      `---
id: arrow-note
title: Pumpe → Ventil
summary: A revision note whose title has an arrow.
applies_to: all
touches_safety: false
transforms: [revision-note]
agent: false
---
Only the revision note.
`,
      '/prompts/arrow-note.md',
    );
    if (!parsed.recipe) throw new Error(JSON.stringify(parsed.problems));
    const result = await runRecipe({ fleet: openFleet(dir), recipe: parsed.recipe, siteIds: [SITE], store, clock, verification: 'fast' });
    const site = result.sites[0]!;
    expect(site).toMatchObject({ status: 'failed', changeId: null });
    // The note goes below the last history entry (line 10), so it is line 11; its arrow is after "...run 1: Pumpe ".
    const col = ' *   2026-11-25  Plantshift run 1: Pumpe '.length + 1;
    expect(site.message).toBe(
      `src/Main.st:11:${col}: '→' (U+2192) cannot be written in windows-1252, the file's encoding (deterministic steps); the file cannot be written back in its own encoding, so nothing was stored for review: use characters the file's encoding has, or convert the file in its IDE first`,
    );
    expect(store.changes.list()).toEqual([]);
    expect(store.steps.forSite(result.runId, SITE).map((x) => `${x.kind}:${x.status}`)).toEqual(['transform:changed']);
  }, 120_000);
});

describe('unwritableChange', () => {
  const original: SiteSourceFile[] = [
    { path: 'a.st', text: '(* Ä *)\r\nx := 1;\r\n', encoding: 'windows-1252' },
    { path: 'b.st', text: '\uFEFFy := 2;\n', encoding: 'utf-8-bom' },
    { path: 'c.st', text: 'z := 3;\n', encoding: 'utf-8' },
  ];

  it('names the first file, line, column and character its encoding cannot hold', () => {
    expect(unwritableChange(original, new Map([['a.st', '(* Ä *)\r\nx := 1; // → 2\r\n']]))).toBe("a.st:2:12: '→' (U+2192) cannot be written in windows-1252, the file's encoding");
    expect(unwritableChange(original, new Map([['b.st', 'y := 2;\n']]))).toMatch(/^b\.st:1:1: the byte order mark \(U\+FEFF\) that starts a utf-8-bom file is missing/);
  });

  it('keepByteOrderMarks puts back a dropped BOM and takes out one the file did not have', () => {
    const kept = keepByteOrderMarks(original, new Map([['a.st', '\uFEFF(* Ä *)\r\n'], ['b.st', 'y := 3;\n'], ['c.st', 'z := 3;\n']]));
    expect([...kept]).toEqual([['a.st', '(* Ä *)\r\n'], ['b.st', '\uFEFFy := 3;\n'], ['c.st', 'z := 3;\n']]);
    expect(unwritableChange(original, kept)).toBeNull();
  });

  it('passes what each encoding holds, and files that did not change', () => {
    const current = new Map([['a.st', '(* Ä, ß, € *)\r\nx := 2;\r\n'], ['b.st', '\uFEFFy := 2; // → ≥\n'], ['c.st', 'z := 3;\n']]);
    expect(unwritableChange(original, current)).toBeNull();
    const change = proposedChange(original, current);
    expect(change.files.map((f) => [f.path, f.encoding])).toEqual([['a.st', 'windows-1252'], ['b.st', 'utf-8-bom']]);
  });
});
