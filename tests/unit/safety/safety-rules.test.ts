import { describe, expect, test } from 'vitest';
import { SAFETY_RULES } from '../../../src-main/safety/rules/index.js';
import { BENIGN, MUTANTS, SF_BASE } from '../../../src-main/verify/mutation-suite/mutants.js';
import { change, describeFindings, errors, SITES } from './mutate.js';

describe('static safety rules fire on unsafe mutants', () => {
  for (const [rule, list] of Object.entries(MUTANTS)) {
    for (const m of list) {
      test(`${rule}: ${m.site}: ${m.name}`, () => {
        const c = change(m.site, m.edits, m.base);
        const hits = c.result.findings.filter((f) => f.rule === rule);
        expect(hits.length, describeFindings(c)).toBeGreaterThan(0);
        for (const f of hits) {
          expect(f.severity).toBe(rule === 'SAF009' ? 'warning' : 'error');
          expect(f.message.length).toBeGreaterThan(10);
          expect(f.evidence.locations.length + f.evidence.facts.length).toBeGreaterThan(0);
        }
        expect(c.result.safetyCritical).toBe(true);
        if (rule !== 'SAF009') expect(errors(c)).toContain(rule);
      });
    }
  }
});

describe('benign changes stay quiet', () => {
  for (const m of BENIGN) {
    test(`${m.site}: ${m.name}`, () => {
      const c = change(m.site, m.edits, m.base);
      const loud = c.result.findings.filter((f) => f.rule !== 'SAF009');
      expect(loud, describeFindings(c)).toEqual([]);
      const s9 = c.result.findings.filter((f) => f.rule === 'SAF009');
      if (m.safetyEdit) expect(s9.length).toBeGreaterThan(0);
      else expect(s9, describeFindings(c)).toEqual([]);
      expect(c.result.safetyCritical).toBe(m.safetyEdit);
    });
  }
});

describe('unchanged sites', () => {
  for (const site of SITES) {
    test(`${site}: before = after gives no finding`, () => {
      const c = change(site, []);
      expect(c.result.findings, describeFindings(c)).toEqual([]);
      expect(c.result.safetyCritical).toBe(false);
    });
  }
  test('the SF-block base compiles and is quiet against itself', () => {
    const c = change('packaging-cell-4', [], SF_BASE);
    expect(c.result.findings, describeFindings(c)).toEqual([]);
  });
});

describe('rule catalogue', () => {
  test('every rule has an id, title, rationale and a standard reference with a clause', () => {
    expect(SAFETY_RULES.map((r) => r.info.id)).toEqual(['SAF001', 'SAF002', 'SAF003', 'SAF004', 'SAF005', 'SAF006', 'SAF007', 'SAF008', 'SAF009']);
    for (const r of SAFETY_RULES) {
      expect(r.info.title.length).toBeGreaterThan(10);
      expect(r.info.rationale.length).toBeGreaterThan(40);
      expect(r.info.reference).toMatch(/clause \d/);
    }
  });
});
