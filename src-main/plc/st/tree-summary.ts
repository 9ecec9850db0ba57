import type { AnyNode } from './ast.js';
import { forEachChild } from './walk.js';

/** The words that identify a node in a summary line besides its kind. */
function label(n: AnyNode): string {
  switch (n.kind) {
    case 'Identifier':
      return n.quoting === 'quoted' ? `"${n.name}"` : n.quoting === 'hash' ? `#${n.name}` : n.name;
    case 'Pou':
      return `${n.pouKind} ${label(n.name)}${n.modifiers.length ? ' ' + n.modifiers.join(' ') : ''}`;
    case 'VarBlock':
      return [n.section, ...n.qualifiers].join(' ');
    case 'Binary':
      return n.op;
    case 'Unary':
      return n.op;
    case 'Assign':
      return n.op;
    case 'Literal':
      return `${n.litKind} ${typeof n.value === 'bigint' ? n.value.toString() + 'n' : JSON.stringify(n.value)}${n.typePrefix ? ' ' + n.typePrefix : ''}`;
    case 'Member':
      return label(n.member);
    case 'BitAccess':
      return String(n.bit);
    case 'DirectAddress':
    case 'Location':
      return n.address;
    case 'RefType':
      return n.refKind;
    case 'StringType':
      return n.wide ? 'WSTRING' : 'STRING';
    case 'CallArg':
      return n.assign ? `${n.negated ? 'NOT ' : ''}${n.name?.name ?? ''} ${n.assign}` : 'positional';
    case 'Pragma':
      return n.text;
    case 'Region':
      return JSON.stringify(n.name);
    case 'RawC':
      return JSON.stringify(n.text.trim());
    case 'PropertyAccessor':
      return n.accessor;
    case 'ArrayType':
      return n.variableLength ? '[*]' : '';
    default:
      return '';
  }
}

/**
 * An indented, one-node-per-line outline of a tree: the golden-file form of parser tests. Identifiers are
 * folded into their parent's line where that reads naturally (names, members), keeping goldens short.
 */
export function treeSummary(root: AnyNode, indent = ''): string {
  let out = `${indent}${root.kind}${label(root) ? ' ' + label(root) : ''}`;
  if (root.kind === 'Name' || root.kind === 'Identifier' || root.kind === 'QualifiedName') {
    const name = root.kind === 'Name' ? label(root.id) : root.kind === 'QualifiedName' ? root.parts.map(label).join('.') : '';
    return out + (name ? ' ' + name : '') + '\n';
  }
  if (root.kind === 'NamedType') return `${out} ${root.name.parts.map(label).join('.')}\n`;
  out += '\n';
  forEachChild(root, (c) => {
    if (c.kind === 'Identifier' && (root.kind === 'Pou' || root.kind === 'Member' || root.kind === 'CallArg')) return;
    out += treeSummary(c, indent + '  ');
  });
  return out;
}
