import { diag } from '../diagnostics/catalog.js';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import type { XmlDocument, XmlElement } from './safe-xml.js';
import { child, childrenNamed } from './xml-content.js';

/** Writes PLCopen TC6 type, value and variable elements as IEC 61131-3 ST text. */
export class PlcopenTypeWriter {
  constructor(
    readonly doc: XmlDocument,
    readonly diagnostics: Diagnostic[],
  ) {}

  private missing(el: XmlElement, what: string): void {
    this.diagnostics.push(diag('FMT1202', { file: this.doc.file, start: el.start, end: el.end }, `${this.doc.file}: <${el.name}> has no ${what}; it is skipped`));
  }

  /** The type inside a `<type>` or `<baseType>` wrapper. */
  typeOf(wrapper: XmlElement | undefined, owner: XmlElement): string | null {
    const spec = wrapper?.children.find((c) => c.local !== 'documentation' && c.local !== 'addData');
    if (!spec) {
      this.missing(owner, 'type');
      return null;
    }
    return this.spec(spec, '');
  }

  private spec(el: XmlElement, indent: string): string {
    switch (el.local) {
      case 'string':
      case 'wstring': {
        const kw = el.local.toUpperCase();
        const len = el.attrs['length'];
        return len ? `${kw}[${len}]` : kw;
      }
      case 'derived':
        return el.attrs['name'] ?? '';
      case 'array': {
        const dims = childrenNamed(el, 'dimension').map((d) => `${d.attrs['lower'] ?? '0'}..${d.attrs['upper'] ?? '0'}`);
        return `ARRAY[${dims.join(', ')}] OF ${this.typeOf(child(el, 'baseType'), el) ?? 'BOOL'}`;
      }
      case 'subrangeSigned':
      case 'subrangeUnsigned': {
        const r = child(el, 'range');
        return `${this.typeOf(child(el, 'baseType'), el) ?? 'INT'}(${r?.attrs['lower'] ?? '0'}..${r?.attrs['upper'] ?? '0'})`;
      }
      case 'pointer':
        return `POINTER TO ${this.typeOf(child(el, 'baseType'), el) ?? 'BYTE'}`;
      case 'enum':
        return this.enumSpec(el, indent);
      case 'struct':
        return `STRUCT\n${this.variables(el, `${indent}    `)}${indent}END_STRUCT`;
      default:
        if (/^[A-Z][A-Z_0-9]*$/.test(el.local)) return el.local;
        this.diagnostics.push(diag('FMT1203', { file: this.doc.file, start: el.start, end: el.end }, `${this.doc.file}: <${el.name}> is not a PLCopen type form`));
        return el.local;
    }
  }

  private enumSpec(el: XmlElement, indent: string): string {
    const values = childrenNamed(child(el, 'values') ?? el, 'value')
      .filter((v) => v.attrs['name'])
      .map((v) => `${indent}    ${v.attrs['name']}${v.attrs['value'] !== undefined ? ` := ${v.attrs['value']}` : ''}`);
    const baseWrapper = child(el, 'baseType');
    const base = baseWrapper?.children[0] ? ` ${this.spec(baseWrapper.children[0], indent)}` : '';
    return `(\n${values.join(',\n')}\n${indent})${base}`;
  }

  /** `<initialValue>` as an ST initializer, or null when there is none. */
  initialValue(wrapper: XmlElement | undefined): string | null {
    const v = wrapper?.children[0];
    return v ? this.value(v) : null;
  }

  private value(el: XmlElement): string {
    switch (el.local) {
      case 'simpleValue':
        return el.attrs['value'] ?? '';
      case 'arrayValue':
        return `[${childrenNamed(el, 'value')
          .map((v) => {
            const inner = v.children[0] ? this.value(v.children[0]) : '';
            const rep = v.attrs['repetitionValue'];
            return rep && rep !== '1' ? `${rep}(${inner})` : inner;
          })
          .join(', ')}]`;
      case 'structValue':
        return `(${childrenNamed(el, 'value')
          .map((v) => `${v.attrs['member'] ?? ''} := ${v.children[0] ? this.value(v.children[0]) : ''}`)
          .join(', ')})`;
      default:
        return el.attrs['value'] ?? '';
    }
  }

  /** The `<variable>` children of `el` as declaration lines, each ending in a newline. */
  variables(el: XmlElement, indent: string): string {
    let out = '';
    for (const v of childrenNamed(el, 'variable')) {
      const name = v.attrs['name'];
      if (!name) {
        this.missing(v, 'name');
        continue;
      }
      const type = this.typeOf(child(v, 'type'), v);
      if (type === null) continue;
      const at = v.attrs['address'] ? ` AT ${v.attrs['address']}` : '';
      const init = this.initialValue(child(v, 'initialValue'));
      out += `${indent}${name}${at} : ${type.replace(/\n/g, `\n${indent}`)}${init !== null ? ` := ${init}` : ''};\n`;
    }
    return out;
  }

  /** A `<dataType>` as a complete `TYPE ... END_TYPE` block. */
  dataType(el: XmlElement): string | null {
    const name = el.attrs['name'];
    if (!name) {
      this.missing(el, 'name');
      return null;
    }
    const type = this.typeOf(child(el, 'baseType'), el);
    if (type === null) return null;
    const init = this.initialValue(child(el, 'initialValue'));
    const multiline = type.includes('\n');
    return `TYPE ${name} :${multiline ? '\n' : ' '}${type}${init !== null ? ` := ${init}` : ''};\nEND_TYPE\n`;
  }
}
