/** Precedence of an ST primary (a variable, literal, call or parenthesised expression). */
export const PRIMARY = 10;
/** Precedence of a unary NOT or minus. */
export const UNARY = 9;

/** The current result as an ST expression, with what it reads, so writes that would change it can be caught. */
export interface CrExpr {
  text: string;
  prec: number;
  /** Upper-cased variable roots the expression reads. */
  reads: Set<string>;
  /** IEC type where known (from the last LD of a typed operand, or BOOL after a comparison). */
  type: string | null;
  /** Calls a user function, which must not be evaluated twice. */
  impure: boolean;
}

export function atom(text: string, reads: readonly string[], type: string | null): CrExpr {
  const negative = /^[+-]/.test(text);
  return { text, prec: negative ? UNARY : PRIMARY, reads: new Set(reads), type, impure: false };
}

const wrap = (e: CrExpr, min: number): string => (e.prec >= min ? e.text : `(${e.text})`);

export function not(e: CrExpr): CrExpr {
  return { ...e, text: `NOT ${wrap(e, UNARY)}`, prec: UNARY };
}

/** `left op right`, parenthesised as ST needs: IL evaluates strictly left to right. */
export function binary(left: CrExpr, op: string, prec: number, right: CrExpr, type: string | null): CrExpr {
  return {
    text: `${wrap(left, prec)} ${op} ${wrap(right, prec + 1)}`,
    prec,
    reads: new Set([...left.reads, ...right.reads]),
    type,
    impure: left.impure || right.impure,
  };
}

export function call(name: string, args: CrExpr[], argText: string, type: string | null, impure: boolean): CrExpr {
  return {
    text: `${name}(${argText})`,
    prec: PRIMARY,
    reads: new Set(args.flatMap((a) => [...a.reads])),
    type,
    impure: impure || args.some((a) => a.impure),
  };
}
