/**
 * The one interface every language model goes through: the local GGUF model (node-llama-cpp), an
 * OpenAI-compatible server on the plant LAN, and the scripted provider the agent loop's tests use.
 */

/** A JSON Schema object (the subset the model backends understand: object, array, string, number, enum, ...). */
export type JsonSchema = Readonly<Record<string, unknown>>;

export type ChatRole = 'system' | 'user' | 'assistant' | 'tool';

/** A tool call the model asked for. The caller runs the tool and answers with a `tool` message. */
export interface ToolCall {
  id: string;
  name: string;
  /** The arguments parsed as JSON, or null when the model wrote something that does not parse. */
  arguments: unknown;
  /** The arguments exactly as the model wrote them. */
  raw: string;
}

export interface ChatMessage {
  role: ChatRole;
  content: string;
  /** On an assistant message: the tools it asked to call. */
  toolCalls?: ToolCall[];
  /** On a tool message: the id of the call it answers. */
  toolCallId?: string;
}

export interface ToolSpec {
  name: string;
  description: string;
  /** JSON Schema of the arguments object. */
  parameters: JsonSchema;
}

/** 'auto': the model may call a tool or answer; 'required': it must call one of `tools`. */
export type ToolChoice = 'auto' | 'required';

export interface ChatRequest {
  messages: ChatMessage[];
  tools?: ToolSpec[];
  toolChoice?: ToolChoice;
  /** Constrain the whole reply to this JSON Schema. Not together with `tools`. */
  jsonSchema?: JsonSchema;
  maxTokens?: number;
  /** 0 (the default) is greedy and deterministic. */
  temperature?: number;
  signal?: AbortSignal;
  timeoutMs?: number;
  /**
   * Requests with the same key share a KV-cache slot; the shared prompt prefix is reused between them. Give
   * conversations that alternate (the agent and the judge) different keys so neither evicts the other's prefix.
   */
  cacheKey?: string;
}

export type FinishReason = 'stop' | 'length' | 'tool_calls' | 'cancelled' | 'timeout';

export interface ChatUsage {
  promptTokens: number;
  completionTokens: number;
  /** Prompt tokens that were not evaluated again: a shared prefix kept from an earlier call. */
  cachedPromptTokens: number;
}

/**
 * A reply. A reply cut short by the caller's signal or by `timeoutMs` comes back with what was generated so far
 * and finishReason 'cancelled' or 'timeout'; when nothing came back at all, chat() rejects with an LlmError of
 * that code instead.
 */
export interface ChatResponse {
  message: ChatMessage;
  usage: ChatUsage;
  finishReason: FinishReason;
  durationMs: number;
}

export interface LlmProvider {
  readonly name: string;
  chat(req: ChatRequest): Promise<ChatResponse>;
  close(): Promise<void>;
}

export type LlmErrorCode =
  | 'model-missing'
  | 'model-unreadable'
  | 'not-gguf'
  | 'load-failed'
  | 'timeout'
  | 'cancelled'
  | 'http'
  | 'bad-response'
  | 'bad-request';

/** A model failure meant for a person: the message names the model file or the URL it is about. */
export class LlmError extends Error {
  readonly code: LlmErrorCode;
  constructor(code: LlmErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'LlmError';
    this.code = code;
  }
}

