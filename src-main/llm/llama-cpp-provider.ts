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
  /** Tokens the context holds; default the model's training context, at most 8192. */
  contextSize?: number;
  /** CPU threads for evaluation; default node-llama-cpp's choice. */
  threads?: number;
  /** Layers to offload to the GPU; default node-llama-cpp's 'auto'. */
  gpuLayers?: number | 'auto' | 'max';
  /** GPU backend; default 'auto'. Tests pass false. */
  gpu?: 'auto' | false | 'cuda' | 'vulkan' | 'metal';
}

const DEFAULT_MAX_CONTEXT = 8192;
const DEFAULT_MAX_TOKENS = 1024;

/**
 * A local GGUF model through node-llama-cpp. Nothing is ever built or downloaded: only the prebuilt binaries
 * shipped in the node-llama-cpp packages are used.
 *
 * One context sequence is kept for the provider's life and requests run one at a time on it, so a request that
 * starts like the previous one (the same long system prompt) reuses the evaluated prefix instead of evaluating
 * it again; `usage.cachedPromptTokens` reports how many prompt tokens were reused.
 */
export class LlamaCppProvider implements LlmProvider {
  readonly name: string;
  private readonly grammars = new Map<string, Promise<LlamaGrammar>>();
  private forcedChat: LlamaChat | undefined;
  private queue: Promise<unknown> = Promise.resolve();
  private closed = false;

  private constructor(
    private readonly modelPath: string,
    private readonly llama: Llama,
    private readonly model: LlamaModel,
    private readonly context: LlamaContext,
    private readonly sequence: LlamaContextSequence,
    private readonly chatSession: LlamaChat,
  ) {
    this.name = `llama.cpp:${modelPath}`;
  }

  /** Checks the model file, loads it and makes its context. */
  static async open(options: LlamaCppOptions): Promise<LlamaCppProvider> {
    const file = options.modelPath;
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
      const context = await model.createContext({
        contextSize,
        sequences: 1,
        ...(options.threads !== undefined ? { threads: options.threads } : {}),
      });
      const sequence = context.getSequence();
      return new LlamaCppProvider(file, llama, model, context, sequence, new LlamaChat({ contextSequence: sequence }));
    } catch (err) {
      await model?.dispose().catch(() => undefined);
      await llama.dispose().catch(() => undefined);
      throw new LlmError('load-failed', `${file} could not be loaded by llama.cpp: ${message(err)}`, { cause: err });
    }
  }

  /** The chat wrapper node-llama-cpp picked for this model's template (ChatML, Llama 3, Qwen, Jinja, ...). */
  get chatWrapperName(): string {
    return this.chatSession.chatWrapper.wrapperName ?? 'unknown';
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
    this.forcedChat?.dispose({ disposeSequence: false });
    this.chatSession.dispose({ disposeSequence: true });
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
      const chat = req.toolChoice === 'required' ? this.forced() : this.chatSession;
      const before = this.sequence.contextTokens.slice();
      const meter = this.sequence.tokenMeter.getState();
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
      const used = this.sequence.tokenMeter.diff(meter);
      const after = this.sequence.contextTokens;
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

  private forced(): LlamaChat {
    this.forcedChat ??= new LlamaChat({ contextSequence: this.sequence, chatWrapper: requiredToolCallWrapper(this.chatSession.chatWrapper) });
    return this.forcedChat;
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
