import { T, type Token } from '../st/tokens.js';

export interface HouseStyle {
  /** One indentation step as the file writes it: a tab, or N spaces. */
  indent: string;
  keywordCase: 'upper' | 'lower' | 'capitalized';
  eol: '\n' | '\r\n';
  /** Whether `END_IF` and friends are followed by `;` in this file. */
  semicolonAfterEnd: boolean;
}

export const DEFAULT_STYLE: HouseStyle = { indent: '    ', keywordCase: 'upper', eol: '\n', semicolonAfterEnd: true };

const STYLE_KEYWORDS = new Set(['IF', 'THEN', 'ELSE', 'ELSIF', 'END_IF', 'CASE', 'OF', 'END_CASE', 'FOR', 'TO', 'DO', 'END_FOR', 'WHILE', 'END_WHILE', 'REPEAT', 'UNTIL', 'END_REPEAT', 'AND', 'OR', 'NOT', 'XOR', 'VAR', 'END_VAR', 'TRUE', 'FALSE', 'RETURN', 'EXIT']);

/**
 * Learns a file's house style from its own text, so generated code looks like the engineer wrote it:
 * the most common indentation step, how keywords are cased, line endings, and `END_IF;` vs `END_IF`.
 */
export function detectStyle(text: string, tokens: readonly Token[]): HouseStyle {
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  const steps = new Map<string, number>();
  let prevIndent = '';
  for (const line of text.split(/\r?\n/)) {
    if (line.trim() === '') continue;
    const indent = /^[ \t]*/.exec(line)![0];
    if (indent.length > prevIndent.length && indent.startsWith(prevIndent)) {
      const step = indent.slice(prevIndent.length);
      steps.set(step, (steps.get(step) ?? 0) + 1);
    }
    prevIndent = indent;
  }
  let indent = DEFAULT_STYLE.indent;
  let best = 0;
  for (const [s, n] of steps) if (n > best && /^(\t| {2,8})$/.test(s)) [indent, best] = [s, n];

  let upper = 0;
  let lower = 0;
  let cap = 0;
  let endWithSemi = 0;
  let endWithout = 0;
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    if (t.kind !== T.Ident || !STYLE_KEYWORDS.has(t.upper)) continue;
    const s = text.slice(t.start, t.end);
    if (s === t.upper) upper++;
    else if (s === s.toLowerCase()) lower++;
    else cap++;
    if (t.upper.startsWith('END_') && t.upper !== 'END_VAR') {
      if (tokens[i + 1]?.kind === T.Semi) endWithSemi++;
      else endWithout++;
    }
  }
  const keywordCase = upper >= lower && upper >= cap ? 'upper' : lower >= cap ? 'lower' : 'capitalized';
  return { indent, keywordCase, eol, semicolonAfterEnd: endWithSemi >= endWithout };
}

export function keyword(word: string, style: HouseStyle): string {
  if (style.keywordCase === 'upper') return word;
  if (style.keywordCase === 'lower') return word.toLowerCase();
  return word
    .toLowerCase()
    .split('_')
    .map((p) => p.charAt(0).toUpperCase() + p.slice(1))
    .join('_');
}
