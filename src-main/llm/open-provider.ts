import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, isAbsolute, join, relative, resolve } from 'node:path';
import { parse } from 'yaml';
import { dataHome, packageRoot } from '../app/paths.js';
import { LlamaCppProvider } from './llama-cpp-provider.js';
import { OpenAiProvider } from './openai-provider.js';
import { LlmError, type LlmProvider } from './provider.js';

/** How to reach the model, as the CLI flags and the app's settings give it. */
export interface ModelSettings {
  /** A local GGUF file (--model). */
  model?: string;
  /** An OpenAI-compatible server (--llm-url). */
  llmUrl?: string;
  /** The model name that server expects (--llm-model); default 'default'. */
  llmModel?: string;
  /** Bearer key for that server; default the PLANTSHIFT_LLM_API_KEY environment variable. */
  apiKey?: string;
  contextSize?: number;
  threads?: number;
  gpuLayers?: number | 'auto' | 'max';
  gpu?: 'auto' | false | 'cuda' | 'vulkan' | 'metal';
}

/** Where to look when no option names a model. */
export interface ModelEnv {
  modelsDir: string;
  settingsFile: string;
}

export interface OpenedProvider {
  provider: LlmProvider;
  /** One line for a person, e.g. "llama.cpp models/foo.gguf (ctx 8192, threads 4)". Never holds the API key. */
  description: string;
}

export const API_KEY_ENV = 'PLANTSHIFT_LLM_API_KEY';
const DEFAULT_SERVER_MODEL = 'default';

export function defaultModelEnv(): ModelEnv {
  return { modelsDir: join(packageRoot(), 'models'), settingsFile: join(dataHome(), 'settings.yaml') };
}

type Choice = { kind: 'server'; url: string; settings: ModelSettings } | { kind: 'local'; path: string; settings: ModelSettings } | null;

/**
 * Which model the options point at, read but not loaded. Explicit options win over the settings file; without
 * either, the one .gguf file in the models folder. Null when there is no model anywhere.
 */
function chooseModel(s: ModelSettings, env: ModelEnv): Choice {
  if (s.model !== undefined && s.llmUrl !== undefined) {
    throw new LlmError('bad-request', `--model ${s.model} and --llm-url ${safeUrl(s.llmUrl)} were both given: use a local model file or a server, not both`);
  }
  checkCount('--context-size', s.contextSize);
  checkCount('--threads', s.threads);
  const file = readSettingsFile(env.settingsFile);
  // An explicit backend replaces the file's choice of backend, so a --model never trips over the file's llm_url.
  const explicit = s.model !== undefined || s.llmUrl !== undefined;
  const model = explicit ? s.model : file.model;
  const llmUrl = explicit ? s.llmUrl : file.llmUrl;
  if (model !== undefined && llmUrl !== undefined) {
    throw new LlmError('bad-request', `${env.settingsFile} sets both model and llm_url: keep one of them`);
  }
  const settings: ModelSettings = {
    ...definedOnly({ llmModel: file.llmModel, contextSize: file.contextSize, threads: file.threads, gpuLayers: file.gpuLayers }),
    ...definedOnly({ ...s }),
  };
  if (llmUrl !== undefined) return { kind: 'server', url: llmUrl, settings };
  if (settings.llmModel !== undefined) {
    const from = s.llmModel !== undefined ? '--llm-model' : `llm_model in ${env.settingsFile}`;
    throw new LlmError('bad-request', `${from} names a server model, but no server is set: add --llm-url URL`);
  }
  const path = model ?? findModelFile(env.modelsDir);
  return path === null ? null : { kind: 'local', path, settings };
}

/**
 * Opens the model the options point at (see chooseModel). Returns null when there is no model anywhere: the
 * caller then runs the deterministic steps only. Nothing is downloaded.
 */
export async function openProvider(s: ModelSettings, env: ModelEnv = defaultModelEnv()): Promise<OpenedProvider | null> {
  const c = chooseModel(s, env);
  if (!c) return null;
  return c.kind === 'server' ? openServer(c.url, c.settings) : openLocal(c.path, c.settings);
}

/** What openProvider({}) would use, found without loading anything: for the app to show before a run. */
export interface ModelChoice {
  /** "llama.cpp models/x.gguf" or "OpenAI-compatible server URL (model m)"; null when there is no model. */
  description: string | null;
  /** Why the configured model cannot be used (a bad settings file, several .gguf files), for a person to fix. */
  problem: string | null;
}

export function describeModelChoice(env: ModelEnv = defaultModelEnv()): ModelChoice {
  try {
    const c = chooseModel({}, env);
    if (!c) return { description: null, problem: null };
    return { description: c.kind === 'server' ? serverDescription(c.url, c.settings.llmModel ?? DEFAULT_SERVER_MODEL) : `llama.cpp ${shownPath(c.path)}`, problem: null };
  } catch (err) {
    return { description: null, problem: err instanceof Error ? err.message : String(err) };
  }
}

const serverDescription = (url: string, model: string): string => `OpenAI-compatible server ${safeUrl(url)} (model ${model})`;

/** The --gpu-layers flag: 'auto', 'max' or a number of layers. */
export function parseGpuLayers(s: string): number | 'auto' | 'max' {
  const v = s.trim();
  if (v === 'auto' || v === 'max') return v;
  if (/^\d+$/.test(v)) return Number(v);
  throw new LlmError('bad-request', `--gpu-layers must be auto, max or a whole number of layers, not '${s}'`);
}

async function openLocal(modelPath: string, s: ModelSettings): Promise<OpenedProvider> {
  const provider = await LlamaCppProvider.open({
    modelPath,
    ...definedOnly({ contextSize: s.contextSize, threads: s.threads, gpuLayers: s.gpuLayers, gpu: s.gpu }),
  });
  const rt = provider.runtime;
  const gpu = rt.gpuLayers > 0 ? `, ${rt.gpuLayers} layers on the GPU` : '';
  return { provider, description: `llama.cpp ${shownPath(modelPath)} (ctx ${rt.contextSize}, threads ${rt.threads}${gpu})` };
}

function openServer(url: string, s: ModelSettings): OpenedProvider {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new LlmError('bad-request', `--llm-url ${safeUrl(url)} is not a URL: expected e.g. http://10.1.2.3:8000`);
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
    throw new LlmError('bad-request', `--llm-url ${safeUrl(url)} must be an http:// or https:// address`);
  }
  const model = s.llmModel ?? DEFAULT_SERVER_MODEL;
  const apiKey = s.apiKey ?? process.env[API_KEY_ENV];
  const provider = new OpenAiProvider({ url, model, ...(apiKey ? { apiKey } : {}) });
  return { provider, description: serverDescription(url, model) };
}

/** The only .gguf file in the folder, null when there is none; several is an error, since guessing is worse. */
function findModelFile(dir: string): string | null {
  let names: string[];
  try {
    names = readdirSync(dir, { withFileTypes: true })
      .filter((e) => (e.isFile() || e.isSymbolicLink()) && e.name.toLowerCase().endsWith('.gguf'))
      .map((e) => e.name)
      .sort();
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw new LlmError('model-unreadable', `${dir} cannot be read (${(err as NodeJS.ErrnoException).code ?? String(err)})`, { cause: err });
  }
  if (names.length === 0) return null;
  if (names.length > 1) {
    throw new LlmError('bad-request', `${dir} holds ${names.length} model files (${names.join(', ')}): pick one with --model FILE`);
  }
  return join(dir, names[0]!);
}

interface FileSettings {
  model?: string;
  llmUrl?: string;
  llmModel?: string;
  contextSize?: number;
  threads?: number;
  gpuLayers?: number | 'auto' | 'max';
}

type KeyReader = (file: string, key: string, v: unknown) => Partial<FileSettings>;

const text = (field: 'model' | 'llmUrl' | 'llmModel'): KeyReader => (file, key, v) => {
  if (typeof v !== 'string' || !v.trim()) throw badKey(file, key, 'a non-empty text');
  return { [field]: v.trim() };
};

const count = (field: 'contextSize' | 'threads'): KeyReader => (file, key, v) => {
  if (!isCount(v)) throw badKey(file, key, 'a whole number above 0');
  return { [field]: v };
};

const SETTINGS_KEYS: Readonly<Record<string, KeyReader>> = {
  model: text('model'),
  llm_url: text('llmUrl'),
  llm_model: text('llmModel'),
  context_size: count('contextSize'),
  threads: count('threads'),
  gpu_layers: (file, key, v) => {
    if (v === 'auto' || v === 'max' || (typeof v === 'number' && Number.isInteger(v) && v >= 0)) return { gpuLayers: v };
    throw badKey(file, key, 'auto, max or a whole number of layers');
  },
};

const MAX_SETTINGS_BYTES = 64 * 1024;

/** The settings file's model keys; a missing file is no settings. Relative model paths are taken from its folder. */
function readSettingsFile(file: string): FileSettings {
  if (!existsSync(file)) return {};
  // A settings file that is a FIFO, a device or huge would block or fill memory: only a small regular file is read.
  const st = statSync(file, { throwIfNoEntry: false });
  if (!st?.isFile()) throw new LlmError('bad-request', `${file} is not a regular file; settings are read only from a plain YAML file`);
  if (st.size > MAX_SETTINGS_BYTES) throw new LlmError('bad-request', `${file} is larger than ${MAX_SETTINGS_BYTES} bytes; not a settings file`);
  let raw: unknown;
  try {
    raw = parse(readFileSync(file, 'utf8'));
  } catch (err) {
    const why = err instanceof Error ? err.message.split('\n')[0] : String(err);
    throw new LlmError('bad-request', `${file} cannot be read as YAML settings: ${why}`, { cause: err });
  }
  if (raw === null || raw === undefined) return {};
  if (typeof raw !== 'object' || Array.isArray(raw)) throw new LlmError('bad-request', `${file} must be a YAML mapping of settings (key: value lines)`);
  let out: FileSettings = {};
  for (const [key, v] of Object.entries(raw)) {
    const read = SETTINGS_KEYS[key];
    if (!read) throw new LlmError('bad-request', `${file}: unknown setting '${key}' (known: ${Object.keys(SETTINGS_KEYS).join(', ')})`);
    out = { ...out, ...read(file, key, v) };
  }
  if (out.model !== undefined && !isAbsolute(out.model)) out.model = resolve(dirname(file), out.model);
  return out;
}

function badKey(file: string, key: string, expected: string): LlmError {
  return new LlmError('bad-request', `${file}: setting '${key}' must be ${expected}`);
}

function checkCount(flag: string, v: number | undefined): void {
  if (v !== undefined && !isCount(v)) throw new LlmError('bad-request', `${flag} must be a whole number above 0, not ${v}`);
}

function isCount(v: unknown): v is number {
  return typeof v === 'number' && Number.isInteger(v) && v > 0;
}

/** Relative to the working folder when the file is under it, as a person would type it. */
function shownPath(file: string): string {
  const rel = relative(process.cwd(), resolve(file));
  return rel && !rel.startsWith('..') && !isAbsolute(rel) ? rel : resolve(file);
}

/** The URL without any user:password part, so credentials in it never reach a log line or an error. */
function safeUrl(url: string): string {
  try {
    const u = new URL(url);
    if (!u.username && !u.password) return url;
    u.username = '';
    u.password = '';
    return u.toString();
  } catch {
    return url.replace(/\/\/[^/@]*@/, '//');
  }
}

function definedOnly<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}
