import type { AnyNode } from './ast.js';
import type { Token } from './tokens.js';

/**
 * Rebuilds source text from tokens: each token's leading trivia and its own text. For an unchanged tree this
 * is the original file, byte for byte (the round-trip property the tests hold every file to).
 */
export function tokensText(tokens: readonly Token[], text: string): string {
  let out = '';
  for (const t of tokens) out += text.slice(t.triviaStart, t.end);
  return out;
}

/** The exact source of a node (without its leading trivia). */
export function nodeText(node: AnyNode, text: string): string {
  return text.slice(node.start, node.end);
}
