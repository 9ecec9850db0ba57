/**
 * The abstract term algebra the SMT models of the safety blocks are written against: Booleans and bit-vectors,
 * nothing else. formal/encode-safety-fbs.ts implements it with z3; a block model never sees the solver, so the
 * models stay below formal/ and any other backend (or a concrete evaluator) can run them.
 *
 * `B` is a Boolean term, `V` a bit-vector term; widths are the caller's business, as in SMT-LIB.
 */
export interface SmtAlgebra<B, V> {
  /** Width of the virtual clock (`now` and the state timers), in bits. */
  readonly clockBits: number;
  bool(value: boolean): B;
  and(...xs: B[]): B;
  or(...xs: B[]): B;
  not(x: B): B;
  /** if-then-else on bit-vectors. */
  ite(cond: B, then: V, otherwise: V): V;
  /** A bit-vector constant of the given width. */
  bv(value: number, bits: number): V;
  eq(a: V, b: V): B;
  /** Bitwise AND. */
  bvAnd(a: V, b: V): V;
  sub(a: V, b: V): V;
  /** Signed a >= b. */
  sge(a: V, b: V): B;
  /** Sign-extends by `extraBits` bits. */
  signExt(a: V, extraBits: number): V;
}

/** How a pin is encoded: a Boolean, a bit-vector, or the clock (a bit-vector of the algebra's clock width). */
export type SmtShape = { t: 'bool' } | { t: 'bv'; bits: number; signed: boolean } | { t: 'clock' };

export interface SmtPin {
  shape: SmtShape;
  /** IEC type, as traces show it. */
  type: string;
}

/** A term with its encoding, as read from and written to a block instance. */
export type SmtVal<B, V> = { t: 'bool'; v: B } | { t: 'bv'; v: V; bits: number; signed: boolean };
