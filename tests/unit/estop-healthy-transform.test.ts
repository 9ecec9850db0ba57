import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fixedClock } from '../../src-main/app/clock.js';
import { promptsDir } from '../../src-main/app/paths.js';
import { loadSite, openFleet } from '../../src-main/fleet/load-fleet.js';
import { buildSiteProgram } from '../../src-main/fleet/site-program.js';
import { readSiteSources, type SourceFile } from '../../src-main/fleet/site-sources.js';
import { loadRecipes, requireRecipe } from '../../src-main/recipe/load-recipes.js';
import { estopHealthy } from '../../src-main/recipe/transforms/estop-healthy.js';
import { findTransform } from '../../src-main/recipe/transforms/registry.js';
import type { TransformNote } from '../../src-main/recipe/transforms/transform.js';
import { verifySiteChange } from '../../src-main/run/site-change.js';
import type { SiteConfig } from '../../src-shared/model/site.js';
import { EXAMPLE_FLEET } from '../helpers/temp.js';

function siteWith(estops: string[], platform: SiteConfig['platform'] = 'codesys'): SiteConfig {
  return {
    id: 'cell',
    name: 'Cell',
    platform,
    plant: null,
    description: null,
    sources: ['src/*.st'],
    entry: 'Main',
    cycleMs: 10,
    scenarios: [],
    safety: { estops, guards: ['Guard_OK'], hazardousOutputs: ['Out_1', 'Out_2'], reactionMs: 20, reset: 'Reset_PB', pous: ['Safety_Logic'] },
  };
}

function run(files: SourceFile[], site: SiteConfig): { out: SourceFile[]; notes: TransformNote[] } {
  const notes: TransformNote[] = [];
  const out = estopHealthy.apply(files, { site, runId: 4, recipeId: 'estop_standardize', recipeTitle: 'E-stop standard', date: '2026-03-01', report: (n) => notes.push(n) });
  return { out, notes };
}

const textOf = (out: SourceFile[], path: string): string | undefined => out.find((f) => f.path === path)?.text;

const GVL = `VAR_GLOBAL
    EStop_A_OK   AT %IX0.0 : BOOL;  // panel e-stop, NC
    EStop_B_OK   AT %IX0.1 : BOOL;  // pull-cord, NC
    Guard_OK     AT %IX0.2 : BOOL;  // door closed
    Safety_OK    : BOOL;            // chain healthy and reset done
    Out_1        : BOOL;
    Alm_EStop    : BOOL;
END_VAR
`;

const LOGIC = `PROGRAM Safety_Logic
VAR
    fbEStop : SF_EmergencyStop;
    fbLatch : RS;
    bChainOK : BOOL;
END_VAR

// Stop chain: every device healthy
bChainOK := EStop_A_OK AND EStop_B_OK AND Guard_OK;
fbEStop(S_EStopIn := EStop_A_OK, Activate := TRUE);
fbLatch(SET := Reset_PB AND EStop_A_OK AND EStop_B_OK, RESET1 := NOT bChainOK);
Alm_EStop := NOT(EStop_A_OK AND EStop_B_OK);
IF EStop_B_OK AND Guard_OK THEN
    Out_1 := Req_1
             AND EStop_A_OK AND EStop_B_OK AND Safety_OK;  // gating
END_IF;
Out_2 := EStop_A_OK AND Guard_OK AND EStop_B_OK;
END_PROGRAM

PROGRAM Main
Lamp := EStop_A_OK AND EStop_B_OK;
END_PROGRAM
`;

const GVL_AFTER = GVL.replace(
  '    Safety_OK    : BOOL;            // chain healthy and reset done\n',
  '    Safety_OK    : BOOL;            // chain healthy and reset done\n    EStop_Healthy : BOOL;           // every e-stop healthy this scan (EStop_A_OK AND EStop_B_OK)\n',
);

const LOGIC_AFTER = `PROGRAM Safety_Logic
VAR
    fbEStop : SF_EmergencyStop;
    fbLatch : RS;
    bChainOK : BOOL;
END_VAR

EStop_Healthy := EStop_A_OK AND EStop_B_OK;

// Stop chain: every device healthy
bChainOK := EStop_Healthy AND Guard_OK;
fbEStop(S_EStopIn := EStop_A_OK, Activate := TRUE);
fbLatch(SET := Reset_PB AND EStop_A_OK AND EStop_B_OK, RESET1 := NOT bChainOK);
Alm_EStop := NOT EStop_Healthy;
IF EStop_B_OK AND Guard_OK THEN
    Out_1 := Req_1
             AND EStop_Healthy AND Safety_OK;  // gating
END_IF;
Out_2 := EStop_A_OK AND Guard_OK AND EStop_B_OK;
END_PROGRAM

PROGRAM Main
Lamp := EStop_A_OK AND EStop_B_OK;
END_PROGRAM
`;

const FILES = [
  { path: 'src/GVL_IO.st', text: GVL },
  { path: 'src/Safety_Logic.st', text: LOGIC },
];

describe('estop-healthy transform', () => {
  it('is registered under its id', () => {
    expect(findTransform('estop-healthy')).toBe(estopHealthy);
  });

  it('declares EStop_Healthy after Safety_OK, computes it first and replaces every adjacent all-e-stop group', () => {
    const { out } = run(FILES, siteWith(['EStop_A_OK', 'EStop_B_OK']));
    expect(textOf(out, 'src/GVL_IO.st')).toBe(GVL_AFTER);
    expect(textOf(out, 'src/Safety_Logic.st')).toBe(LOGIC_AFTER);
  });

  it('leaves call arguments, partial and scattered chains and other POUs, and names each read it left with its line', () => {
    const { notes } = run(FILES, siteWith(['EStop_A_OK', 'EStop_B_OK']));
    expect(notes.map((n) => `${n.path}: ${n.message}`)).toEqual([
      'src/Safety_Logic.st: Safety_Logic line 13 (`fbLatch(SET := Reset_PB AND EStop_A_OK AND EStop_B_OK, RESET1 := NOT bChainOK);`): a call argument reads EStop_A_OK, EStop_B_OK: left as it was, since this step does not rewrite call arguments',
      'src/Safety_Logic.st: Safety_Logic line 15 (`IF EStop_B_OK AND Guard_OK THEN`): an AND chain reads EStop_B_OK but not EStop_A_OK: left as it was, since adding or removing an e-stop term would change the machine',
      'src/Safety_Logic.st: Safety_Logic line 19 (`Out_2 := EStop_A_OK AND Guard_OK AND EStop_B_OK;`): an AND chain reads every e-stop, but not side by side: left as it was',
    ]);
  });

  it('with one e-stop replaces its reads in AND chains and under NOT, keeps (* *) comments, tabs and CRLF', () => {
    const gvl = 'VAR_GLOBAL\r\n\tEStop_OK AT %IX0.0 : BOOL;\t(* e-stop loop *)\r\n\tSafety_OK : BOOL;\t(* healthy and reset *)\r\nEND_VAR\r\n';
    const logic = [
      'PROGRAM Safety_Logic',
      'VAR',
      '\tfbMon : SF_EmergencyStop;',
      'END_VAR',
      '\tfbMon(S_EStopIn := EStop_OK);',
      '\tAlm_EStop := NOT EStop_OK;',
      '\tOut_1 := Req AND EStop_OK;',
      '\tIF EStop_OK THEN',
      '\t\tOut_2 := (EStop_OK);',
      '\tEND_IF;',
      'END_PROGRAM',
      '',
    ].join('\r\n');
    const { out, notes } = run(
      [
        { path: 'src/GVL_IO.st', text: gvl },
        { path: 'src/Safety_Logic.st', text: logic },
      ],
      siteWith(['EStop_OK'], 'openplc'),
    );
    expect(textOf(out, 'src/GVL_IO.st')).toBe(gvl.replace('(* healthy and reset *)\r\n', '(* healthy and reset *)\r\n\tEStop_Healthy : BOOL;\t(* every e-stop healthy this scan (EStop_OK) *)\r\n'));
    expect(textOf(out, 'src/Safety_Logic.st')).toBe(
      logic
        .replace('END_VAR\r\n', 'END_VAR\r\n\tEStop_Healthy := EStop_OK;\r\n\r\n')
        .replace('NOT EStop_OK;', 'NOT EStop_Healthy;')
        .replace('Req AND EStop_OK;', 'Req AND EStop_Healthy;')
        .replace('(EStop_OK);', 'EStop_Healthy;'),
    );
    expect(notes.map((n) => n.message)).toEqual(['Safety_Logic line 10 (`IF EStop_OK THEN`): EStop_OK is read outside an AND chain: left as it was']);
  });

  it('is idempotent: a site that already declares EStop_Healthy gets no edit', () => {
    const site = siteWith(['EStop_A_OK', 'EStop_B_OK']);
    const once = run(FILES, site).out;
    const again = run([{ path: 'src/GVL_IO.st', text: textOf(once, 'src/GVL_IO.st')! }, { path: 'src/Safety_Logic.st', text: textOf(once, 'src/Safety_Logic.st')! }], site);
    expect(again.out).toEqual([]);
    expect(again.notes.map((n) => `${n.path}: ${n.message}`)).toEqual(['src/GVL_IO.st: EStop_Healthy is already declared here: the site has had this step, nothing changed']);
  });

  it('changes nothing, with a note, without Safety_Logic, without Safety_OK, or on text that does not parse', () => {
    const site = siteWith(['EStop_A_OK', 'EStop_B_OK']);
    const noLogic = run([FILES[0]!, { path: 'src/Main.st', text: 'PROGRAM Main\nx := EStop_A_OK;\nEND_PROGRAM\n' }], site);
    expect(noLogic.out).toEqual([]);
    expect(noLogic.notes.map((n) => n.message)).toEqual(["no PROGRAM Safety_Logic in the site's Structured Text files: nothing changed"]);
    const noSafetyOk = run([{ path: 'src/GVL_IO.st', text: GVL.replace(/ {4}Safety_OK.*\n/, '') }, FILES[1]!], site);
    expect(noSafetyOk.out).toEqual([]);
    expect(noSafetyOk.notes[0]!.message).toMatch(/^no VAR_GLOBAL block declares Safety_OK/);
    const broken = run([FILES[0]!, { path: 'src/Safety_Logic.st', text: LOGIC.replace('bChainOK := ', 'bChainOK := := ') }], site);
    expect(broken.out).toEqual([]);
    expect(broken.notes[0]!.message).toMatch(/^the file does not parse/);
    for (const text of ['', 'PROGRAM', '(* open comment', 'VAR_GLOBAL Safety_OK : BOOL; END_VAR\nPROGRAM Safety_Logic\nEND_PROGRAM']) {
      expect(() => run([{ path: 'src/x.st', text }], site)).not.toThrow();
    }
  });

  // The sites written in the flat Safety_Logic style (GVL_IO + Safety_Logic); the vendor-style sites lay their safety out otherwise.
  const sites = openFleet(EXAMPLE_FLEET).sites.filter((s) => s.config?.safety.estops.length && s.config.safety.pous.includes('Safety_Logic'));

  it('on every example site with e-stops: ST sites compile with EStop_Healthy written once, first; the PLCopen site is left with a note', () => {
    expect(sites.length).toBeGreaterThanOrEqual(5);
    for (const site of sites) {
      const files = readSiteSources(site);
      const { out, notes } = run(files, site.config!);
      if (!files.some((f) => f.path.endsWith('.st'))) {
        expect(out, site.folder).toEqual([]);
        expect(notes.length, site.folder).toBe(1);
        continue;
      }
      expect(notes, site.folder).toEqual([]);
      expect(out.map((f) => f.path).sort(), site.folder).toEqual(['src/GVL_IO.st', 'src/Safety_Logic.st']);
      const after = files.map((f) => out.find((o) => o.path === f.path) ?? f);
      expect(buildSiteProgram(site.dir, site.config!, after).errors, site.folder).toEqual([]);
      const logic = textOf(out, 'src/Safety_Logic.st')!;
      const body = logic.slice(logic.indexOf('END_VAR'));
      expect(body, site.folder).toMatch(new RegExp(`^END_VAR\\r?\\n\\r?\\nEStop_Healthy := ${site.config!.safety.estops.join(' AND ')};\\r?\\n\\r?\\n`));
      expect(body.match(/EStop_Healthy :=/g), site.folder).toHaveLength(1);
      for (const e of site.config!.safety.estops) expect(body.split('\n').filter((l) => l.includes(e)), `${site.folder} ${e}`).toHaveLength(1);
      expect(run(after, site.config!).out, site.folder).toEqual([]);
    }
  });

  const recipe = requireRecipe(loadRecipes(promptsDir()), 'estop_standardize');
  for (const id of ['packaging-cell-4', 'press-line-2']) {
    it(`alone verifies in full on ${id}: same outputs before and after`, { timeout: 180_000 }, async () => {
      const site = loadSite(join(EXAMPLE_FLEET, id));
      const original = readSiteSources(site);
      const current = new Map(original.map((f) => [f.path, f.text]));
      for (const f of run(original, site.config!).out) current.set(f.path, f.text);
      const report = await verifySiteChange({ site, config: site.config!, recipe, original, current, mode: 'full', clock: fixedClock('2026-03-01T08:00:00Z') });
      const findings = report.stages.flatMap((s) => s.findings);
      expect(findings.filter((f) => f.rule === 'SIM-DIFF' && f.severity === 'error')).toEqual([]);
      expect(report.verdict, JSON.stringify(findings.filter((f) => f.severity === 'error'))).toBe('pass');
      expect(report.stages.filter((s) => s.name === 'simulation' || s.name === 'formal').map((s) => `${s.name}:${s.status}`)).toEqual(['simulation:pass', 'formal:pass']);
    });
  }
});
