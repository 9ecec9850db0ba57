import { LlmError, type ChatMessage, type ChatRequest, type ChatResponse, type ChatUsage, type FinishReason, type LlmProvider } from './provider.js';

/** One recorded assistant turn. */
export interface ScriptedTurn {
  /** The assistant message; tool calls may carry malformed JSON in `raw` with `arguments: null`. */
  message: Omit<ChatMessage, 'role'> & { role?: 'assistant' };
  usage?: Partial<ChatUsage>;
  /** Default: 'tool_calls' when the message has tool calls, else 'stop'. */
  finishReason?: FinishReason;
}

/**
 * Replays recorded assistant turns in order, for the agent loop's tests. Every request it receives is kept
 * (a copy, so later changes by the caller do not show) in `requests`. Asking for more turns than were recorded
 * is an LlmError.
 */
export class ScriptedProvider implements LlmProvider {
  readonly name = 'scripted';
  readonly requests: ChatRequest[] = [];
  private next = 0;
  private closed = false;

  constructor(private readonly turns: readonly ScriptedTurn[]) {}

  /** How many recorded turns have not been used yet. */
  get remaining(): number {
    return this.turns.length - this.next;
  }

  async chat(req: ChatRequest): Promise<ChatResponse> {
    const { signal, ...rest } = req;
    this.requests.push({ ...structuredClone(rest), ...(signal ? { signal } : {}) });
    const n = this.requests.length;
    if (this.closed) throw new LlmError('bad-request', `scripted provider: request ${n} came after close()`);
    if (signal?.aborted) throw new LlmError('cancelled', `scripted provider: request ${n} was cancelled`);
    const turn = this.turns[this.next];
    if (!turn) {
      throw new LlmError('bad-response', `scripted provider: request ${n} has no recorded turn left (${this.turns.length} recorded)`);
    }
    this.next++;
    const message: ChatMessage = { ...structuredClone(turn.message), role: 'assistant' };
    return {
      message,
      usage: {
        promptTokens: turn.usage?.promptTokens ?? 0,
        completionTokens: turn.usage?.completionTokens ?? 0,
        cachedPromptTokens: turn.usage?.cachedPromptTokens ?? 0,
      },
      finishReason: turn.finishReason ?? (message.toolCalls?.length ? 'tool_calls' : 'stop'),
      durationMs: 0,
    };
  }

  async close(): Promise<void> {
    this.closed = true;
  }
}
