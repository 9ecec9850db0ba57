import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkGgufFile } from '../../../src-main/llm/gguf-check.js';
import { LlmError } from '../../../src-main/llm/provider.js';
import { tempDir } from '../../helpers/temp.js';
import { tinyGgufBytes, writeTinyGguf } from '../../helpers/tiny-gguf.js';

function failure(file: string): LlmError {
  try {
    checkGgufFile(file);
  } catch (err) {
    expect(err).toBeInstanceOf(LlmError);
    return err as LlmError;
  }
  throw new Error(`expected ${file} to be refused`);
}

function header(version: number, bigEndian = false): Buffer {
  const b = Buffer.alloc(24);
  b.write('GGUF', 0, 'latin1');
  if (bigEndian) b.writeUInt32BE(version, 4);
  else b.writeUInt32LE(version, 4);
  return b;
}

describe('checkGgufFile', () => {
  it('accepts the tiny test model and reads its header', () => {
    const file = writeTinyGguf(join(tempDir(), 'tiny.gguf'));
    const h = checkGgufFile(file);
    expect(h.version).toBe(3);
    expect(h.tensorCount).toBe(21n);
    expect(h.metadataCount).toBeGreaterThan(10n);
  });

  it('names a missing file', () => {
    const file = join(tempDir(), 'models', 'absent.gguf');
    const err = failure(file);
    expect(err.code).toBe('model-missing');
    expect(err.message).toContain(file);
  });

  it('names a folder given as the model', () => {
    const dir = join(tempDir(), 'model.gguf');
    mkdirSync(dir);
    const err = failure(dir);
    expect(err.code).toBe('model-unreadable');
    expect(err.message).toContain(dir);
  });

  it('recognises a zip renamed .gguf', () => {
    const file = join(tempDir(), 'x.gguf');
    writeFileSync(file, Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.alloc(60)]));
    const err = failure(file);
    expect(err.code).toBe('not-gguf');
    expect(err.message).toBe(`${file} is not a GGUF model file (starts with 'PK..', a zip?)`);
  });

  it('recognises an HTML error page saved as the model', () => {
    const file = join(tempDir(), 'x.gguf');
    writeFileSync(file, '<!DOCTYPE html><html><body>404</body></html>');
    const err = failure(file);
    expect(err.code).toBe('not-gguf');
    expect(err.message).toContain('HTML');
    expect(err.message).toContain(file);
  });

  it('refuses an empty file', () => {
    const file = join(tempDir(), 'empty.gguf');
    writeFileSync(file, '');
    expect(failure(file).message).toBe(`${file} is empty, not a GGUF model file`);
  });

  it('refuses a truncated GGUF header', () => {
    const file = join(tempDir(), 'cut.gguf');
    writeFileSync(file, tinyGgufBytes().subarray(0, 10));
    const err = failure(file);
    expect(err.code).toBe('not-gguf');
    expect(err.message).toContain(file);
    expect(err.message).toContain('truncated');
  });

  it('refuses an unsupported GGUF version and says which are supported', () => {
    const dir = tempDir();
    const v1 = join(dir, 'v1.gguf');
    writeFileSync(v1, header(1));
    const err = failure(v1);
    expect(err.code).toBe('not-gguf');
    expect(err.message).toBe(`${v1} is GGUF version 1, which is not supported (supported: 2, 3)`);
    const v99 = join(dir, 'v99.gguf');
    writeFileSync(v99, header(99));
    expect(failure(v99).message).toContain('version 99');
    const be = join(dir, 'be.gguf');
    writeFileSync(be, header(3, true));
    expect(failure(be).message).toContain('big-endian');
  });
});
