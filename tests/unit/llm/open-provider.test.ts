// Choosing the model from flags, the settings file and the models folder. Nothing here loads llama.cpp: every
// local-model case fails in the GGUF check before any binary is touched (the loading case is an integration test).
import { execFileSync } from 'node:child_process';
import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { API_KEY_ENV, describeModelChoice, openProvider, parseGpuLayers, type ModelEnv } from '../../../src-main/llm/open-provider.js';
import { OpenAiProvider } from '../../../src-main/llm/openai-provider.js';
import { LlmError } from '../../../src-main/llm/provider.js';
import { tempDir } from '../../helpers/temp.js';

afterEach(() => {
  vi.unstubAllEnvs();
});

/** An empty models folder and a settings file path (not written unless `settings` is given). */
function env(settings?: string): ModelEnv {
  const root = tempDir();
  const modelsDir = join(root, 'models');
  const home = join(root, 'home');
  mkdirSync(modelsDir);
  mkdirSync(home);
  const settingsFile = join(home, 'settings.yaml');
  if (settings !== undefined) writeFileSync(settingsFile, settings);
  return { modelsDir, settingsFile };
}

async function failure(p: Promise<unknown>): Promise<LlmError> {
  const err = await p.then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(LlmError);
  return err as LlmError;
}

describe('openProvider', () => {
  it('refuses a settings file that is a FIFO or a device at once, without reading it', async () => {
    const e = env();
    execFileSync('mkfifo', [e.settingsFile]);
    const fifo = await failure(openProvider({}, e));
    expect(fifo.message).toBe(`${e.settingsFile} is not a regular file; settings are read only from a plain YAML file`);
    const dev = env();
    symlinkSync('/dev/zero', dev.settingsFile);
    expect((await failure(openProvider({}, dev))).message).toContain('not a regular file');
  });

  it('returns null when there is no model anywhere', async () => {
    const e = env();
    expect(await openProvider({}, e)).toBeNull();
    expect(await openProvider({}, { ...e, modelsDir: join(e.modelsDir, 'absent') })).toBeNull();
  });

  it('ignores files in the models folder that are not .gguf', async () => {
    const e = env();
    writeFileSync(join(e.modelsDir, 'README.md'), '# Models');
    expect(await openProvider({}, e)).toBeNull();
  });

  it('refuses to guess between several model files, naming the folder and each file', async () => {
    const e = env();
    writeFileSync(join(e.modelsDir, 'b-coder.gguf'), 'x');
    writeFileSync(join(e.modelsDir, 'a-judge.gguf'), 'x');
    const err = await failure(openProvider({}, e));
    expect(err.code).toBe('bad-request');
    expect(err.message).toContain(e.modelsDir);
    expect(err.message).toContain('a-judge.gguf, b-coder.gguf');
    expect(err.message).toContain('--model');
  });

  it('takes the one .gguf in the models folder, and names it when it is not a GGUF model', async () => {
    const e = env();
    const file = join(e.modelsDir, 'coder.gguf');
    writeFileSync(file, '<html>404 Not Found</html>');
    const err = await failure(openProvider({ gpu: false }, e));
    expect(err.code).toBe('not-gguf');
    expect(err.message).toContain(file);
  });

  it('refuses --model together with --llm-url, naming both flags', async () => {
    const err = await failure(openProvider({ model: 'x.gguf', llmUrl: 'http://10.0.0.5:8000' }, env()));
    expect(err.code).toBe('bad-request');
    expect(err.message).toContain('--model');
    expect(err.message).toContain('--llm-url');
  });

  it('opens an OpenAI-compatible server for --llm-url, with a default model name', async () => {
    const opened = await openProvider({ llmUrl: 'http://10.0.0.5:8000' }, env());
    expect(opened?.provider).toBeInstanceOf(OpenAiProvider);
    expect(opened?.description).toBe('OpenAI-compatible server http://10.0.0.5:8000 (model default)');
    const named = await openProvider({ llmUrl: 'http://10.0.0.5:8000/v1', llmModel: 'qwen-coder' }, env());
    expect(named?.description).toBe('OpenAI-compatible server http://10.0.0.5:8000/v1 (model qwen-coder)');
  });

  it('refuses a URL that is not http(s)', async () => {
    expect((await failure(openProvider({ llmUrl: '10.0.0.5:8000' }, env()))).message).toContain('--llm-url');
    expect((await failure(openProvider({ llmUrl: 'not a url' }, env()))).message).toContain('--llm-url not a url');
  });

  it('keeps credentials out of the description', async () => {
    const opened = await openProvider({ llmUrl: 'http://user:s3cret@10.0.0.5:8000', apiKey: 'sk-topsecret' }, env());
    expect(opened?.description).not.toContain('s3cret');
    expect(opened?.description).not.toContain('sk-topsecret');
    expect(opened?.description).toContain('10.0.0.5:8000');
  });

  it('sends the API key from the option, else from PLANTSHIFT_LLM_API_KEY, as a bearer header', async () => {
    const seen: IncomingHttpHeaders[] = [];
    const server = createServer((req, res) => {
      seen.push(req.headers);
      req.resume();
      req.on('end', () => {
        res.setHeader('content-type', 'application/json');
        res.end(JSON.stringify({ choices: [{ message: { role: 'assistant', content: 'ok' }, finish_reason: 'stop' }] }));
      });
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    try {
      const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
      vi.stubEnv(API_KEY_ENV, 'from-env');
      const fromEnv = await openProvider({ llmUrl: url }, env());
      await fromEnv!.provider.chat({ messages: [{ role: 'user', content: 'hi' }] });
      const fromOption = await openProvider({ llmUrl: url, apiKey: 'from-option' }, env());
      const reply = await fromOption!.provider.chat({ messages: [{ role: 'user', content: 'hi' }] });
      expect(reply.message.content).toBe('ok');
      expect(seen.map((h) => h.authorization)).toEqual(['Bearer from-env', 'Bearer from-option']);
    } finally {
      await new Promise((r) => server.close(r));
    }
  });

  it('--llm-model without a server is an error', async () => {
    const err = await failure(openProvider({ llmModel: 'qwen' }, env()));
    expect(err.message).toContain('--llm-model');
    expect(err.message).toContain('--llm-url');
  });
});

describe('openProvider with a settings file', () => {
  it('uses the server the file names, and explicit options override its keys', async () => {
    const e = env('llm_url: http://10.0.0.7:8080\nllm_model: from-file\n');
    expect((await openProvider({}, e))?.description).toBe('OpenAI-compatible server http://10.0.0.7:8080 (model from-file)');
    expect((await openProvider({ llmModel: 'from-flag' }, e))?.description).toBe('OpenAI-compatible server http://10.0.0.7:8080 (model from-flag)');
  });

  it('an explicit --model replaces the server the file names', async () => {
    const e = env('llm_url: http://10.0.0.7:8080\n');
    const missing = join(tempDir(), 'nowhere.gguf');
    const err = await failure(openProvider({ model: missing, gpu: false }, e));
    expect(err.code).toBe('model-missing');
    expect(err.message).toContain(missing);
  });

  it('resolves a relative model path against the settings file folder, before the models folder', async () => {
    const e = env('model: weights/coder.gguf\ncontext_size: 4096\nthreads: 2\ngpu_layers: auto\n');
    writeFileSync(join(e.modelsDir, 'other.gguf'), 'x');
    const err = await failure(openProvider({ gpu: false }, e));
    expect(err.code).toBe('model-missing');
    expect(err.message).toContain(join(e.settingsFile, '..', 'weights', 'coder.gguf'));
  });

  it('treats an empty file as no settings', async () => {
    expect(await openProvider({}, env(''))).toBeNull();
    expect(await openProvider({}, env('# nothing set yet\n'))).toBeNull();
  });

  it.each([
    ['an unknown key', 'model_path: x.gguf\n', "'model_path'"],
    ['a number as text', 'context_size: lots\n', "'context_size'"],
    ['a negative thread count', 'threads: -1\n', "'threads'"],
    ['a fractional context size', 'context_size: 10.5\n', "'context_size'"],
    ['a bad gpu_layers', 'gpu_layers: most\n', "'gpu_layers'"],
    ['an empty model', 'model: ""\n', "'model'"],
    ['a list for a URL', 'llm_url: [a, b]\n', "'llm_url'"],
  ])('refuses %s, naming the file and the key', async (_what, yaml, key) => {
    const e = env(yaml);
    const err = await failure(openProvider({}, e));
    expect(err.code).toBe('bad-request');
    expect(err.message).toContain(e.settingsFile);
    expect(err.message).toContain(key);
  });

  it('refuses a file that is not a YAML mapping, or sets both model and llm_url', async () => {
    for (const yaml of ['- model\n', 'model: [unclosed\n', 'model: a.gguf\nllm_url: http://x:1\n']) {
      const e = env(yaml);
      const err = await failure(openProvider({}, e));
      expect(err.message).toContain(e.settingsFile);
    }
  });
});

describe('parseGpuLayers', () => {
  it('reads auto, max and whole numbers', () => {
    expect(parseGpuLayers('auto')).toBe('auto');
    expect(parseGpuLayers('max')).toBe('max');
    expect(parseGpuLayers('0')).toBe(0);
    expect(parseGpuLayers(' 33 ')).toBe(33);
  });

  it.each(['', 'all', '-1', '2.5', '1e3'])('refuses %j, naming the flag', (v) => {
    expect(() => parseGpuLayers(v)).toThrow(/--gpu-layers/);
  });
});

describe('describeModelChoice (what the app shows before a run; nothing is loaded)', () => {
  it('says there is no model, names the one .gguf, the settings file\'s server, or what is wrong', () => {
    const none = env();
    expect(describeModelChoice(none)).toEqual({ description: null, problem: null });
    writeFileSync(join(none.modelsDir, 'coder.gguf'), 'not even a model: nothing is opened to describe it');
    expect(describeModelChoice(none).description).toMatch(/^llama\.cpp .*coder\.gguf$/);
    writeFileSync(join(none.modelsDir, 'other.gguf'), '');
    expect(describeModelChoice(none)).toEqual({ description: null, problem: expect.stringContaining('holds 2 model files (coder.gguf, other.gguf)') });
    const server = env('llm_url: http://user:secret@10.1.2.3:8000\nllm_model: plant-coder\n');
    expect(describeModelChoice(server)).toEqual({ description: 'OpenAI-compatible server http://10.1.2.3:8000/ (model plant-coder)', problem: null });
    const bad = env('model: x.gguf\ncolour: blue\n');
    expect(describeModelChoice(bad).problem).toContain("unknown setting 'colour'");
  });
});
