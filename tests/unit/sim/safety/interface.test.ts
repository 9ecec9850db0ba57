import { describe, expect, it } from 'vitest';
import { SAFETY_FBS_ST as CHECKER_ST } from '../../../../src-main/plc/check/index.js';
import { SAFETY_FBS, SAFETY_FBS_ST } from '../../../../src-main/safety-blocks/index.js';
import { NATIVE_FBS } from '../../../../src-main/sim/compile-site.js';
import * as simSafety from '../../../../src-main/sim/safety/index.js';

/** The checker's declarations, read from its ST text: block -> inputs / outputs as `name:TYPE`. */
function declared(): Map<string, { inputs: string[]; outputs: string[] }> {
  const out = new Map<string, { inputs: string[]; outputs: string[] }>();
  for (const m of SAFETY_FBS_ST.matchAll(/FUNCTION_BLOCK\s+(\w+)([\s\S]*?)END_FUNCTION_BLOCK/g)) {
    const body = m[2] ?? '';
    const section = (kw: string): string[] => {
      const s = new RegExp(`${kw}([\\s\\S]*?)END_VAR`).exec(body)?.[1] ?? '';
      return [...s.matchAll(/(\w+)\s*:\s*(\w+)\s*;/g)].map((d) => `${d[1]}:${d[2]}`);
    };
    out.set(m[1] ?? '', { inputs: section('VAR_INPUT'), outputs: section('VAR_OUTPUT') });
  }
  return out;
}

describe('PLCopen safety registry', () => {
  const decl = declared();

  it('implements exactly the blocks the checker declares, keyed by upper-case name', () => {
    expect([...SAFETY_FBS.keys()].sort()).toEqual([...decl.keys()].map((k) => k.toUpperCase()).sort());
    expect(SAFETY_FBS.size).toBe(16);
  });

  for (const [name, d] of decl) {
    it(`${name}: parameter names and types match its declaration`, () => {
      const fb = SAFETY_FBS.get(name.toUpperCase());
      expect(fb?.name).toBe(name);
      expect(fb?.inputs.map((p) => `${p.name}:${p.type}`)).toEqual(d.inputs);
      expect(fb?.outputs.map((p) => `${p.name}:${p.type}`)).toEqual(d.outputs);
    });
  }

  it('the soft-PLC and the checker use the blocks of safety-blocks/ (the old import paths re-export them)', () => {
    expect(simSafety.SAFETY_FBS).toBe(SAFETY_FBS);
    expect(CHECKER_ST).toBe(SAFETY_FBS_ST);
    for (const [k, fb] of SAFETY_FBS) expect(NATIVE_FBS.get(k), k).toBe(fb);
  });

  it('a new instance is Idle: every output FALSE, DiagCode 16#0000, keys upper-case', () => {
    for (const fb of SAFETY_FBS.values()) {
      const self = fb.create();
      for (const p of [...fb.inputs, ...fb.outputs]) expect(p.name.toUpperCase() in self).toBe(true);
      for (const p of fb.outputs) expect(self[p.name.toUpperCase()], `${fb.name}.${p.name}`).toBe(p.type === 'WORD' ? 0 : false);
      expect(fb.diagCodes[0]).toBe(0);
      expect(new Set(fb.diagCodes).size).toBe(fb.diagCodes.length);
    }
  });
});
