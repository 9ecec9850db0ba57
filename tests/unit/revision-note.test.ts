import { describe, expect, it } from 'vitest';
import { addRevisionNote, revisionNote } from '../../src-main/recipe/transforms/revision-note.js';
import type { SiteConfig } from '../../src-shared/model/site.js';

const NOTE = '2026-11-25  Plantshift run 7: Record the run';

describe('revision note transform', () => {
  it('appends to a starred history block in its style', () => {
    const before = '(*\n * Press line 2\n * 2024-03-01  J. Doe: initial\n *)\nPROGRAM Main\nEND_PROGRAM\n';
    expect(addRevisionNote(before, NOTE)).toBe(
      '(*\n * Press line 2\n * 2024-03-01  J. Doe: initial\n * 2026-11-25  Plantshift run 7: Record the run\n *)\nPROGRAM Main\nEND_PROGRAM\n',
    );
  });

  it('keeps indentation and CRLF line ends', () => {
    const before = '(* Header\r\n    rev 1\r\n*)\r\nPROGRAM Main\r\nEND_PROGRAM\r\n';
    expect(addRevisionNote(before, NOTE)).toBe(`(* Header\r\n    rev 1\r\n    ${NOTE}\r\n*)\r\nPROGRAM Main\r\nEND_PROGRAM\r\n`);
  });

  it('adds a header comment where there is none, after a BOM', () => {
    expect(addRevisionNote('\uFEFFPROGRAM Main\nEND_PROGRAM\n', NOTE)).toBe(`\uFEFF(* ${NOTE} *)\nPROGRAM Main\nEND_PROGRAM\n`);
  });

  it('adds a separate comment when the header closes on a text line', () => {
    expect(addRevisionNote('(* one-line header *)\nPROGRAM Main\n', NOTE)).toBe(`(* one-line header *)\n(* ${NOTE} *)\nPROGRAM Main\n`);
  });

  it('skips nested comments when finding the header end', () => {
    const before = '(* outer (* inner *) still header\n*)\nPROGRAM Main\n';
    expect(addRevisionNote(before, NOTE)).toBe(`(* outer (* inner *) still header\n${NOTE}\n*)\nPROGRAM Main\n`);
  });

  const site = { entry: 'Main' } as SiteConfig;
  const ctx = { site, runId: 7, recipeId: 'r', recipeTitle: 'Record the run', date: '2026-11-25' };

  it('changes only the file that declares the entry program, once', () => {
    const files = [
      { path: 'src/FB_Motor.st', text: 'FUNCTION_BLOCK FB_Motor\nEND_FUNCTION_BLOCK\n' },
      { path: 'src/Main.st', text: '(*\n  rev 1\n*)\nPROGRAM Main\nEND_PROGRAM\n' },
    ];
    const changed = revisionNote.apply(files, ctx);
    expect(changed.map((f) => f.path)).toEqual(['src/Main.st']);
    expect(revisionNote.apply(changed, ctx)).toEqual([]);
  });

  it('changes nothing when no file declares the entry program', () => {
    expect(revisionNote.apply([{ path: 'a.st', text: 'PROGRAM Other\nEND_PROGRAM\n' }], ctx)).toEqual([]);
  });
});

describe('revision note in a revision history section', () => {
  it('becomes the last entry of the section, in its indentation', () => {
    const before = [
      '(*****',
      ' * Plant      : Press line 2',
      ' *',
      ' * Revision history',
      ' *   1.0  2017-11-06  RO  First release',
      ' *   1.1  2019-04-03  RO  Ram returns on palm release',
      ' *',
      ' * States: 0 IDLE',
      ' *****)',
      'PROGRAM Main',
      '',
    ].join('\n');
    const after = addRevisionNote(before, NOTE).split('\n');
    expect(after[5]).toBe(' *   1.1  2019-04-03  RO  Ram returns on palm release');
    expect(after[6]).toBe(` *   ${NOTE}`);
    expect(after[7]).toBe(' *');
    expect(after.length).toBe(before.split('\n').length + 1);
  });

  it('falls back to the closing banner when the history section is empty', () => {
    const before = '(*\n * Revision history\n *\n *****)\nPROGRAM Main\n';
    expect(addRevisionNote(before, NOTE)).toBe(`(*\n * Revision history\n *\n * ${NOTE}\n *****)\nPROGRAM Main\n`);
  });
});
