import { describe, expect, it } from 'vitest';
import { SiteChecker } from '../../../src-main/agent/site-check.js';
import { AGENT_TOOL_SPECS, findTool, newToolState, type ToolContext } from '../../../src-main/agent/tools/index.js';
import { applyUnifiedDiff } from '../../../src-main/agent/unified-patch.js';
import { WorkingCopy, WorkingCopyPathError } from '../../../src-main/agent/working-copy.js';
import { fixedClock } from '../../../src-main/app/clock.js';
import { unifiedDiff } from '../../../src-main/change/line-diff.js';
import { pressLine2 } from './helpers.js';

const SAFETY = 'src/Safety_Logic.st';

function ctx(): ToolContext {
  const { config, copy } = pressLine2();
  return { copy, checker: new SiteChecker(config, fixedClock('2026-01-01T00:00:00Z')), state: newToolState() };
}
const call = (name: string, args: Record<string, unknown>, c: ToolContext) => findTool(name)!.handler(args, c);

describe('WorkingCopy', () => {
  it('confines paths and diffs against the original', () => {
    const wc = new WorkingCopy([{ path: 'src/A.st', text: 'a\r\nb\r\n' }]);
    expect(() => wc.read('src/a.st')).toThrow(WorkingCopyPathError);
    expect(() => wc.read('src/../src/A.st')).toThrow('"src/../src/A.st": ".." is not allowed');
    expect(() => wc.read('C:/x')).toThrow('absolute paths are not allowed');
    expect(() => wc.write('src/B.st', 'x')).toThrow('"src/B.st": no such file in the working copy');
    expect(wc.diff()).toBe('');
    wc.write('src/A.st', 'a\r\nc\r\n');
    expect(wc.changedPaths()).toEqual(['src/A.st']);
    expect(wc.diff()).toBe('--- a/src/A.st\n+++ b/src/A.st\n@@ -1,2 +1,2 @@\n a\r\n-b\r\n+c\r\n');
    expect(() => new WorkingCopy([{ path: '/abs', text: '' }])).toThrow(WorkingCopyPathError);
  });
});

describe('tools', () => {
  it('every tool has a ToolSpec with an object schema', () => {
    expect(AGENT_TOOL_SPECS.map((t) => t.name)).toEqual(['list_files', 'read_file', 'search', 'edit', 'check', 'finish']);
    for (const t of AGENT_TOOL_SPECS) expect(t.parameters.type).toBe('object');
  });

  it('search: substring, regex, max results, bad regex', async () => {
    const c = ctx();
    const r = await call('search', { query: 'EStop_OK AND Guard_Closed', path: SAFETY }, c);
    expect(r.content.split('\n')[0]).toBe('src/Safety_Logic.st:27: bChainOK := EStop_OK AND Guard_Closed;');
    const re = await call('search', { query: '^Pump_Run\\s+:=', regex: true }, c);
    expect(re).toEqual({ ok: true, content: 'src/Safety_Logic.st:41: Pump_Run   := Req_Pump AND EStop_OK AND Guard_Closed AND Safety_OK;' });
    const capped = await call('search', { query: 'EStop_OK', max_results: 1 }, c);
    expect(capped.content.split('\n')).toHaveLength(2);
    expect(capped.content).toMatch(/more match\(es\) not shown/);
    expect((await call('search', { query: '(', regex: true }, c)).ok).toBe(false);
  });

  it('read_file: out-of-range start is refused', async () => {
    const r = await call('read_file', { path: SAFETY, start_line: 500 }, ctx());
    expect(r).toEqual({ ok: false, content: 'src/Safety_Logic.st: start_line 500 is outside the file (1-47)' });
  });

  it('edit: ambiguous old text is rejected with the count', async () => {
    const c = ctx();
    const r = await call('edit', { path: SAFETY, old: 'AND Safety_OK', new: 'AND TRUE' }, c);
    expect(r.ok).toBe(false);
    expect(r.content).toBe('edit rejected: src/Safety_Logic.st: `old` occurs 3 times; include more surrounding text so it occurs exactly once');
    expect(c.copy.diff()).toBe('');
  });

  it('edit: a unified diff applies exactly, or is rejected with the line that differs', async () => {
    const c = ctx();
    const before = c.copy.read(SAFETY);
    const after = before.replace('Alm_EStop := NOT EStop_OK;', 'Alm_EStop := NOT EStop_OK; // alarm');
    const diff = unifiedDiff(SAFETY, before, after);
    const r = await call('edit', { path: SAFETY, diff }, c);
    expect(r).toEqual({ ok: true, content: `edited ${SAFETY}` });
    expect(c.copy.read(SAFETY)).toBe(after);
    expect(c.state.edited).toBe(true);
    const again = await call('edit', { path: SAFETY, diff }, c);
    expect(again.ok).toBe(false);
    expect(again.content).toMatch(/does not apply: line 36 is "Alm_EStop := NOT EStop_OK; \/\/ alarm", the diff expects "Alm_EStop := NOT EStop_OK;"/);
  });

  it('applyUnifiedDiff keeps CRLF and checks hunk counts and headers', () => {
    expect(applyUnifiedDiff('a\r\nb\r\n', '@@ -2,1 +2,1 @@\n-b\n+c\n', 'f')).toEqual({ ok: true, text: 'a\r\nc\r\n' });
    expect(applyUnifiedDiff('a\n', '@@ -1,2 +1,1 @@\n-a\n', 'f')).toMatchObject({ ok: false, reason: expect.stringContaining('says 2 old') });
    expect(applyUnifiedDiff('a\n', '--- a/g\n+++ b/g\n@@ -1 +1 @@\n-a\n+b\n', 'f')).toMatchObject({ ok: false, reason: expect.stringContaining('names "g"') });
  });

  it('check reports nothing new for the untouched copy', async () => {
    const c = ctx();
    const r = await call('check', {}, c);
    expect(r.content).toBe('check: clean - no new compile errors or safety findings compared with the original');
    expect(c.state.lastCheck?.findings).toEqual([]);
  });
});
