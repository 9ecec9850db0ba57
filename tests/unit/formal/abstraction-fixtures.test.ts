import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { proveSafety } from '../../../src-main/formal/bmc.js';
import { siteVersion, status, variantOf } from './site-helpers.js';

// Plant code written unlike the examples: typed enums in every spelling, a user safety FB around the PLCopen
// blocks, structs with member defaults, ARRAY OF STRUCT in FOR loops, REAL scaling in a user function, a WHILE
// loop and strings outside the safety logic. The safe versions must prove every property, with nothing unsupported.

const FIX = join(import.meta.dirname, 'fixtures');

describe('formal by sound abstraction', () => {
  it('enum-driven press with SF blocks inside a user safety FB proves every property', { timeout: 300_000 }, async () => {
    const r = await proveSafety(siteVersion(join(FIX, 'enum-press')), { bound: 20, timeoutMs: 240_000 });
    expect(status(r)).toEqual({ estop: 'proved', reset: 'proved', guard: 'proved' });
    expect(r.properties.every((p) => p.unsupported.length === 0)).toBe(true);
  });

  it('heated tank with REAL scaling, ARRAY OF STRUCT and FOR loops proves every property under stated havocs', { timeout: 300_000 }, async () => {
    const r = await proveSafety(siteVersion(join(FIX, 'heat-tank')), { bound: 20, timeoutMs: 240_000 });
    expect(status(r)).toEqual({ estop: 'proved', reset: 'proved', guard: 'proved' });
    expect(r.havocs.some((h) => h.what.includes('REAL') && h.file !== null && h.line !== null)).toBe(true);
    expect(r.abstractions.some((a) => a.startsWith('havoc:'))).toBe(true);
  });
});

// Unsafe variants of the same fixtures: each is found violated (never proved through an abstraction), and the
// soft-PLC replay never contradicts the counterexample.
describe('formal by sound abstraction: unsafe variants are violated', () => {
  it('press bypass: a jog that drives the press down without Safe_Enable', { timeout: 300_000 }, async () => {
    const dir = variantOf(join(FIX, 'enum-press'), 'src/Main.st', (t) =>
      t.replace('Press_Down := Safe_Enable AND State = E_PressState.DOWN;', 'Press_Down := (Safe_Enable AND State = E_PressState.DOWN) OR (Start_PB AND At_Top);'),
    );
    const r = await proveSafety(siteVersion(dir), { bound: 8, timeoutMs: 240_000 });
    expect(status(r)).toEqual({ estop: 'violated', reset: 'violated', guard: 'violated' });
    expect(r.properties.every((p) => p.confirmed !== false)).toBe(true);
  });

  it('auto-restart: the enable latch sets itself when the chain closes, without a reset edge (reset only)', { timeout: 300_000 }, async () => {
    const dir = variantOf(join(FIX, 'heat-tank'), 'src/Main.st', (t) => t.replace('Latch(SET := rtReset.Q AND Chain,', 'Latch(SET := Chain,'));
    const r = await proveSafety(siteVersion(dir), { bound: 8, timeoutMs: 240_000 });
    expect(status(r)).toEqual({ estop: 'proved', reset: 'violated', guard: 'proved' });
    expect(r.properties.find((p) => p.id === 'reset')!.confirmed).not.toBe(false);
  });

  it('REAL-dependent bypass: the heater runs without Safe_Enable while every zone reads cold', { timeout: 300_000 }, async () => {
    const dir = variantOf(join(FIX, 'heat-tank'), 'src/Main.st', (t) =>
      t.replace('(Safe_Enable OR NOT Cfg.RequireEnable)', '(Safe_Enable OR NOT Cfg.RequireEnable OR MaxTemp < 5.0)'),
    );
    const r = await proveSafety(siteVersion(dir), { bound: 8, timeoutMs: 240_000 });
    expect(status(r)).toEqual({ estop: 'violated', reset: 'violated', guard: 'violated' });
    expect(r.properties.every((p) => p.confirmed !== false)).toBe(true);
  });
});
