import type { Span } from '../diagnostics/diagnostic.js';

/**
 * A PLCopen LD or FBD body as a graph: elements by localId, wired by connections from an input point to the
 * output point of another element. Format-neutral so other graphical sources can feed the same translation.
 */

/** One wire into an input point: the element it comes from and, for blocks and rails, which output. */
export interface Wire {
  refLocalId: number;
  formalParameter: string | null;
  span: Span;
}

/** An input point; several wires joining at one point are OR-ed (LD parallel branches). */
export type InputPoint = Wire[];

export type Edge = 'none' | 'rising' | 'falling';

interface Base {
  localId: number;
  /** IEC execution order where the file gives one; null otherwise. */
  executionOrderId: number | null;
  span: Span;
}

export interface LeftPowerRail extends Base {
  kind: 'leftPowerRail';
}
export interface RightPowerRail extends Base {
  kind: 'rightPowerRail';
  inputs: InputPoint[];
}
export interface Contact extends Base {
  kind: 'contact';
  variable: string;
  negated: boolean;
  edge: Edge;
  input: InputPoint;
}
export interface Coil extends Base {
  kind: 'coil';
  variable: string;
  negated: boolean;
  storage: 'none' | 'set' | 'reset';
  edge: Edge;
  input: InputPoint;
}
export interface BlockInput {
  formalParameter: string;
  negated: boolean;
  edge: Edge;
  input: InputPoint;
}
export interface BlockOutput {
  formalParameter: string;
  negated: boolean;
}
export interface Block extends Base {
  kind: 'block';
  typeName: string;
  /** Set for a function block call; null for a function or operator. */
  instanceName: string | null;
  inputs: BlockInput[];
  inOuts: BlockInput[];
  outputs: BlockOutput[];
}
export interface InVariable extends Base {
  kind: 'inVariable';
  expression: string;
  negated: boolean;
}
export interface OutVariable extends Base {
  kind: 'outVariable';
  expression: string;
  negated: boolean;
  input: InputPoint;
}
export interface InOutVariable extends Base {
  kind: 'inOutVariable';
  expression: string;
  negated: boolean;
  input: InputPoint;
}
export interface LabelElement extends Base {
  kind: 'label';
  label: string;
}
export interface JumpElement extends Base {
  kind: 'jump';
  label: string;
  input: InputPoint;
}
export interface ReturnElement extends Base {
  kind: 'return';
  input: InputPoint;
}
export interface Connector extends Base {
  kind: 'connector';
  name: string;
  input: InputPoint;
}
export interface Continuation extends Base {
  kind: 'continuation';
  name: string;
}

export type NetworkElement =
  | LeftPowerRail
  | RightPowerRail
  | Contact
  | Coil
  | Block
  | InVariable
  | OutVariable
  | InOutVariable
  | LabelElement
  | JumpElement
  | ReturnElement
  | Connector
  | Continuation;

/** A whole LD or FBD body, elements in document order. */
export interface NetworkBody {
  language: 'LD' | 'FBD';
  /** Used in origin labels and messages: the POU name. */
  pou: string;
  elements: NetworkElement[];
  span: Span;
}

/** Every input point of an element, in the order its inputs are evaluated. */
export function inputPoints(e: NetworkElement): InputPoint[] {
  switch (e.kind) {
    case 'rightPowerRail':
      return e.inputs;
    case 'block':
      return [...e.inputs.map((i) => i.input), ...e.inOuts.map((i) => i.input)];
    case 'contact':
    case 'coil':
    case 'outVariable':
    case 'inOutVariable':
    case 'jump':
    case 'return':
    case 'connector':
      return [e.input];
    default:
      return [];
  }
}
