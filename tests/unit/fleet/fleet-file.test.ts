import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { AppError } from '../../../src-main/app/app-error.js';
import { FleetFileError, isInside, readFleetFile } from '../../../src-main/fleet/fleet-file.js';
import { tempDir } from '../../helpers/temp.js';
import { makeFifo, POSIX, SECRET_LINE } from './special-files.js';

function refusal(fn: () => unknown): FleetFileError {
  try {
    fn();
  } catch (err) {
    expect(err).toBeInstanceOf(FleetFileError);
    expect(err).toBeInstanceOf(AppError);
    return err as FleetFileError;
  }
  throw new Error('expected a refusal');
}

describe('readFleetFile', () => {
  it('reads a regular file inside the root, and one reached through a link inside the root', () => {
    const root = tempDir();
    mkdirSync(join(root, 'shared'));
    writeFileSync(join(root, 'shared', 'a.st'), 'PROGRAM A\nEND_PROGRAM\n');
    symlinkSync(join(root, 'shared', 'a.st'), join(root, 'link.st'));
    expect(readFleetFile(join(root, 'shared', 'a.st'), { root, maxBytes: 100 }).toString()).toBe('PROGRAM A\nEND_PROGRAM\n');
    expect(readFleetFile(join(root, 'link.st'), { root, maxBytes: 100 }).toString()).toBe('PROGRAM A\nEND_PROGRAM\n');
  });

  it('reads exactly the cap and refuses one byte more', () => {
    const root = tempDir();
    writeFileSync(join(root, 'ten'), '0123456789');
    expect(readFleetFile(join(root, 'ten'), { root, maxBytes: 10 }).length).toBe(10);
    const e = refusal(() => readFleetFile(join(root, 'ten'), { root, maxBytes: 9, shown: 'ten', what: 'scenario' }));
    expect(e.message).toBe('ten: the scenario is larger than 9 bytes; it is not read');
  });

  it('refuses a link out of the root, naming the link and never the target content', () => {
    const outside = tempDir();
    writeFileSync(join(outside, 'secret.txt'), SECRET_LINE + '\n');
    const root = tempDir();
    symlinkSync(join(outside, 'secret.txt'), join(root, 'site.yaml'));
    const e = refusal(() => readFleetFile(join(root, 'site.yaml'), { root, maxBytes: 1000, shown: 'SITE/site.yaml', what: 'site.yaml' }));
    expect(e.message).toMatch(/^SITE\/site\.yaml: the site\.yaml is a link that points outside the fleet folder/);
    expect(e.message).not.toContain(SECRET_LINE);
    // Named on the command line (no root), the same file is the person's choice.
    expect(readFleetFile(join(root, 'site.yaml'), { root: null, maxBytes: 1000 }).toString()).toContain(SECRET_LINE);
  });

  it('refuses a folder, a broken link and a link loop', () => {
    const root = tempDir();
    mkdirSync(join(root, 'dir'));
    symlinkSync(join(root, 'nowhere'), join(root, 'broken'));
    symlinkSync(join(root, 'b'), join(root, 'a'));
    symlinkSync(join(root, 'a'), join(root, 'b'));
    expect(refusal(() => readFleetFile(join(root, 'dir'), { root, maxBytes: 10, shown: 'dir' })).message).toBe('dir: the file is a folder, not a regular file; it is not read');
    expect(refusal(() => readFleetFile(join(root, 'broken'), { root, maxBytes: 10, shown: 'broken' })).message).toMatch(/broken link/);
    expect(refusal(() => readFleetFile(join(root, 'a'), { root, maxBytes: 10, shown: 'a' })).message).toMatch(/link loop/);
    expect(refusal(() => readFleetFile(join(root, 'missing'), { root, maxBytes: 10, shown: 'missing' })).code).toBe('not-found');
  });

  describe.skipIf(!POSIX)('special files', () => {
    it('refuses a FIFO at once, with or without a root, without opening it', () => {
      const root = tempDir();
      makeFifo(join(root, 'site.yaml'));
      for (const r of [root, null]) {
        const e = refusal(() => readFleetFile(join(root, 'site.yaml'), { root: r, maxBytes: 1000, shown: 'site.yaml', what: 'site.yaml' }));
        expect(e.message).toBe('site.yaml: the site.yaml is a FIFO (named pipe), not a regular file; it is not read');
      }
    });

    it('refuses a link to /dev/zero or /dev/urandom even when no root confines it', () => {
      const root = tempDir();
      symlinkSync('/dev/zero', join(root, 'zero.st'));
      symlinkSync('/dev/urandom', join(root, 'random.st'));
      for (const name of ['zero.st', 'random.st']) {
        expect(refusal(() => readFleetFile(join(root, name), { root, maxBytes: 1000 })).message).toMatch(/outside the fleet folder/);
        expect(refusal(() => readFleetFile(join(root, name), { root: null, maxBytes: 1000 })).message).toMatch(/is a character device, not a regular file/);
      }
    });
  });
});

describe('isInside', () => {
  it('is true for the root and below it, false for siblings sharing a prefix and for parents', () => {
    expect(isInside('/a/fleet', '/a/fleet')).toBe(true);
    expect(isInside('/a/fleet', '/a/fleet/s/site.yaml')).toBe(true);
    expect(isInside('/a/fleet', '/a/fleet2/site.yaml')).toBe(false);
    expect(isInside('/a/fleet', '/a')).toBe(false);
    expect(isInside('/a/fleet', '/etc/passwd')).toBe(false);
    expect(isInside('/a/fleet', '/a/fleet/..data/x')).toBe(true);
  });
});
