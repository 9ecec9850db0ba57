import type { Identifier } from '../st/ast.js';
import type { InterfaceSym, PouSym, VarSym } from './symbols.js';

/**
 * The checker's type model. Elementary types are singletons compared by identity; user types are built once
 * per declaration by the type resolver. ERROR (an unknown or broken type) and ANY (SCL VARIANT/ANY) are
 * compatible with everything so that one mistake gives one diagnostic, not a cascade.
 */

/** Classes of elementary types; `litint`/`litreal` are untyped literals, which adopt the type they meet. */
export type ElemClass = 'bool' | 'bits' | 'signed' | 'unsigned' | 'real' | 'time' | 'date' | 'tod' | 'dt' | 'char' | 'litint' | 'litreal';

export interface ElemType {
  kind: 'elem';
  name: string;
  cls: ElemClass;
  bits: number;
  min: bigint;
  max: bigint;
}
export interface StrType {
  kind: 'string';
  wide: boolean;
  /** Maximum length in characters; for a literal, its length. */
  length: number;
  literal: boolean;
}
export interface EnumMemberSym {
  name: string;
  value: number;
  id: Identifier;
  file: string;
}
export interface EnumT {
  kind: 'enum';
  name: string;
  members: Map<string, EnumMemberSym>;
  base: ElemType;
  qualifiedOnly: boolean;
}
export interface StructT {
  kind: 'struct';
  name: string;
  fields: Map<string, VarSym>;
}
export interface ArrayDim {
  lo: number;
  hi: number;
}
export interface ArrayT {
  kind: 'array';
  /** null for a dimension whose bounds are not known (`ARRAY[*]`, non-constant bounds). */
  dims: (ArrayDim | null)[];
  element: Type;
}
export interface RefT {
  kind: 'ref';
  refKind: 'REF_TO' | 'POINTER_TO';
  target: Type;
}
export interface SubrangeT {
  kind: 'subrange';
  name: string;
  base: ElemType;
  lo: number;
  hi: number;
}
export interface PouT {
  kind: 'pou';
  pou: PouSym;
}
export interface InterfaceT {
  kind: 'interface';
  sym: InterfaceSym;
}
export interface SimpleT {
  kind: 'error' | 'any' | 'void';
}

export type Type = ElemType | StrType | EnumT | StructT | ArrayT | RefT | SubrangeT | PouT | InterfaceT | SimpleT;

export const ERROR: SimpleT = { kind: 'error' };
export const ANY: SimpleT = { kind: 'any' };
export const VOID: SimpleT = { kind: 'void' };

function elem(name: string, cls: ElemClass, bits: number): ElemType {
  let min = 0n;
  let max = 0n;
  if (cls === 'signed') {
    min = -(1n << BigInt(bits - 1));
    max = (1n << BigInt(bits - 1)) - 1n;
  } else if (cls === 'unsigned' || cls === 'bits' || cls === 'char') {
    max = (1n << BigInt(bits)) - 1n;
  } else if (cls === 'bool') max = 1n;
  return { kind: 'elem', name, cls, bits, min, max };
}

export const BOOL = elem('BOOL', 'bool', 1);
export const BYTE = elem('BYTE', 'bits', 8);
export const WORD = elem('WORD', 'bits', 16);
export const DWORD = elem('DWORD', 'bits', 32);
export const LWORD = elem('LWORD', 'bits', 64);
export const SINT = elem('SINT', 'signed', 8);
export const INT = elem('INT', 'signed', 16);
export const DINT = elem('DINT', 'signed', 32);
export const LINT = elem('LINT', 'signed', 64);
export const USINT = elem('USINT', 'unsigned', 8);
export const UINT = elem('UINT', 'unsigned', 16);
export const UDINT = elem('UDINT', 'unsigned', 32);
export const ULINT = elem('ULINT', 'unsigned', 64);
export const REAL = elem('REAL', 'real', 32);
export const LREAL = elem('LREAL', 'real', 64);
export const TIME = elem('TIME', 'time', 32);
export const LTIME = elem('LTIME', 'time', 64);
export const DATE = elem('DATE', 'date', 32);
export const LDATE = elem('LDATE', 'date', 64);
export const TOD = elem('TOD', 'tod', 32);
export const LTOD = elem('LTOD', 'tod', 64);
export const DT = elem('DT', 'dt', 32);
export const LDT = elem('LDT', 'dt', 64);
export const CHAR = elem('CHAR', 'char', 8);
export const WCHAR = elem('WCHAR', 'char', 16);
export const LITINT = elem('integer literal', 'litint', 64);
export const LITREAL = elem('real literal', 'litreal', 64);

export const STRING_DEFAULT: StrType = { kind: 'string', wide: false, length: 80, literal: false };
export const WSTRING_DEFAULT: StrType = { kind: 'string', wide: true, length: 80, literal: false };

/** The elementary types by upper-case name, long and vendor spellings included. */
export const ELEMENTARY: ReadonlyMap<string, ElemType> = new Map<string, ElemType>([
  ['BOOL', BOOL], ['BIT', BOOL],
  ['BYTE', BYTE], ['WORD', WORD], ['DWORD', DWORD], ['LWORD', LWORD], ['__XWORD', LWORD],
  ['SINT', SINT], ['INT', INT], ['DINT', DINT], ['LINT', LINT], ['__XINT', LINT],
  ['USINT', USINT], ['UINT', UINT], ['UDINT', UDINT], ['ULINT', ULINT], ['__UXINT', ULINT],
  ['REAL', REAL], ['LREAL', LREAL],
  ['TIME', TIME], ['LTIME', LTIME], ['S5TIME', TIME],
  ['DATE', DATE], ['LDATE', LDATE],
  ['TOD', TOD], ['TIME_OF_DAY', TOD], ['LTOD', LTOD], ['LTIME_OF_DAY', LTOD],
  ['DT', DT], ['DATE_AND_TIME', DT], ['LDT', LDT], ['LDATE_AND_TIME', LDT], ['DTL', LDT],
  ['CHAR', CHAR], ['WCHAR', WCHAR],
]);

/** Types by the literal kind of a time/date literal. */
export const LITERAL_TYPES: Record<string, ElemType> = { time: TIME, ltime: LTIME, date: DATE, ldate: LDATE, tod: TOD, ltod: LTOD, dt: DT, ldt: LDT };

export function isIntClass(c: ElemClass): boolean {
  return c === 'signed' || c === 'unsigned' || c === 'litint';
}
/** The elementary view of a type: subranges act as their base, enums as themselves. */
export function elemOf(t: Type): ElemType | null {
  if (t.kind === 'elem') return t;
  if (t.kind === 'subrange') return t.base;
  return null;
}
export function isLoose(t: Type): boolean {
  return t.kind === 'error' || t.kind === 'any';
}
export function isBool(t: Type): boolean {
  return t === BOOL || isLoose(t);
}
export function isInteger(t: Type): boolean {
  const e = elemOf(t);
  return e !== null && isIntClass(e.cls);
}
export function isNumeric(t: Type): boolean {
  const e = elemOf(t);
  return e !== null && (isIntClass(e.cls) || e.cls === 'real' || e.cls === 'litreal');
}
export function isBitLike(t: Type): boolean {
  const e = elemOf(t);
  return e !== null && (e.cls === 'bits' || e.cls === 'bool');
}

/** The type a lone untyped integer literal takes: INT when it fits, else the smallest of DINT, LINT, ULINT. */
export function literalIntType(v: number | bigint): ElemType {
  const b = typeof v === 'bigint' ? v : BigInt(Math.trunc(v));
  for (const t of [INT, DINT, LINT, ULINT]) if (b >= t.min && b <= t.max) return t;
  return ULINT;
}

export function typeName(t: Type): string {
  switch (t.kind) {
    case 'elem':
      return t.name;
    case 'string':
      if (t.literal) return t.wide ? 'WSTRING literal' : 'STRING literal';
      return `${t.wide ? 'WSTRING' : 'STRING'}[${t.length}]`;
    case 'enum':
    case 'struct':
    case 'subrange':
      return t.name;
    case 'array':
      return `ARRAY[${t.dims.map((d) => (d ? `${d.lo}..${d.hi}` : '*')).join(', ')}] OF ${typeName(t.element)}`;
    case 'ref':
      return `${t.refKind === 'REF_TO' ? 'REF_TO' : 'POINTER TO'} ${typeName(t.target)}`;
    case 'pou':
      return t.pou.name;
    case 'interface':
      return t.sym.name;
    case 'error':
      return '<error>';
    case 'any':
      return 'ANY';
    case 'void':
      return 'VOID';
  }
}
