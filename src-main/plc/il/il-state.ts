import { diag } from '../diagnostics/catalog.js';
import type { Diagnostic, Span } from '../diagnostics/diagnostic.js';
import type { LadderOrigin } from '../ladder/translation.js';
import { atom, type CrExpr } from './il-expr.js';
import type { IlLine, IlSpan } from './il-parser.js';

/**
 * The current result: a value (an ST expression), undefined (reading it is IL1005), lost (it would need a
 * temporary whose type is unknown: reading it is IL1008) or poisoned by an earlier error (reading it is silent).
 */
export type Cr =
  | { k: 'value'; e: CrExpr; used: boolean }
  | { k: 'undefined'; why: string }
  | { k: 'lost'; why: string }
  | { k: 'error' };

export const undef = (why: string): Cr => ({ k: 'undefined', why });
export const value = (e: CrExpr): Cr => ({ k: 'value', e, used: false });

/** The ST being written, one origin per line, and the temporaries it needs. */
export class IlOutput {
  readonly lines: string[] = [];
  readonly origins: LadderOrigin[] = [];
  readonly temporaries: { name: string; type: string }[] = [];
  readonly diagnostics: Diagnostic[] = [];
  private origin: LadderOrigin = { span: { file: '', start: 0, end: 0 }, label: '' };
  private counter = 0;

  constructor(
    readonly file: string,
    private readonly prefix: string,
  ) {}

  at(line: IlLine): void {
    this.origin = { span: { file: this.file, start: line.start, end: line.end }, label: `IL line ${line.line + 1}` };
  }

  emit(...lines: string[]): void {
    for (const l of lines) {
      this.lines.push(l);
      this.origins.push(this.origin);
    }
  }

  /** `IF cond THEN body END_IF;` */
  guarded(cond: string, ...body: string[]): void {
    this.emit(`IF ${cond} THEN`, ...body.map((b) => `    ${b}`), 'END_IF;');
  }

  error(code: string, at: IlSpan, message: string): void {
    const span: Span = { file: this.file, start: at.start, end: at.end };
    this.diagnostics.push(diag(code, span, message));
  }

  newTemp(type: string): string {
    const name = `${this.prefix}_tmp${++this.counter}`;
    this.temporaries.push({ name, type });
    return name;
  }

  /** Saves a value in a fresh temporary; without a known type the CR is lost (IL1008 when read). */
  materialize(cr: Cr, why: string): Cr {
    if (cr.k !== 'value') return cr;
    if (cr.e.prec === 10 && cr.e.reads.size === 0 && !cr.e.impure) return cr;
    if (!cr.e.type) return { k: 'lost', why };
    const name = this.newTemp(cr.e.type);
    this.emit(`${name} := ${cr.e.text};`);
    return value(atom(name, [], cr.e.type));
  }

  /** The CR's expression for an instruction that reads it, or null after reporting why it has none. */
  read(cr: Cr, at: IlSpan, what: string): CrExpr | null {
    if (cr.k === 'value') return cr.e;
    if (cr.k === 'undefined') this.error('IL1005', at, `${what} reads the current result, which is undefined ${cr.why}`);
    if (cr.k === 'lost') this.error('IL1008', at, `${what} reads the current result, which must be kept in a temporary (${cr.why}) but its type cannot be inferred`);
    return null;
  }
}
