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
