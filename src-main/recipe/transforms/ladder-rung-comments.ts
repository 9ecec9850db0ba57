import type { Diagnostic } from '../../plc/diagnostics/diagnostic.js';
import type { XmlDocument, XmlElement } from '../../plc/formats/safe-xml.js';
import { child, textContent } from '../../plc/formats/xml-content.js';
import type { BlockComments, NetworkBlock } from './ladder-body-st.js';

/** All character data under `el`, paragraphs (`<xhtml:p>`, `<xhtml>`) on lines of their own. */
function deepText(doc: XmlDocument, el: XmlElement, diagnostics: Diagnostic[]): string {
  const own = textContent(doc, el, diagnostics).trim();
  const kids = el.children.map((c) => deepText(doc, c, diagnostics)).filter((t) => t !== '');
  return [own, ...kids].filter((t) => t !== '').join('\n');
}

function yOf(el: XmlElement): number | null {
  const y = Number(child(el, 'position')?.attrs['y']);
  return Number.isFinite(y) ? y : null;
}

interface Anchor {
  network: number;
  top: number | null;
  /** Index in the body of the network's first statement element. */
  first: number;
}

/**
 * Gives each `<comment>` box of an LD body to a network. PLCopen has no rung object to hang a comment on, so the
 * drawing decides: a comment belongs to the first network drawn at or below it, as an editor shows a rung comment
 * above its rung. Where a comment or a network has no position, document order stands in for the drawing.
 */
export function assignRungComments(doc: XmlDocument, ld: XmlElement, blocks: readonly NetworkBlock[], diagnostics: Diagnostic[]): BlockComments {
  const index = new Map(ld.children.map((el, i) => [el.start, i]));
  const anchors: Anchor[] = [];
  for (const b of blocks) {
    if (b.network === null || anchors.some((a) => a.network === b.network)) continue;
    const els = b.origins.map((s) => ld.children[index.get(s.start) ?? -1]).filter((e): e is XmlElement => e !== undefined);
    const ys = els.map(yOf);
    anchors.push({
      network: b.network,
      top: ys.length && ys.every((y) => y !== null) ? Math.min(...(ys as number[])) : null,
      first: Math.min(...els.map((e) => index.get(e.start)!), Infinity),
    });
  }
  const byNetwork = new Map<number, string[]>();
  const trailing: string[] = [];
  ld.children.forEach((el, i) => {
    if (el.local !== 'comment') return;
    const text = deepText(doc, child(el, 'content') ?? el, diagnostics);
    if (text === '') return;
    const y = yOf(el);
    const drawn = y !== null && anchors.every((a) => a.top !== null);
    const below = anchors.filter((a) => (drawn ? a.top! >= y : a.first > i));
    const key = (a: Anchor): number => (drawn ? a.top! : a.first);
    const owner = below.reduce<Anchor | null>((best, a) => (!best || key(a) < key(best) ? a : best), null);
    if (owner) byNetwork.set(owner.network, [...(byNetwork.get(owner.network) ?? []), text]);
    else trailing.push(text);
  });
  return { byNetwork, trailing };
}
