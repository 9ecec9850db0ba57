import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { folderMayHoldMatch, MAX_GLOB_DEPTH, walkGlobs } from '../../../src-main/fleet/glob.js';
import { tempDir } from '../../helpers/temp.js';
import { makeFifo, POSIX } from './special-files.js';

const ST = 'PROGRAM Main\nEND_PROGRAM\n';

function write(root: string, rel: string, text = ST): void {
  mkdirSync(join(root, rel, '..'), { recursive: true });
  writeFileSync(join(root, rel), text);
}

describe('walkGlobs and links', () => {
  it('follows a linked source file and a linked source folder inside the fleet root', () => {
    const fleet = tempDir();
    const site = join(fleet, 'site-a');
    write(site, 'src/Main.st');
    write(fleet, 'library/common/Lib.st');
    write(fleet, 'library/One.st');
    symlinkSync(join(fleet, 'library', 'common'), join(site, 'src', 'common'));
    symlinkSync(join(fleet, 'library', 'One.st'), join(site, 'src', 'One.st'));
    const walk = walkGlobs(site, ['src/**/*.st'], fleet);
    expect(walk.files).toEqual(['src/Main.st', 'src/One.st', 'src/common/Lib.st']);
    expect(walk.skipped).toEqual([]);
    // With the site as its own root the same links lead out, and each is reported, not silently dropped.
    const alone = walkGlobs(site, ['src/**/*.st']);
    expect(alone.files).toEqual(['src/Main.st']);
    expect(alone.skipped.map((s) => [s.path, s.reason])).toEqual([
      ['src/One.st', 'outside-fleet'],
      ['src/common', 'outside-fleet'],
    ]);
    expect(alone.skipped[0]!.message).toContain(join(fleet, 'library', 'One.st'));
  });

  it('reports a link out of the fleet, a broken link and a link loop, and ends', () => {
    const outside = tempDir();
    write(outside, 'Evil.st');
    const site = tempDir();
    write(site, 'src/Main.st');
    symlinkSync(join(outside, 'Evil.st'), join(site, 'src', 'Evil.st'));
    symlinkSync(join(site, 'src', 'gone.st'), join(site, 'src', 'Broken.st'));
    symlinkSync(join(site, 'src'), join(site, 'src', 'again'));
    symlinkSync(join(site, 'src', 'y.st'), join(site, 'src', 'x.st'));
    symlinkSync(join(site, 'src', 'x.st'), join(site, 'src', 'y.st'));
    const walk = walkGlobs(site, ['src/**/*.st']);
    expect(walk.files).toEqual(['src/Main.st']);
    expect(walk.skipped.map((s) => [s.path, s.reason])).toEqual([
      ['src/Broken.st', 'broken-link'],
      ['src/Evil.st', 'outside-fleet'],
      ['src/again', 'link-loop'],
      ['src/x.st', 'link-loop'],
      ['src/y.st', 'link-loop'],
    ]);
  });

  it('walks a folder reached twice once, and says so', () => {
    const site = tempDir();
    write(site, 'src/a/A.st');
    symlinkSync(join(site, 'src', 'a'), join(site, 'src', 'b'));
    const walk = walkGlobs(site, ['src/**/*.st']);
    expect(walk.files).toEqual(['src/a/A.st']);
    expect(walk.skipped).toEqual([{ path: 'src/b', reason: 'already-walked', message: 'the same folder as src/a, which is walked once' }]);
  });

  it('reports what it does not look at: unmatched paths are not reported', () => {
    const outside = tempDir();
    const site = tempDir();
    write(site, 'src/Main.st');
    symlinkSync(outside, join(site, 'docs'));
    writeFileSync(join(outside, 'x.txt'), 'x');
    symlinkSync(join(outside, 'x.txt'), join(site, 'src', 'notes.txt'));
    expect(walkGlobs(site, ['src/*.st']).skipped).toEqual([]);
    // `**` may match anything below, so the same link is reported there.
    expect(walkGlobs(site, ['**/*.st']).skipped.map((s) => s.path)).toEqual(['docs']);
  });

  it('reports a folder too deep to walk', () => {
    const site = tempDir();
    const deep = Array.from({ length: MAX_GLOB_DEPTH + 1 }, (_, i) => `d${i}`).join('/');
    write(site, `${deep}/Deep.st`);
    const walk = walkGlobs(site, ['**/*.st']);
    expect(walk.files).toEqual([]);
    expect(walk.skipped).toHaveLength(1);
    expect(walk.skipped[0]!.reason).toBe('too-deep');
    expect(walk.skipped[0]!.path.split('/')).toHaveLength(MAX_GLOB_DEPTH + 1);
  });

  it('stops after too many entries and says where', () => {
    const site = tempDir();
    for (let i = 0; i < 6; i++) write(site, `src/F${i}.st`);
    const walk = walkGlobs(site, ['src/*.st'], site, { depth: MAX_GLOB_DEPTH, entries: 4 });
    expect(walk.files).toEqual(['src/F0.st', 'src/F1.st', 'src/F2.st']);
    expect(walk.skipped).toEqual([{ path: 'src', reason: 'too-many-entries', message: 'more than 4 entries under the site folder; the walk stopped here and later files were not looked at' }]);
  });

  it.skipIf(!POSIX)('reports a FIFO or device a glob matches, never one it does not match', () => {
    const site = tempDir();
    write(site, 'src/Main.st');
    makeFifo(join(site, 'src', 'Pipe.st'));
    makeFifo(join(site, 'src', 'stray.fifo'));
    symlinkSync('/dev/zero', join(site, 'src', 'Zero.st'));
    const walk = walkGlobs(site, ['src/*.st'], '/');
    expect(walk.files).toEqual(['src/Main.st']);
    expect(walk.skipped).toEqual([
      { path: 'src/Pipe.st', reason: 'not-regular', message: 'a FIFO (named pipe), not a regular file; it is not read' },
      { path: 'src/Zero.st', reason: 'not-regular', message: 'a character device, not a regular file; it is not read' },
    ]);
  });
});

describe('folderMayHoldMatch', () => {
  it('knows which folders a glob can reach', () => {
    expect(folderMayHoldMatch('src/*.st', 'src')).toBe(true);
    expect(folderMayHoldMatch('src/*.st', 'lib')).toBe(false);
    expect(folderMayHoldMatch('src/*.st', 'src/sub')).toBe(false);
    expect(folderMayHoldMatch('src/**/*.st', 'src/a/b')).toBe(true);
    expect(folderMayHoldMatch('SRC/*.st', 'src')).toBe(true);
    expect(folderMayHoldMatch('**/*.st', 'anything/at/all')).toBe(true);
    expect(folderMayHoldMatch('{src,lib}/*.st', 'lib')).toBe(true);
    expect(folderMayHoldMatch('{src,lib}/*.st', 'doc')).toBe(false);
    expect(folderMayHoldMatch('Main.st', 'src')).toBe(false);
    expect(folderMayHoldMatch('./src\\*.st', 'src')).toBe(true);
  });
});
