import type { Span } from '../../plc/diagnostics/diagnostic.js';
import type { LadderTranslation } from '../../plc/ladder/translation.js';

/** The translated statements of one ladder network, with the elements they came from. */
export interface NetworkBlock {
  /** 1-based network number as the translation counts them; null when its origin label names none. */
  network: number | null;
  label: string;
  lines: string[];
  origins: Span[];
}

/** Comment text per network, plus comments no network claims (kept at the end so nothing is lost). */
export interface BlockComments {
  byNetwork: ReadonlyMap<number, readonly string[]>;
  trailing: readonly string[];
}

const NETWORK_LABEL = /^network (\d+)\b/i;

/**
 * Splits a translation into its networks. The translator labels every line with its network; consecutive lines
 * with the same network form one block, so a rung that became several statements stays together.
 */
export function networkBlocks(t: LadderTranslation): NetworkBlock[] {
  const lines = t.st.replace(/\n$/, '').split('\n');
  const blocks: NetworkBlock[] = [];
  lines.forEach((line, i) => {
    const origin = t.lines[i];
    const label = origin?.label ?? '';
    const m = NETWORK_LABEL.exec(label);
    const network = m ? Number(m[1]) : null;
    const last = blocks[blocks.length - 1];
    const same = last && (network !== null ? last.network === network : last.network === null && last.label === label);
    const block = same ? last : { network, label, lines: [], origins: [] };
    if (!same) blocks.push(block);
    block.lines.push(line);
    if (origin) block.origins.push(origin.span);
  });
  return t.st === '' ? [] : blocks;
}

/** Comment text cannot close or open an ST comment early, whatever the drawing's comment box held. */
function commentSafe(text: string): string {
  return text.replace(/\*\)/g, '* )').replace(/\(\*/g, '( *');
}

/** Comment lines no wider than this (after the `(* ` or the aligning spaces), so a long rung comment stays readable. */
const COMMENT_WIDTH = 110;

function wrap(line: string): string[] {
  const out: string[] = [];
  let cur = '';
  for (const word of line.split(/\s+/).filter((w) => w !== '')) {
    if (cur && cur.length + 1 + word.length > COMMENT_WIDTH) {
      out.push(cur);
      cur = word;
    } else cur = cur ? `${cur} ${word}` : word;
  }
  if (cur) out.push(cur);
  return out;
}

/** `(* head: text *)`, continuation lines aligned under the text. */
function blockComment(head: string, texts: readonly string[]): string[] {
  const paragraphs = texts.flatMap((t) => t.split(/\r?\n/)).map((l) => commentSafe(l.trim())).filter((l) => l !== '');
  if (paragraphs.length === 0) return head ? [`(* ${head} *)`] : [];
  if (head) paragraphs[0] = `${head}: ${paragraphs[0]}`;
  const body = paragraphs.flatMap(wrap);
  const out = [`(* ${body[0]}`, ...body.slice(1).map((l) => `   ${l}`)];
  out[out.length - 1] += ' *)';
  return out;
}

/**
 * The ST body text: one block per network, each headed by a comment naming the network and carrying the rung's
 * own comment, blocks separated by a blank line. No trailing newline; the caller owns the surrounding layout.
 */
export function formatLadderSt(blocks: readonly NetworkBlock[], comments: BlockComments): string {
  const parts: string[][] = blocks.map((b) => {
    const head = b.network !== null ? `Network ${b.network}` : b.label;
    return [...blockComment(head, b.network !== null ? (comments.byNetwork.get(b.network) ?? []) : []), ...b.lines];
  });
  const trailing = blockComment('', comments.trailing);
  if (trailing.length) parts.push(trailing);
  return parts.map((p) => p.join('\n')).join('\n\n');
}
