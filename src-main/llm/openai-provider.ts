import { startDeadline, stoppedError } from './deadline.js';
import {
  LlmError,
  type ChatMessage,
  type ChatRequest,
  type ChatResponse,
  type FinishReason,
  type LlmProvider,
  type ToolCall,
} from './provider.js';

export interface OpenAiOptions {
  /** The server's base URL on the plant LAN, e.g. http://10.1.2.3:8000 (a trailing /v1 is accepted). */
  url: string;
  /** The model name the server expects. */
  model: string;
  /** Sent as `Authorization: Bearer …` when set; never logged or put in an error message. */
  apiKey?: string;
  /** Default timeout for requests that do not set their own. */
  timeoutMs?: number;
}

const DEFAULT_TIMEOUT_MS = 300_000;

/**
 * An OpenAI-compatible chat completions endpoint (vLLM, the llama.cpp server, Ollama) on the plant LAN.
 *
 * `ChatRequest.cacheKey` is not sent: these servers cache shared prompt prefixes on their own, across requests
 * and clients, and report the reuse as usage.prompt_tokens_details.cached_tokens.
 */
export class OpenAiProvider implements LlmProvider {
  readonly name: string;
  private readonly endpoint: string;

  constructor(private readonly options: OpenAiOptions) {
    const base = options.url.replace(/\/+$/, '').replace(/\/v1$/, '');
    this.endpoint = `${base}/v1/chat/completions`;
    this.name = `openai:${this.endpoint}`;
  }

  async chat(req: ChatRequest): Promise<ChatResponse> {
    const started = Date.now();
    if (req.jsonSchema && req.tools?.length) throw new LlmError('bad-request', 'a request cannot both constrain the reply to a JSON schema and offer tools');
    const url = this.endpoint;
    const timeoutMs = req.timeoutMs ?? this.options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    const deadline = startDeadline(req.signal, timeoutMs);
    const what = `POST ${url}`;
    try {
      deadline.throwIfStopped(what);
      const headers: Record<string, string> = { 'content-type': 'application/json', accept: 'application/json' };
      if (this.options.apiKey) headers.authorization = `Bearer ${this.options.apiKey}`;
      let text: string;
      let status: number;
      try {
        const res = await fetch(url, { method: 'POST', headers, body: JSON.stringify(this.body(req)), signal: deadline.signal, redirect: 'error' });
        status = res.status;
        text = await res.text();
      } catch (err) {
        const why = deadline.reason();
        if (why) throw stoppedError(why, what, timeoutMs);
        throw new LlmError('http', `${what} failed: ${describeFetchError(err)}`, { cause: err });
      }
      if (status < 200 || status >= 300) {
        throw new LlmError('http', `${what} answered HTTP ${status}${text.trim() ? `: ${excerpt(text)}` : ''}`);
      }
      return { ...parseReply(text, url), durationMs: Date.now() - started };
    } finally {
      deadline.dispose();
    }
  }

  async close(): Promise<void> {}

  private body(req: ChatRequest): Record<string, unknown> {
    const body: Record<string, unknown> = {
      model: this.options.model,
      messages: req.messages.map(toWire),
      temperature: req.temperature ?? 0,
      stream: false,
    };
    if (req.maxTokens !== undefined) body.max_tokens = req.maxTokens;
    if (req.tools?.length) {
      body.tools = req.tools.map((t) => ({ type: 'function', function: { name: t.name, description: t.description, parameters: t.parameters } }));
      if (req.toolChoice) body.tool_choice = req.toolChoice;
    }
    if (req.jsonSchema) body.response_format = { type: 'json_schema', json_schema: { name: 'reply', schema: req.jsonSchema, strict: true } };
    return body;
  }
}

function toWire(m: ChatMessage): Record<string, unknown> {
  if (m.role === 'tool') return { role: 'tool', content: m.content, tool_call_id: m.toolCallId ?? '' };
  if (m.role === 'assistant' && m.toolCalls?.length) {
    return {
      role: 'assistant',
      content: m.content || null,
      tool_calls: m.toolCalls.map((c) => ({ id: c.id, type: 'function', function: { name: c.name, arguments: c.raw } })),
    };
  }
  return { role: m.role, content: m.content };
}

/** The reply body: choices[0].message, finish_reason and usage. Anything missing or malformed names the URL. */
function parseReply(text: string, url: string): Omit<ChatResponse, 'durationMs'> {
  const bad = (why: string): LlmError => new LlmError('bad-response', `POST ${url} gave a reply that is not a chat completion: ${why}`);
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    throw bad(`the body is not JSON (${excerpt(text) || 'empty'})`);
  }
  const choice = record(record(body)?.choices instanceof Array ? (record(body)!.choices as unknown[])[0] : undefined);
  if (!choice) throw bad('no choices[0]');
  const msg = record(choice.message);
  if (!msg) throw bad('no choices[0].message');
  if (msg.content !== undefined && msg.content !== null && typeof msg.content !== 'string') throw bad('choices[0].message.content is not a string');
  const toolCalls: ToolCall[] = [];
  if (msg.tool_calls !== undefined && msg.tool_calls !== null) {
    if (!(msg.tool_calls instanceof Array)) throw bad('choices[0].message.tool_calls is not a list');
    msg.tool_calls.forEach((item: unknown, i: number) => {
      const fn = record(record(item)?.function);
      if (!fn || typeof fn.name !== 'string') throw bad(`tool_calls[${i}] has no function name`);
      // Most servers send the arguments as a JSON string; Ollama sends an object.
      const raw = typeof fn.arguments === 'string' ? fn.arguments : JSON.stringify(fn.arguments ?? {});
      const id = record(item)?.id;
      toolCalls.push({ id: typeof id === 'string' && id ? id : `call_${i}`, name: fn.name, arguments: parseJson(raw), raw });
    });
  }
  const usage = record(record(body)?.usage);
  const details = record(usage?.prompt_tokens_details);
  return {
    message: { role: 'assistant', content: typeof msg.content === 'string' ? msg.content : '', ...(toolCalls.length ? { toolCalls } : {}) },
    usage: {
      promptTokens: count(usage?.prompt_tokens),
      completionTokens: count(usage?.completion_tokens),
      cachedPromptTokens: count(details?.cached_tokens),
    },
    finishReason: finish(choice.finish_reason, toolCalls.length > 0),
  };
}

function finish(reason: unknown, calledTools: boolean): FinishReason {
  if (calledTools || reason === 'tool_calls' || reason === 'function_call') return 'tool_calls';
  if (reason === 'length') return 'length';
  return 'stop';
}

function record(v: unknown): Record<string, unknown> | undefined {
  return typeof v === 'object' && v !== null && !(v instanceof Array) ? (v as Record<string, unknown>) : undefined;
}

function count(v: unknown): number {
  return typeof v === 'number' && Number.isFinite(v) && v >= 0 ? v : 0;
}

function parseJson(raw: string): unknown {
  try {
    return JSON.parse(raw) as unknown;
  } catch {
    return null;
  }
}

function excerpt(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > 200 ? `${flat.slice(0, 200)}…` : flat;
}

function describeFetchError(err: unknown): string {
  const cause = err instanceof Error ? (err.cause as { code?: string; message?: string } | undefined) : undefined;
  if (cause?.code) return `${cause.code}${cause.message ? ` (${cause.message})` : ''}`;
  return err instanceof Error ? err.message : String(err);
}
