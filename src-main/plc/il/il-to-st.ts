import type { Diagnostic } from '../diagnostics/diagnostic.js';
import type { LadderTranslation } from '../ladder/translation.js';
import { atom, binary, call, type CrExpr, not } from './il-expr.js';
import { collectLabels, labelTemporaries, type LabelInfo } from './il-labels.js';
import { ELEMENTARY, isStableTarget, operandReads, operandRoot, operandType } from './il-operand.js';
import { conversionTarget, isStandardFunction, type OperatorInfo, splitOperator } from './il-operators.js';
import { type IlInstruction, type IlLine, type IlOperand, type IlProgram, type IlSpan, parseIl } from './il-parser.js';
import { type Cr, IlOutput, undef, value } from './il-state.js';

export interface IlTranslateOptions {
  /** Declared type of a variable of the POU, for temporaries and to tell `S fb` (an RS input) from `S bool`. */
  typeOf?: (name: string) => string | undefined;
  /** Whether a name is a user function of the project, usable as an IL operator. */
  isFunction?: (name: string) => boolean;
  /** Prefix of generated temporaries; defaults to `_il`. */
  tempPrefix?: string;
}

export interface IlTranslation {
  translation: LadderTranslation;
  program: IlProgram;
  diagnostics: Diagnostic[];
}

/** Functions whose result has the type of their first input (the CR). */
const SAME_TYPE = new Set(['ABS', 'LIMIT', 'MAX', 'MIN', 'MOVE', 'SHL', 'SHR', 'ROL', 'ROR']);

interface Frame {
  info: OperatorInfo;
  n: boolean;
  outer: Cr;
  open: IlSpan;
}


/**
 * Translates IEC 61131-3 Instruction List to equivalent ST. The current result is tracked as an ST expression
 * (`LD a; AND b; ST x` gives `x := a AND b;`); it is saved in a temporary only where a jump, a write or a
 * user function call would otherwise change its meaning. What cannot be translated faithfully is reported, not
 * guessed.
 */
export function translateIl(text: string, file: string, opts: IlTranslateOptions = {}): IlTranslation {
  const program = parseIl(text, file);
  const t = new Translator(program, file, opts);
  t.run();
  return { translation: t.result(), program, diagnostics: [...program.diagnostics, ...t.out.diagnostics].sort((a, b) => a.span.start - b.span.start) };
}

class Translator {
  readonly out: IlOutput;
  private cr: Cr = undef('at the start of the body');
  private frames: Frame[] = [];
  private readonly labels = new Map<string, LabelInfo>();
  private dead = false;
  private readonly typeOf: (name: string) => string | undefined;

  constructor(
    private readonly program: IlProgram,
    file: string,
    private readonly opts: IlTranslateOptions,
  ) {
    this.out = new IlOutput(file, opts.tempPrefix ?? '_il');
    const lookup = opts.typeOf ?? (() => undefined);
    this.typeOf = (name) => lookup(name);
  }

  run(): void {
    const lines = this.program.lines;
    collectLabels(lines, this.opts.tempPrefix ?? '_il', this.labels, this.out);
    for (const l of lines) {
      this.out.at(l);
      if (l.label) this.label(l);
      if (l.instr?.kind === 'close') this.close(l.instr);
      else if (l.instr) this.instruction(l.instr);
    }
    for (const f of this.frames) this.out.error('IL1004', f.open, `'(' is never closed with ')'`);
  }

  result(): LadderTranslation {
    const temporaries = [...this.out.temporaries, ...labelTemporaries(this.labels, this.out)];
    const st = this.out.lines.length ? `${this.out.lines.join('\n')}\n` : '';
    return { st, lines: this.out.origins, temporaries };
  }

  private label(l: IlLine): void {
    const label = l.label!;
    const info = this.labels.get(label.name.toUpperCase());
    if (!info || info.line !== l.line || info.span.start !== label.start) return;
    if (this.frames.length) return this.out.error('IL1010', label, `label ${label.name} inside a parenthesised sequence is not translated`);
    if (info.temp) {
      if (!this.dead) this.carry(info, label, 'reaching the label');
      this.out.emit(`${label.name}:`);
      this.cr = value(atom(info.temp, [], info.types.find((t) => t) ?? null));
    } else {
      this.out.emit(`${label.name}:`);
      // Code after the label sets the CR before reading it, or no jump arrives: the CR simply flows on.
      if (info.reached) this.cr = undef(`after label ${label.name}, which a jump reaches`);
    }
    this.dead = false;
  }

  /** Stores the CR in the label's temporary before a jump or fall-through reaches it. */
  private carry(info: LabelInfo, at: IlSpan, how: string, known?: string): string | null {
    if (known) {
      info.types.push('BOOL');
      return `${info.temp} := ${known};`;
    }
    if (this.cr.k === 'error') return null;
    const e = this.out.read(this.cr, at, `${how} ${info.name}`);
    if (!e) return null;
    info.types.push(e.type);
    const line = `${info.temp} := ${e.text};`;
    if (how === 'reaching the label') this.out.emit(line);
    return line;
  }

  private close(c: IlSpan): void {
    const f = this.frames.pop();
    if (!f) return this.out.error('IL1004', c, `')' closes no parenthesis`);
    const inner = this.cr.k === 'error' || f.outer.k === 'error' ? null : this.out.read(this.cr, c, `')'`);
    if (!inner || f.outer.k !== 'value') {
      this.cr = { k: 'error' };
      return;
    }
    this.cr = this.combine(f.outer, f.info, f.n, inner);
  }

  private combine(outer: Cr & { k: 'value' }, info: OperatorInfo, n: boolean, right: CrExpr): Cr {
    const type = info.prec === 4 || info.prec === 5 ? 'BOOL' : (outer.e.type ?? right.type);
    return { k: 'value', e: binary(outer.e, info.st!, info.prec!, n ? not(right) : right, type), used: outer.used };
  }

  private operandExpr(op: IlOperand): CrExpr {
    return atom(op.text, operandReads(op.text), operandType(op.text, this.typeOf));
  }

  /** Checks operand count and kinds; false (after reporting) when the instruction cannot be translated. */
  private operands(instr: IlInstruction, min: number, max: number, target: boolean): boolean {
    const ops = instr.operands;
    if (ops.some((o) => o.kind === null)) return false;
    if (ops.length < min) {
      this.out.error('IL1002', { start: instr.wordSpan.end, end: instr.wordSpan.end }, `${instr.word} needs an operand`);
      return false;
    }
    if (ops.length > max) {
      this.out.error('IL1003', { start: ops[max]!.start, end: ops[ops.length - 1]!.end }, `${instr.word} takes ${max === 0 ? 'no operand' : max === 1 ? 'one operand' : `at most ${max} operands`}`);
      return false;
    }
    if (target && ops[0] && ops[0].kind === 'literal') {
      this.out.error('IL1003', ops[0], `${instr.word} needs a variable to write to, not the literal ${ops[0].text}`);
      return false;
    }
    return true;
  }

  /** Saves every pending value (outer parenthesised operands and the CR) that a write to `root` would change. */
  private protect(root: string | null, keepCurrent: boolean): void {
    if (!root) return;
    for (const f of this.frames) if (f.outer.k === 'value' && f.outer.e.reads.has(root)) f.outer = this.out.materialize(f.outer, `a write to ${root} would change it`);
    if (!keepCurrent && this.cr.k === 'value' && this.cr.e.reads.has(root)) this.cr = this.out.materialize(this.cr, `a write to ${root} would change it`);
  }

  /**
   * Reads the CR for a statement. A user function call in it must run once: it is saved in a temporary before its
   * first use where the type is known (`inline` for a store, whose target then stands for it); else it is used in
   * place once and a second use is IL1008.
   */
  private consume(at: IlSpan, what: string, inline = false): CrExpr | null {
    if (this.cr.k === 'error') return null;
    if (this.cr.k === 'value' && this.cr.e.impure) {
      if (this.cr.used) this.cr = { k: 'lost', why: 'it calls a user function that must not run twice' };
      else if (!inline && this.cr.e.type) this.cr = this.out.materialize(this.cr, '');
    }
    const e = this.out.read(this.cr, at, what);
    if (e && this.cr.k === 'value') this.cr.used = true;
    return e;
  }

  private instruction(instr: IlInstruction): void {
    if (instr.argsOpen && !instr.args) return void (this.cr = { k: 'error' });
    const split = splitOperator(instr.word);
    if (split && 'base' in split) return this.operator(instr, split.base, split.info, split.n, split.c);
    const fn = instr.word.toUpperCase();
    if (isStandardFunction(fn) || this.opts.isFunction?.(instr.word)) return this.functionCall(instr, fn);
    this.cr = { k: 'error' };
    if (split) return this.out.error('IL1012', instr.wordSpan, `${instr.word}: ${split.bad} does not take this modifier`);
    this.out.error('IL1001', instr.wordSpan, `unknown IL operator ${instr.word}`);
  }

  private functionCall(instr: IlInstruction, fn: string): void {
    const impure = !isStandardFunction(fn);
    const known = conversionTarget(fn);
    if (instr.args) {
      if (instr.args.some((a) => a.value.kind === null)) return void (this.cr = { k: 'error' });
      const text = instr.args.map((a) => `${a.name} ${a.output ? '=>' : ':='} ${a.value.text}`).join(', ');
      this.cr = value(call(instr.word, instr.args.map((a) => this.operandExpr(a.value)), text, known, impure));
      return;
    }
    if (!this.operands(instr, 0, Infinity, false)) return void (this.cr = { k: 'error' });
    const first = this.consume(instr.wordSpan, instr.word);
    if (!first) return void (this.cr = { k: 'error' });
    const args = [first, ...instr.operands.map((o) => this.operandExpr(o))];
    const type = known ?? (SAME_TYPE.has(fn) ? first.type : null);
    this.cr = value(call(instr.word, args, args.map((a) => a.text).join(', '), type, impure));
  }

  private operator(instr: IlInstruction, base: string, info: OperatorInfo, n: boolean, c: boolean): void {
    const cls = info.cls;
    if (this.frames.length && (cls === 'jump' || cls === 'call' || cls === 'return')) {
      this.cr = { k: 'error' };
      return this.out.error('IL1010', instr.wordSpan, `${instr.word} inside a parenthesised sequence is not translated`);
    }
    const op = instr.operands[0];
    switch (cls) {
      case 'load':
        if (!this.operands(instr, 1, 1, false)) return void (this.cr = { k: 'error' });
        this.cr = value(n ? not(this.operandExpr(op!)) : this.operandExpr(op!));
        return;
      case 'not': {
        if (!this.operands(instr, 0, 0, false)) return void (this.cr = { k: 'error' });
        const e = this.cr.k === 'error' ? null : this.out.read(this.cr, instr.wordSpan, 'NOT');
        this.cr = e ? { k: 'value', e: not(e), used: this.cr.k === 'value' && this.cr.used } : { k: 'error' };
        return;
      }
      case 'binary':
        return this.binaryOp(instr, info, n);
      case 'store':
      case 'set':
      case 'fbInput':
        return this.write(instr, base, cls, n);
      case 'jump':
        return this.jump(instr, c, n);
      case 'call':
        return this.cal(instr, c, n);
      case 'return': {
        if (!this.operands(instr, 0, 0, false)) return;
        if (!c) {
          this.out.emit('RETURN;');
          this.dead = true;
          this.cr = undef('after RET');
          return;
        }
        const cond = this.consume(instr.wordSpan, instr.word);
        if (cond) this.out.guarded(n ? not(cond).text : cond.text, 'RETURN;');
        return;
      }
    }
  }

  private binaryOp(instr: IlInstruction, info: OperatorInfo, n: boolean): void {
    if (!this.operands(instr, instr.paren ? 0 : 1, 1, false)) return void (this.cr = { k: 'error' });
    const outer = this.cr.k === 'error' ? null : this.out.read(this.cr, instr.wordSpan, instr.word);
    const op = instr.operands[0];
    if (instr.paren) {
      this.frames.push({ info, n, outer: outer ? this.cr : { k: 'error' }, open: instr.paren });
      this.cr = op ? value(this.operandExpr(op)) : undef(`at the start of the sequence opened by ${instr.word}(`);
      return;
    }
    if (!outer || this.cr.k !== 'value') return void (this.cr = { k: 'error' });
    this.cr = this.combine(this.cr, info, n, this.operandExpr(op!));
  }

  private write(instr: IlInstruction, base: string, cls: 'store' | 'set' | 'fbInput', n: boolean): void {
    if (!this.operands(instr, 1, 1, true)) return;
    const target = instr.operands[0]!.text;
    const root = operandRoot(target);
    const declared = root ? this.typeOf(target)?.toUpperCase() : undefined;
    const isFb = cls === 'fbInput' || (cls === 'set' && /^[A-Za-z_]\w*$/.test(target) && declared !== undefined && !ELEMENTARY.has(declared));
    const stable = cls === 'store' && isStableTarget(target);
    this.protect(root, true);
    // The write itself still reads the CR as it is; later reads need it saved first, if its type allows.
    let lose = false;
    if (!stable && root && this.cr.k === 'value' && this.cr.e.reads.has(root)) {
      const saved = this.out.materialize(this.cr, isFb ? `calling ${target} changes its outputs` : `the write to ${target} changes it`);
      lose = saved.k === 'lost';
      if (!lose) this.cr = saved;
    }
    const e = this.consume(instr.wordSpan, instr.word, stable);
    if (!e) return;
    if (isFb) this.out.emit(`${target}(${base} := ${e.text});`);
    else if (cls === 'set') this.out.guarded(e.text, `${target} := ${base === 'S' ? 'TRUE' : 'FALSE'};`);
    else this.out.emit(`${target} := ${n ? not(e).text : e.text};`);
    if (lose) this.cr = { k: 'lost', why: `the write to ${target} changes it` };
    const atomic = /^[^\s(),]+$/.test(e.text) && !e.impure;
    if (stable && this.cr.k === 'value' && (!atomic || (root !== null && this.cr.e.reads.has(root)))) {
      const stored = atom(target, operandReads(target), e.type);
      this.cr = value(n ? not(stored) : stored);
    }
  }

  private jump(instr: IlInstruction, c: boolean, n: boolean): void {
    if (!this.operands(instr, 1, 1, false)) return;
    const name = instr.operands[0]!.text;
    const info = this.labels.get(name.toUpperCase());
    if (!info) this.out.error('IL1006', instr.operands[0]!, `jump to ${name}, which no label of this body defines`);
    const target = info?.name ?? name;
    if (!c) {
      const keep = info?.temp ? this.carry(info, instr.wordSpan, 'JMP to') : null;
      this.out.emit(...(keep ? [keep] : []), `JMP ${target};`);
      this.dead = true;
      this.cr = undef('after an unconditional JMP');
      return;
    }
    const cond = this.consume(instr.wordSpan, instr.word);
    if (!cond) return;
    const keep = info?.temp ? this.carry(info, instr.wordSpan, instr.word, n ? 'FALSE' : 'TRUE') : null;
    this.out.guarded(n ? not(cond).text : cond.text, ...(keep ? [keep] : []), `JMP ${target};`);
  }

  private cal(instr: IlInstruction, c: boolean, n: boolean): void {
    if (!this.operands(instr, 1, 1, false)) return void (this.cr = { k: 'error' });
    if (instr.args?.some((a) => a.value.kind === null)) return void (this.cr = { k: 'error' });
    const fb = instr.operands[0]!.text;
    const stmt = `${fb}(${(instr.args ?? []).map((a) => `${a.name} ${a.output ? '=>' : ':='} ${a.value.text}`).join(', ')});`;
    if (c) {
      const cond = this.consume(instr.wordSpan, instr.word);
      if (cond) this.out.guarded(n ? not(cond).text : cond.text, stmt);
    } else this.out.emit(stmt);
    this.cr = undef('after CAL');
  }
}
