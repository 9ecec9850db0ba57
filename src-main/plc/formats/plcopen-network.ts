import { diag } from '../diagnostics/catalog.js';
import type { Diagnostic, Span } from '../diagnostics/diagnostic.js';
import type { BlockInput, Edge, InputPoint, NetworkBody, NetworkElement } from '../ladder/network.js';
import type { XmlDocument, XmlElement } from './safe-xml.js';
import { child, childrenNamed, textContent } from './xml-content.js';

/** Drawing-only elements that carry no logic. */
const IGNORED = new Set(['comment', 'error', 'documentation', 'addData', 'position']);

/**
 * Reads a PLCopen `<LD>` or `<FBD>` body into the format-neutral network model. Positions are dropped: order
 * comes from executionOrderId and the wiring, as the standard defines it.
 */
export function readPlcopenNetwork(doc: XmlDocument, bodyEl: XmlElement, pou: string, diagnostics: Diagnostic[]): NetworkBody {
  const file = doc.file;
  const span = (el: XmlElement): Span => ({ file, start: el.start, end: el.end });
  const text = (el: XmlElement | undefined): string => (el ? textContent(doc, el, diagnostics).trim() : '');
  const bool = (v: string | undefined): boolean => v === 'true' || v === '1';
  const edge = (v: string | undefined): Edge => (v === 'rising' || v === 'falling' ? v : 'none');

  const wiresOf = (pin: XmlElement | undefined): InputPoint => {
    if (!pin) return [];
    const wires: InputPoint = [];
    for (const c of childrenNamed(pin, 'connection')) {
      const ref = Number(c.attrs['refLocalId']);
      if (!Number.isInteger(ref)) {
        diagnostics.push(diag('LD1001', span(c), `${pou}: a connection has no numeric refLocalId`));
        continue;
      }
      wires.push({ refLocalId: ref, formalParameter: c.attrs['formalParameter'] || null, span: span(c) });
    }
    return wires;
  };
  const point = (el: XmlElement): InputPoint => wiresOf(child(el, 'connectionPointIn'));
  const blockPins = (el: XmlElement, section: string): BlockInput[] =>
    childrenNamed(child(el, section) ?? { ...el, children: [] }, 'variable').map((v) => ({ formalParameter: v.attrs['formalParameter'] ?? '', negated: bool(v.attrs['negated']), edge: edge(v.attrs['edge']), input: point(v) }));

  const elements: NetworkElement[] = [];
  for (const el of bodyEl.children) {
    if (IGNORED.has(el.local)) continue;
    const localId = Number(el.attrs['localId']);
    if (el.attrs['localId'] === undefined || !Number.isInteger(localId)) {
      diagnostics.push(diag('LD1003', span(el), `${pou}: <${el.name}> has no numeric localId; it is skipped`));
      continue;
    }
    const order = el.attrs['executionOrderId'];
    const base = { localId, executionOrderId: order !== undefined && /^\d+$/.test(order) ? Number(order) : null, span: span(el) };
    const negated = bool(el.attrs['negated']);
    switch (el.local) {
      case 'leftPowerRail':
        elements.push({ ...base, kind: 'leftPowerRail' });
        break;
      case 'rightPowerRail':
        elements.push({ ...base, kind: 'rightPowerRail', inputs: childrenNamed(el, 'connectionPointIn').map(wiresOf) });
        break;
      case 'contact':
        elements.push({ ...base, kind: 'contact', variable: text(child(el, 'variable')), negated, edge: edge(el.attrs['edge']), input: point(el) });
        break;
      case 'coil': {
        const storage = el.attrs['storage'];
        elements.push({
          ...base,
          kind: 'coil',
          variable: text(child(el, 'variable')),
          negated,
          storage: storage === 'set' || storage === 'reset' ? storage : 'none',
          edge: edge(el.attrs['edge']),
          input: point(el),
        });
        break;
      }
      case 'block':
        elements.push({
          ...base,
          kind: 'block',
          typeName: el.attrs['typeName'] ?? '',
          instanceName: el.attrs['instanceName'] || null,
          inputs: blockPins(el, 'inputVariables'),
          inOuts: blockPins(el, 'inOutVariables'),
          outputs: blockPins(el, 'outputVariables').map((o) => ({ formalParameter: o.formalParameter, negated: o.negated })),
        });
        break;
      case 'inVariable':
        elements.push({ ...base, kind: 'inVariable', expression: text(child(el, 'expression')), negated });
        break;
      case 'outVariable':
        elements.push({ ...base, kind: 'outVariable', expression: text(child(el, 'expression')), negated, input: point(el) });
        break;
      case 'inOutVariable':
        elements.push({ ...base, kind: 'inOutVariable', expression: text(child(el, 'expression')), negated, input: point(el) });
        break;
      case 'label':
        elements.push({ ...base, kind: 'label', label: el.attrs['label'] ?? '' });
        break;
      case 'jump':
        elements.push({ ...base, kind: 'jump', label: el.attrs['label'] ?? '', input: point(el) });
        break;
      case 'return':
        elements.push({ ...base, kind: 'return', input: point(el) });
        break;
      case 'connector':
        elements.push({ ...base, kind: 'connector', name: el.attrs['name'] ?? '', input: point(el) });
        break;
      case 'continuation':
        elements.push({ ...base, kind: 'continuation', name: el.attrs['name'] ?? '' });
        break;
      default:
        diagnostics.push(diag('LD1007', span(el), `${pou}: <${el.name}> (localId ${localId}) has no ST translation; it is skipped`));
    }
  }
  return { language: bodyEl.local === 'FBD' ? 'FBD' : 'LD', pou, elements, span: span(bodyEl) };
}
