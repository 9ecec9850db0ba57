import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SourceText } from '../../../src-main/plc/source/source-text.js';
import { parseSt } from '../../../src-main/plc/st/parser.js';
import { tokensText } from '../../../src-main/plc/st/print.js';
import { treeSummary } from '../../../src-main/plc/st/tree-summary.js';
import { check } from '../../helpers/golden.js';

const DIR = join(import.meta.dirname, '..', '..', 'golden', 'st');
const inputs = readdirSync(DIR).filter((f) => /\.(st|scl)$/.test(f));

/** Golden form of a parse: the tree outline, then each diagnostic as line:col severity code message. */
export function parseReport(text: string, file: string): string {
  const r = parseSt(text, file, file.endsWith('.scl') ? 'scl' : 'codesys');
  const src = new SourceText(file, text);
  const diags = r.diagnostics.map((d) => {
    const p = src.lineCol(d.span.start);
    return `${p.line}:${p.column} ${d.severity} ${d.code} ${d.message}`;
  });
  return `== tree\n${treeSummary(r.unit)}== diagnostics\n${diags.join('\n')}${diags.length ? '\n' : ''}`;
}

describe('parser golden files', () => {
  it.each(inputs)('%s', (name) => {
    const text = readFileSync(join(DIR, name), 'utf8');
    check(parseReport(text, name), join(DIR, name.replace(/\.(st|scl)$/, '.expected')));
  });

  it.each(inputs)('%s round-trips byte for byte through its tokens', (name) => {
    const text = readFileSync(join(DIR, name), 'utf8');
    expect(tokensText(parseSt(text, name, name.endsWith('.scl') ? 'scl' : 'codesys').tokens, text)).toBe(text);
  });
});
