import type { CompilationUnit } from '../st/ast.js';
import type { Dialect } from '../st/dialect.js';
import { isCodesysFamily } from '../st/dialect.js';
import { parseSt } from '../st/parser.js';
import { SAFETY_FBS_ST } from '../../safety-blocks/registry.js';

/**
 * The standard function blocks as declaration text, in the two variants vendors ship: IEC 61131-3 names
 * (S/R1, R, LD, INT counters; also matiec/OpenPLC and SCL) and the CODESYS/TwinCAT Standard library names
 * (SET/RESET1, RESET, LOAD, WORD counters). They are parsed once per variant, with the PLCopen safety blocks'
 * declarations from safety-blocks/, and checked like user FBs.
 */

const timer = (n: string, t: string): string =>
  `FUNCTION_BLOCK ${n}\nVAR_INPUT IN : BOOL; PT : ${t}; END_VAR\nVAR_OUTPUT Q : BOOL; ET : ${t}; END_VAR\nEND_FUNCTION_BLOCK\n`;
const TIMERS = ['TON', 'TOF', 'TP'].map((n) => timer(n, 'TIME')).join('');
/** TIA Portal's multi-instance timer types (SCL declares `t : TON_TIME` or `IEC_TIMER`). */
const SIEMENS_TIMERS = [
  ...['TON_TIME', 'TOF_TIME', 'TP_TIME', 'IEC_TIMER'].map((n) => timer(n, 'TIME')),
  ...['TON_LTIME', 'TOF_LTIME', 'TP_LTIME', 'IEC_LTIMER'].map((n) => timer(n, 'LTIME')),
].join('');
const EDGES = ['R_TRIG', 'F_TRIG']
  .map((n) => `FUNCTION_BLOCK ${n}\nVAR_INPUT CLK : BOOL; END_VAR\nVAR_OUTPUT Q : BOOL; END_VAR\nEND_FUNCTION_BLOCK\n`)
  .join('');

const IEC_FBS = `${TIMERS}${SIEMENS_TIMERS}${EDGES}
FUNCTION_BLOCK CTU VAR_INPUT CU : BOOL; R : BOOL; PV : INT; END_VAR VAR_OUTPUT Q : BOOL; CV : INT; END_VAR END_FUNCTION_BLOCK
FUNCTION_BLOCK CTD VAR_INPUT CD : BOOL; LD : BOOL; PV : INT; END_VAR VAR_OUTPUT Q : BOOL; CV : INT; END_VAR END_FUNCTION_BLOCK
FUNCTION_BLOCK CTUD VAR_INPUT CU : BOOL; CD : BOOL; R : BOOL; LD : BOOL; PV : INT; END_VAR
VAR_OUTPUT QU : BOOL; QD : BOOL; CV : INT; END_VAR END_FUNCTION_BLOCK
FUNCTION_BLOCK SR VAR_INPUT S1 : BOOL; R : BOOL; END_VAR VAR_OUTPUT Q1 : BOOL; END_VAR END_FUNCTION_BLOCK
FUNCTION_BLOCK RS VAR_INPUT S : BOOL; R1 : BOOL; END_VAR VAR_OUTPUT Q1 : BOOL; END_VAR END_FUNCTION_BLOCK
FUNCTION_BLOCK IEC_COUNTER VAR_INPUT CU : BOOL; CD : BOOL; R : BOOL; LD : BOOL; PV : INT; END_VAR
VAR_OUTPUT QU : BOOL; QD : BOOL; CV : INT; END_VAR END_FUNCTION_BLOCK
`;

const CODESYS_FBS = `${TIMERS}${EDGES}
FUNCTION_BLOCK CTU VAR_INPUT CU : BOOL; RESET : BOOL; PV : WORD; END_VAR VAR_OUTPUT Q : BOOL; CV : WORD; END_VAR END_FUNCTION_BLOCK
FUNCTION_BLOCK CTD VAR_INPUT CD : BOOL; LOAD : BOOL; PV : WORD; END_VAR VAR_OUTPUT Q : BOOL; CV : WORD; END_VAR END_FUNCTION_BLOCK
FUNCTION_BLOCK CTUD VAR_INPUT CU : BOOL; CD : BOOL; RESET : BOOL; LOAD : BOOL; PV : WORD; END_VAR
VAR_OUTPUT QU : BOOL; QD : BOOL; CV : WORD; END_VAR END_FUNCTION_BLOCK
FUNCTION_BLOCK SR VAR_INPUT SET1 : BOOL; RESET : BOOL; END_VAR VAR_OUTPUT Q1 : BOOL; END_VAR END_FUNCTION_BLOCK
FUNCTION_BLOCK RS VAR_INPUT SET : BOOL; RESET1 : BOOL; END_VAR VAR_OUTPUT Q1 : BOOL; END_VAR END_FUNCTION_BLOCK
`;

/** The file name builtin declarations carry; diagnostics never point into it. */
export const BUILTIN_FILE = '<standard library>';

const cache = new Map<string, CompilationUnit>();

/** The standard and safety FBs for a dialect, parsed once per variant. */
export function builtinUnit(dialect: Dialect): CompilationUnit {
  const variant = isCodesysFamily(dialect) ? 'codesys' : 'iec';
  let unit = cache.get(variant);
  if (!unit) {
    const text = (variant === 'codesys' ? CODESYS_FBS : IEC_FBS) + SAFETY_FBS_ST;
    const r = parseSt(text, BUILTIN_FILE, variant === 'codesys' ? 'codesys' : 'iec');
    if (r.diagnostics.length > 0) throw new Error(`builtin declarations do not parse: ${r.diagnostics[0]!.message}`);
    unit = r.unit;
    cache.set(variant, unit);
  }
  return unit;
}
