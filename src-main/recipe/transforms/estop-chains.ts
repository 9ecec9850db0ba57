import { findAll, type Codemod, type Span } from '../../plc/edit/codemod.js';
import { key, type AnyNode, type Binary, type CallArg, type Expression, type Name, type Statement } from '../../plc/st/ast.js';
import { walk } from '../../plc/st/walk.js';

/** A read of an e-stop input the rewrite left alone, at `offset` of the original text, and why. */
export interface LeftRead {
  offset: number;
  message: string;
}

const HEALTHY = 'EStop_Healthy';

const isAnd = (e: AnyNode): e is Binary => e.kind === 'Binary' && e.op === 'AND';

/** `a AND b AND c` nests to the left in the tree; as written it is one flat list of terms. */
export function chainOperands(e: Expression): Expression[] {
  return isAnd(e) ? [...chainOperands(e.left), ...chainOperands(e.right)] : [e];
}

const hasComment = (text: string): boolean => /\/\/|\(\*|\/\*/.test(text);
const touchesWord = (ch: string | undefined): boolean => ch !== undefined && /[\w"#]/.test(ch);

/**
 * Replaces, in `body`, every group of e-stop terms that together stand for "all e-stops healthy" by one
 * `EStop_Healthy` term: the adjacent run of all e-stops inside an AND chain (only those bytes, so the layout
 * of multi-line gating stays), a parenthesised chain of nothing but the e-stops, and with a single e-stop its
 * reads in AND chains and under NOT. What would need judgment (a chain gated by only some e-stops, terms
 * apart, a call argument, any other read) is left as written and returned, so the agent is told about it.
 */
export function replaceEstopReads(mod: Codemod, body: readonly Statement[], estops: readonly string[]): LeftRead[] {
  const wanted = new Set(estops.map(key));
  const single = wanted.size === 1;
  const left: LeftRead[] = [];
  const isEstop = (e: AnyNode): e is Name => e.kind === 'Name' && wanted.has(key(e.id.name));
  // SCL writes globals as "Name": the new term is spelled the way the term it replaces was.
  const healthyFor = (like: Name): string => (like.id.quoting === 'quoted' ? `"${HEALTHY}"` : HEALTHY);
  const namesIn = (e: AnyNode): string[] => [...new Set(findAll(e, 'Name', isEstop).map((n) => n.id.name))];

  const onlyEstops = (e: Expression): Name | null => {
    const ops = chainOperands(e);
    if (!ops.every(isEstop)) return null;
    return new Set(ops.map((o) => key(o.id.name))).size === wanted.size ? ops[0]! : null;
  };

  /** Dropping parentheses must not glue the name to a neighbouring word (`NOT(a AND b)`). */
  const replaceSpaced = (span: Span, text: string): void => {
    const before = touchesWord(mod.text[span.start - 1]) ? ' ' : '';
    const after = touchesWord(mod.text[span.end]) ? ' ' : '';
    mod.replace(span, before + text + after);
  };

  const callArg = (a: CallArg): void => {
    // An e-stop wired straight into a block input (a safety FB's S_EStopIn) stays wired to the device.
    if (!a.value || a.assign === '=>' || isEstop(a.value)) return;
    const names = namesIn(a.value);
    if (names.length) left.push({ offset: a.start, message: `a call argument reads ${names.join(', ')}: left as it was, since this step does not rewrite call arguments` });
  };

  const chain = (root: Binary): void => {
    const ops = chainOperands(root);
    const at = ops.flatMap((o, i) => (isEstop(o) ? [i] : []));
    if (at.length) {
      const first = ops[at[0]!] as Name;
      const last = ops[at[at.length - 1]!]!;
      const present = new Set(at.map((i) => key((ops[i] as Name).id.name)));
      const missing = estops.filter((e) => !present.has(key(e)));
      const adjacent = at[at.length - 1]! - at[0]! + 1 === at.length;
      const span = { start: first.start, end: last.end };
      if (missing.length) {
        const read = estops.filter((e) => present.has(key(e)));
        left.push({ offset: root.start, message: `an AND chain reads ${read.join(', ')} but not ${missing.join(', ')}: left as it was, since adding or removing an e-stop term would change the machine` });
      } else if (!adjacent) left.push({ offset: root.start, message: `an AND chain reads every e-stop, but not side by side: left as it was` });
      else if (hasComment(mod.text.slice(span.start, span.end))) left.push({ offset: root.start, message: `an AND chain has a comment between its e-stop terms: left as it was` });
      else mod.replace(span, healthyFor(first));
    }
    ops.forEach((o, i) => {
      if (!at.includes(i)) walk(o, visit);
    });
  };

  const visit = (n: AnyNode): boolean => {
    switch (n.kind) {
      case 'Assign':
        walk(n.value, visit);
        return false;
      case 'Call':
        n.args.forEach(callArg);
        return false;
      case 'Paren': {
        const like = onlyEstops(n.expr);
        if (!like) return true;
        replaceSpaced(n, healthyFor(like));
        return false;
      }
      case 'Unary':
        if (!single || n.op !== 'NOT' || !isEstop(n.operand)) return true;
        mod.replace(n.operand, healthyFor(n.operand));
        return false;
      case 'Binary':
        if (n.op !== 'AND') return true;
        chain(n);
        return false;
      case 'Name':
        if (isEstop(n)) left.push({ offset: n.start, message: `${n.id.name} is read outside an AND chain: left as it was` });
        return false;
      default:
        return true;
    }
  };

  for (const stmt of body) walk(stmt, visit);
  return left;
}
