import { describe, expect, it } from 'vitest';
import { runAgent, type AgentResult } from '../../../src-main/agent/agent-loop.js';
import { fixedClock } from '../../../src-main/app/clock.js';
import { ScriptedProvider, type ScriptedTurn } from '../../../src-main/llm/scripted-provider.js';
import { pressLine2, rawTurn, turn } from './helpers.js';

const clock = fixedClock('2026-01-01T00:00:00Z');
const SAFETY = 'src/Safety_Logic.st';
const ALARM_OLD = 'Alm_EStop := NOT EStop_OK;';
const ALARM_NEW = 'Alm_EStop := NOT EStop_OK; // e-stop alarm';

async function run(turns: ScriptedTurn[], extra: { maxTurns?: number; maxRetries?: number; signal?: AbortSignal } = {}): Promise<{ r: AgentResult; p: ScriptedProvider }> {
  const { config, copy } = pressLine2();
  const p = new ScriptedProvider(turns);
  const r = await runAgent({ provider: p, instructions: 'RECIPE: add comments', config, copy, clock, ...extra });
  return { r, p };
}

/** The tool messages of the request the provider received at index i. */
function toolMessages(p: ScriptedProvider, i: number): string[] {
  return p.requests[i]!.messages.filter((m) => m.role === 'tool').map((m) => m.content);
}
const lastTool = (p: ScriptedProvider, i: number): string => toolMessages(p, i).at(-1)!;
const results = (r: AgentResult) => r.transcript.filter((e) => e.kind === 'tool-result');

describe('runAgent', () => {
  it('success: read, edit, check clean, finish; transcript and diff', async () => {
    const { r, p } = await run([
      turn(['read_file', { path: SAFETY, start_line: 36, end_line: 36 }]),
      turn(['edit', { path: SAFETY, old: ALARM_OLD, new: ALARM_NEW }]),
      turn(['check', {}]),
      turn(['finish', { summary: 'commented the e-stop alarm' }]),
    ]);
    expect(r.status).toBe('finished');
    expect(r.summary).toBe('commented the e-stop alarm');
    expect(r.turns).toBe(4);
    expect(r.retries).toBe(0);
    expect(r.lastCheck?.clean).toBe(true);
    expect(r.diff).toContain(`--- a/${SAFETY}`);
    expect(r.diff).toContain(`-${ALARM_OLD}`);
    expect(r.diff).toContain(`+${ALARM_NEW}`);
    // What the model was offered and shown.
    expect(p.requests).toHaveLength(4);
    expect(p.requests[0]!.toolChoice).toBe('required');
    expect(p.requests[0]!.tools!.map((t) => t.name)).toEqual(['list_files', 'read_file', 'search', 'edit', 'check', 'finish']);
    expect(p.requests[0]!.messages[0]).toEqual({ role: 'system', content: 'RECIPE: add comments' });
    expect(lastTool(p, 1)).toBe(`${SAFETY} lines 36-36 of 47\n36| ${ALARM_OLD}`);
    expect(lastTool(p, 2)).toMatch(/^edited src\/Safety_Logic\.st\n\ncheck: clean/);
    expect(lastTool(p, 3)).toMatch(/^check: clean/);
    // Transcript: request, response, tool-call, tool-result per turn, then end.
    expect(r.transcript.map((e) => e.kind)).toEqual([
      ...Array(4).fill(['request', 'response', 'tool-call', 'tool-result']).flat(),
      'end',
    ]);
    expect(r.usage).toEqual({ promptTokens: 400, completionTokens: 40, cachedPromptTokens: 200 });
    expect(results(r).every((e) => e.ok && !e.retry)).toBe(true);
  });

  it('malformed call (unparsable JSON, wrong types) is answered precisely, then recovers', async () => {
    const { r, p } = await run([
      rawTurn('read_file', '{"path": "src/Main.st"'),
      turn(['read_file', { path: 7 }]),
      turn(['read_file', {}]),
      turn(['list_files', {}]),
      turn(['finish', { summary: 'nothing to do' }]),
    ]);
    expect(r.status).toBe('finished');
    expect(r.retries).toBe(3);
    expect(lastTool(p, 1)).toBe('error: the arguments of read_file are not valid JSON: "{\\"path\\": \\"src/Main.st\\""; send a JSON object matching the tool\'s parameters');
    expect(lastTool(p, 2)).toBe('error: invalid arguments for read_file: property "path" must be string, got integer');
    expect(lastTool(p, 3)).toBe('error: invalid arguments for read_file: missing required property "path"');
    expect(lastTool(p, 4)).toContain('src/Safety_Logic.st (');
    expect(r.diff).toBe('');
  });

  it('unknown tool is an error naming the tools', async () => {
    const { r, p } = await run([turn(['write_file', { path: SAFETY }]), turn(['finish', { summary: 'x' }])]);
    expect(r.status).toBe('finished');
    expect(r.retries).toBe(1);
    expect(lastTool(p, 1)).toBe('error: unknown tool "write_file"; the tools are list_files, read_file, search, edit, check, finish');
  });

  it('paths outside the copy are refused, naming the path', async () => {
    const { r, p } = await run([
      turn(['read_file', { path: '../press-line-2/site.yaml' }]),
      turn(['read_file', { path: '/etc/passwd' }]),
      turn(['edit', { path: 'src/safety_logic.st', old: 'a', new: 'b' }]),
      turn(['finish', { summary: 'x' }]),
    ]);
    expect(r.status).toBe('finished');
    expect(r.retries).toBe(3);
    expect(lastTool(p, 1)).toMatch(/^error: path "\.\.\/press-line-2\/site\.yaml": "\.\." is not allowed/);
    expect(lastTool(p, 2)).toMatch(/^error: path "\/etc\/passwd": absolute paths are not allowed/);
    expect(lastTool(p, 3)).toMatch(/^error: path "src\/safety_logic\.st": no such file in the working copy \(did you mean "src\/Safety_Logic\.st"\?\)/);
    expect(r.diff).toBe('');
  });

  it('an edit that breaks compilation shows the ST error with file:line; a fixing edit makes check clean', async () => {
    const { r, p } = await run([
      turn(['edit', { path: SAFETY, old: ALARM_OLD, new: 'Alm_EStop := NOT EStop_OKK;' }]),
      turn(['edit', { path: SAFETY, old: 'NOT EStop_OKK;', new: 'NOT EStop_OK;' }]),
      turn(['finish', { summary: 'no-op' }]),
    ]);
    expect(lastTool(p, 1)).toContain('check: FAILED - 1 new error(s)');
    expect(lastTool(p, 1)).toContain('src/Safety_Logic.st:36: error ST2001: undeclared identifier EStop_OKK');
    expect(lastTool(p, 2)).toMatch(/check: clean/);
    expect(r.status).toBe('finished');
    expect(r.lastCheck?.clean).toBe(true);
    expect(r.diff).toBe('');
  });

  it('a syntax error is reported with file:line too', async () => {
    const { r } = await run([turn(['edit', { path: SAFETY, old: 'bChainOK := EStop_OK AND Guard_Closed;', new: 'bChainOK := EStop_OK AND Guard_Closed' }])], { maxTurns: 1 });
    expect(r.status).toBe('turns-exhausted');
    expect(r.lastCheck?.text).toMatch(/src\/Safety_Logic\.st:\d+: error ST1005: expected ';'/);
  });

  it('an unsafe edit (EStop_OK removed from Pump_Run) is caught by the check, and finish is refused once', async () => {
    const { r, p } = await run([
      turn(['edit', { path: SAFETY, old: 'Pump_Run   := Req_Pump AND EStop_OK AND', new: 'Pump_Run   := Req_Pump AND' }]),
      turn(['finish', { summary: 'simplified' }]),
      turn(['finish', { summary: 'simplified anyway' }]),
    ]);
    expect(lastTool(p, 1)).toContain('src/Safety_Logic.st:41: error SAF002: interlock on Pump_Run removed or weakened');
    expect(lastTool(p, 2)).toMatch(/^finish refused: the check still fails/);
    expect(lastTool(p, 2)).toContain('SAF002');
    expect(r.retries).toBe(1);
    // Refused once only: the second finish ends the session, with the failing check kept for the reviewer.
    expect(r.status).toBe('finished');
    expect(r.reason).toBe('finished with a failing check');
    expect(r.lastCheck?.clean).toBe(false);
    expect(r.lastCheck?.findings.find((f) => f.rule === 'SAF002')).toMatchObject({ severity: 'error', file: SAFETY, line: 41, stage: 'safety' });
  });

  it('the same call repeated identically three times is refused', async () => {
    const list = turn(['list_files', {}]);
    const { r, p } = await run([list, list, list, turn(['finish', { summary: 'x' }])]);
    expect(toolMessages(p, 3)).toHaveLength(3);
    expect(lastTool(p, 2)).toContain('src/Main.st');
    expect(lastTool(p, 3)).toBe('error: this exact list_files call was made 3 times in a row and gives the same result; do something different');
    expect(r.retries).toBe(1);
    expect(r.status).toBe('finished');
  });

  it('turn exhaustion ends the session after maxTurns requests', async () => {
    const turns = Array.from({ length: 10 }, (_, i) => turn(['read_file', { path: SAFETY, start_line: i + 1, end_line: i + 1 }]));
    const { r, p } = await run(turns, { maxTurns: 3 });
    expect(r.status).toBe('turns-exhausted');
    expect(r.turns).toBe(3);
    expect(p.requests).toHaveLength(3);
    expect(p.remaining).toBe(7);
  });

  it('default maxTurns is 10', async () => {
    const turns = Array.from({ length: 12 }, (_, i) => turn(['read_file', { path: SAFETY, start_line: i + 1, end_line: i + 1 }]));
    const { r, p } = await run(turns);
    expect(r.status).toBe('turns-exhausted');
    expect(p.requests).toHaveLength(10);
  });

  it('retry exhaustion: more than maxRetries failed calls end the session', async () => {
    const bad = (i: number): ScriptedTurn => turn(['edit', { path: SAFETY, old: `not there ${i}`, new: 'x' }]);
    const { r, p } = await run([bad(1), bad(2), bad(3), bad(4), bad(5)]);
    expect(r.status).toBe('retries-exhausted');
    expect(r.retries).toBe(4);
    expect(p.requests).toHaveLength(4);
    expect(r.reason).toContain('`old` was not found');
    expect(results(r).every((e) => e.retry)).toBe(true);
  });

  it('a reply without a tool call counts as a retry and is told to call a tool', async () => {
    const { r, p } = await run([{ message: { content: 'I am done.' } }, turn(['finish', { summary: 'x' }])], { maxRetries: 1 });
    expect(r.status).toBe('finished');
    expect(p.requests[1]!.messages.at(-1)).toEqual({ role: 'user', content: expect.stringContaining('you must call one of the tools') });
  });

  it('cancellation via AbortSignal', async () => {
    const ac = new AbortController();
    ac.abort();
    const { r, p } = await run([turn(['list_files', {}])], { signal: ac.signal });
    expect(r.status).toBe('cancelled');
    expect(p.requests).toHaveLength(0);

    // Aborted mid-session: the provider sees the aborted signal and rejects with 'cancelled'.
    const ac2 = new AbortController();
    const { config, copy } = pressLine2();
    const p2 = new ScriptedProvider([turn(['list_files', {}]), turn(['list_files', {}])]);
    const chat = p2.chat.bind(p2);
    p2.chat = async (req) => {
      const res = await chat(req);
      ac2.abort();
      return res;
    };
    const r2 = await runAgent({ provider: p2, instructions: 'x', config, copy, clock, signal: ac2.signal });
    expect(r2.status).toBe('cancelled');
    expect(r2.turns).toBe(1);
  });

  it('a model error ends the session with status error', async () => {
    const { r } = await run([turn(['list_files', {}])]);
    expect(r.status).toBe('error');
    expect(r.reason).toContain('no recorded turn left');
  });
});
