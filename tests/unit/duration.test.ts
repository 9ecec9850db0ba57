import { describe, expect, it } from 'vitest';
import { parseDurationMs } from '../../src-main/fleet/duration.js';

describe('parseDurationMs', () => {
  it.each([
    ['10ms', 10],
    ['1s', 1000],
    ['1.5s', 1500],
    ['1m30s', 90_000],
    ['T#20ms', 20],
    ['t#2S', 2000],
    ['TIME#1h', 3_600_000],
    ['500us', 0.5],
    ['T#1_000ms', 1000],
    ['25', 25],
    [25, 25],
  ])('%s -> %d ms', (text, ms) => {
    expect(parseDurationMs(text)).toBe(ms);
  });

  it.each([['fast'], [''], ['10 parsecs'], ['-5'], [-5], [null], [{}], ['ms10'], ['10ms!']])('%j is not a duration', (text) => {
    expect(parseDurationMs(text)).toBeNull();
  });
});
