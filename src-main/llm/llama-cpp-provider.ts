import {
  getLlama,
  LlamaChat,
  LlamaLogLevel,
  type GbnfJsonSchema,
  type Llama,
  type LlamaContext,
  type LlamaContextSequence,
  type LlamaGrammar,
  type LlamaModel,
  type LLamaChatGenerateResponseOptions,
  type LlamaChatResponse,
  type ChatModelFunctions,
  type Token,
} from 'node-llama-cpp';
import { startDeadline, stoppedError } from './deadline.js';
import { checkGgufFile } from './gguf-check.js';
import { requiredToolCallWrapper, toChatHistory, toFunctions } from './llama-history.js';
import { LlmError, type ChatRequest, type ChatResponse, type FinishReason, type LlmProvider, type ToolCall } from './provider.js';

export interface LlamaCppOptions {
  /** The GGUF model file. */
  modelPath: string;
  /** Tokens each cache slot holds; default the model's training context, at most 8192. */
  contextSize?: number;
  /** KV-cache slots, one per conversation kind (`ChatRequest.cacheKey`); default 2, the agent and the judge. */
  cacheSlots?: number;
  /** CPU threads for evaluation; default node-llama-cpp's choice. */
  threads?: number;
  /** Layers to offload to the GPU; default node-llama-cpp's 'auto'. */
  gpuLayers?: number | 'auto' | 'max';
  /** GPU backend; default 'auto'. Tests pass false. */
  gpu?: 'auto' | false | 'cuda' | 'vulkan' | 'metal';
}

const DEFAULT_MAX_CONTEXT = 8192;
const DEFAULT_MAX_TOKENS = 1024;
const DEFAULT_CACHE_SLOTS = 2;

/** One context sequence with its own evaluated tokens, lent to one cache key at a time. */
interface Slot {
  readonly sequence: LlamaContextSequence;
  readonly chat: LlamaChat;
  forcedChat: LlamaChat | undefined;
  key: string | undefined;
  lastUsed: number;
}

/**
 * A local GGUF model through node-llama-cpp. Nothing is ever built or downloaded: only the prebuilt binaries
 * shipped in the node-llama-cpp packages are used.
 *
 * The context keeps `cacheSlots` sequences for the provider's life, and each `cacheKey` is lent one of them (the
 * least recently used one when there are more keys than slots). A request that starts like the previous request
 * of its key (the same long system prompt) reuses the evaluated prefix instead of evaluating it again, even when
 * requests of another key came in between; `usage.cachedPromptTokens` reports how many prompt tokens were reused.
 * Requests still run one at a time: the slots exist to keep prefixes, not for parallel generation.
 */
export class LlamaCppProvider implements LlmProvider {
  readonly name: string;
  private readonly grammars = new Map<string, Promise<LlamaGrammar>>();
  private uses = 0;
  private queue: Promise<unknown> = Promise.resolve();
  private closed = false;

  private constructor(
    private readonly modelPath: string,
    private readonly llama: Llama,
    private readonly model: LlamaModel,
    private readonly context: LlamaContext,
    private readonly slots: readonly Slot[],
  ) {
    this.name = `llama.cpp:${modelPath}`;
  }

  /** Checks the model file, loads it and makes its context. */
  static async open(options: LlamaCppOptions): Promise<LlamaCppProvider> {
    const file = options.modelPath;
    const sequences = options.cacheSlots ?? DEFAULT_CACHE_SLOTS;
    if (!Number.isInteger(sequences) || sequences < 1) throw new LlmError('bad-request', `cacheSlots must be a whole number above 0, not ${sequences}`);
    checkGgufFile(file);
    let llama: Llama;
    try {
      llama = await getLlama({
        gpu: options.gpu ?? 'auto',
        build: 'never',
        usePrebuiltBinaries: true,
        skipDownload: true,
        progressLogs: false,
        logLevel: LlamaLogLevel.error,
      });
    } catch (err) {
      throw new LlmError(
        'load-failed',
        `no usable llama.cpp binary for this machine (${process.platform}-${process.arch}): the prebuilt binaries shipped with node-llama-cpp did not load, and nothing is built or downloaded at run time (${message(err)})`,
        { cause: err },
      );
    }
    let model: LlamaModel | undefined;
    try {
      model = await llama.loadModel({ modelPath: file, ...(options.gpuLayers !== undefined ? { gpuLayers: options.gpuLayers } : {}) });
      const contextSize = options.contextSize ?? Math.min(DEFAULT_MAX_CONTEXT, model.trainContextSize);
      // In node-llama-cpp 3.21 contextSize is per sequence: the KV cache is allocated for contextSize × sequences
      // cells (no unified cache), so every slot gets the whole configured size and memory grows with the slots.
      const context = await model.createContext({
        contextSize,
        sequences,
        ...(options.threads !== undefined ? { threads: options.threads } : {}),
      });
      const slots = Array.from({ length: sequences }, (): Slot => {
        const sequence = context.getSequence();
        return { sequence, chat: new LlamaChat({ contextSequence: sequence }), forcedChat: undefined, key: undefined, lastUsed: 0 };
      });
      return new LlamaCppProvider(file, llama, model, context, slots);
    } catch (err) {
      await model?.dispose().catch(() => undefined);
      await llama.dispose().catch(() => undefined);
      throw new LlmError('load-failed', `${file} could not be loaded by llama.cpp: ${message(err)}`, { cause: err });
    }
  }

  /** The chat wrapper node-llama-cpp picked for this model's template (ChatML, Llama 3, Qwen, Jinja, ...). */
  get chatWrapperName(): string {
    return this.slots[0]!.chat.chatWrapper.wrapperName ?? 'unknown';
  }

  /** What llama.cpp actually set up, which may differ from the options (padding, defaults), for status lines. */
  get runtime(): { contextSize: number; threads: number; gpuLayers: number; cacheSlots: number } {
    return {
      contextSize: this.context.contextSize,
      threads: this.context.idealThreads,
      gpuLayers: this.model.gpuLayers,
      cacheSlots: this.slots.length,
    };
  }

  chat(req: ChatRequest): Promise<ChatResponse> {
    if (this.closed) return Promise.reject(new LlmError('load-failed', `${this.modelPath}: the provider is closed`));
    const run = this.queue.then(() => this.chatNow(req));
    this.queue = run.catch(() => undefined);
    return run;
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.queue;
    for (const slot of this.slots) {
      slot.forcedChat?.dispose({ disposeSequence: false });
      slot.chat.dispose({ disposeSequence: true });
    }
    await this.context.dispose();
    await this.model.dispose();
    await this.llama.dispose();
  }

  private async chatNow(req: ChatRequest): Promise<ChatResponse> {
    const started = Date.now();
    const tools = req.tools ?? [];
    if (req.jsonSchema && tools.length) throw new LlmError('bad-request', 'a request cannot both constrain the reply to a JSON schema and offer tools');
    if (req.toolChoice === 'required' && !tools.length) throw new LlmError('bad-request', "toolChoice 'required' needs at least one tool");
    const history = toChatHistory(req.messages);
    const grammar = req.jsonSchema ? await this.grammarFor(req.jsonSchema) : undefined;
    const deadline = startDeadline(req.signal, req.timeoutMs);
    const what = `${this.modelPath}: the reply`;
    try {
      deadline.throwIfStopped(what);
      const slot = this.slotFor(req.cacheKey ?? '');
      const chat = req.toolChoice === 'required' ? forced(slot) : slot.chat;
      const before = slot.sequence.contextTokens.slice();
      const meter = slot.sequence.tokenMeter.getState();
      const common = {
        signal: deadline.signal,
        stopOnAbortSignal: true,
        maxTokens: req.maxTokens ?? DEFAULT_MAX_TOKENS,
        temperature: req.temperature ?? 0,
      };
      const options: LLamaChatGenerateResponseOptions<ChatModelFunctions> = tools.length
        ? { ...common, functions: toFunctions(tools), maxParallelFunctionCalls: 1 }
        : { ...common, ...(grammar ? { grammar } : {}) };
      let res: LlamaChatResponse<ChatModelFunctions>;
      try {
        res = await chat.generateResponse(history, options);
      } catch (err) {
        const why = deadline.reason();
        if (why) throw stoppedError(why, what, req.timeoutMs);
        throw new LlmError('bad-response', `${this.modelPath}: generation failed: ${message(err)}`, { cause: err });
      }
      const used = slot.sequence.tokenMeter.diff(meter);
      const after = slot.sequence.contextTokens;
      const promptInContext = Math.max(0, after.length - used.usedOutputTokens);
      const cached = Math.min(commonPrefix(before, after), promptInContext);
      const toolCalls = (res.functionCalls ?? []).map((call, i): ToolCall => {
        const args: unknown = call.params ?? {};
        return { id: `call_${started.toString(36)}_${i}`, name: call.functionName, arguments: args, raw: JSON.stringify(args) };
      });
      return {
        message: { role: 'assistant', content: res.response, ...(toolCalls.length ? { toolCalls } : {}) },
        usage: { promptTokens: cached + used.usedInputTokens, completionTokens: used.usedOutputTokens, cachedPromptTokens: cached },
        finishReason: finishReason(res.metadata.stopReason, deadline.reason(), toolCalls.length > 0),
        durationMs: Date.now() - started,
      };
    } finally {
      deadline.dispose();
    }
  }

  /** The key's slot; a new key takes a free slot, else the least recently used one, whose prefix it then replaces. */
  private slotFor(key: string): Slot {
    const slot =
      this.slots.find((s) => s.key === key) ??
      this.slots.find((s) => s.key === undefined) ??
      this.slots.reduce((lru, s) => (s.lastUsed < lru.lastUsed ? s : lru));
    slot.key = key;
    slot.lastUsed = ++this.uses;
    return slot;
  }

  private grammarFor(schema: object): Promise<LlamaGrammar> {
    const key = JSON.stringify(schema);
    let grammar = this.grammars.get(key);
    if (!grammar) {
      // Our schemas are plain JSON Schema objects; node-llama-cpp checks them when it builds the grammar.
      grammar = this.llama.createGrammarForJsonSchema(schema as Readonly<GbnfJsonSchema> as never).catch((err: unknown) => {
        this.grammars.delete(key);
        throw new LlmError('bad-request', `the reply's JSON schema cannot be turned into a grammar: ${message(err)}`, { cause: err });
      });
      this.grammars.set(key, grammar);
    }
    return grammar;
  }
}

/** The forced tool-call chat shares the slot's sequence, so a forced call and the next free turn share a prefix. */
function forced(slot: Slot): LlamaChat {
  slot.forcedChat ??= new LlamaChat({ contextSequence: slot.sequence, chatWrapper: requiredToolCallWrapper(slot.chat.chatWrapper) });
  return slot.forcedChat;
}

function finishReason(stop: string, stopped: 'timeout' | 'cancelled' | null, calledTools: boolean): FinishReason {
  if (stop === 'abort') return stopped ?? 'cancelled';
  if (calledTools || stop === 'functionCalls') return 'tool_calls';
  if (stop === 'maxTokens') return 'length';
  return 'stop';
}

function commonPrefix(a: readonly Token[], b: readonly Token[]): number {
  const n = Math.min(a.length, b.length);
  let i = 0;
  while (i < n && a[i] === b[i]) i++;
  return i;
}

function message(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
