import type { ChatMessage, ChatUsage, FinishReason, ToolCall } from '../llm/provider.js';

/** One event of an agent session, in order. Times are milliseconds since the session started. */
export type TranscriptEntry =
  | { kind: 'request'; turn: number; atMs: number; messages: ChatMessage[] }
  | { kind: 'response'; turn: number; atMs: number; message: ChatMessage; usage: ChatUsage; finishReason: FinishReason; durationMs: number; wallMs: number }
  | { kind: 'tool-call'; turn: number; atMs: number; call: ToolCall }
  | { kind: 'tool-result'; turn: number; atMs: number; callId: string; name: string; ok: boolean; retry: boolean; content: string; durationMs: number }
  | { kind: 'end'; turn: number; atMs: number; status: string; reason: string };

export function totalUsage(entries: readonly TranscriptEntry[]): ChatUsage {
  const u: ChatUsage = { promptTokens: 0, completionTokens: 0, cachedPromptTokens: 0 };
  for (const e of entries) {
    if (e.kind !== 'response') continue;
    u.promptTokens += e.usage.promptTokens;
    u.completionTokens += e.usage.completionTokens;
    u.cachedPromptTokens += e.usage.cachedPromptTokens;
  }
  return u;
}

const clip = (s: string, n = 4000): string => (s.length > n ? `${s.slice(0, n)}\n[... ${s.length - n} more characters]` : s);

/**
 * The session as a person reads it: the prompts once, then every model reply with its tokens, every tool call
 * with its arguments and every result, and how it ended.
 */
export function transcriptText(entries: readonly TranscriptEntry[]): string {
  const out: string[] = [];
  let shownPrompt = false;
  for (const e of entries) {
    switch (e.kind) {
      case 'request':
        if (!shownPrompt) {
          shownPrompt = true;
          for (const m of e.messages) out.push(`[${m.role}]\n${clip(m.content)}`);
        }
        break;
      case 'response':
        out.push(`--- turn ${e.turn}: model replied in ${e.durationMs} ms (${e.usage.promptTokens} prompt tokens, ${e.usage.cachedPromptTokens} from cache, ${e.usage.completionTokens} generated; ${e.finishReason})`);
        if (e.message.content.trim()) out.push(clip(e.message.content));
        break;
      case 'tool-call':
        out.push(`> ${e.call.name} ${clip(e.call.arguments === null ? `(unparsable) ${e.call.raw}` : JSON.stringify(e.call.arguments), 2000)}`);
        break;
      case 'tool-result':
        out.push(`< ${e.ok ? 'ok' : 'error'} (${e.durationMs} ms)\n${clip(e.content)}`);
        break;
      case 'end':
        out.push(`=== ${e.status}: ${e.reason}`);
        break;
    }
  }
  return out.join('\n');
}
