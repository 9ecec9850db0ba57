/**
 * The Logix instructions the RLL reader knows, with their operand counts. `translated: false` marks valid
 * instructions that the ST translation does not cover yet: they are accepted, reported, and left out.
 */
export interface InstructionInfo {
  min: number;
  /** Infinity for variadic instructions (JSR, SBR, RET). */
  max: number;
  translated: boolean;
  /** Operand positions where `?` is legal (timer/counter preset and accumulator live in the tag). */
  placeholders?: readonly number[];
}

const t = (min: number, max = min, placeholders?: readonly number[]): InstructionInfo => ({ min, max, translated: true, placeholders });
const u = (min: number, max = min): InstructionInfo => ({ min, max, translated: false });

export const INSTRUCTIONS: ReadonlyMap<string, InstructionInfo> = new Map<string, InstructionInfo>([
  ['XIC', t(1)], ['XIO', t(1)], ['OTE', t(1)], ['OTL', t(1)], ['OTU', t(1)],
  ['ONS', t(1)], ['OSR', t(2)], ['OSF', t(2)],
  ['TON', t(3, 3, [1, 2])], ['TOF', t(3, 3, [1, 2])], ['RTO', t(3, 3, [1, 2])],
  ['CTU', t(3, 3, [1, 2])], ['CTD', t(3, 3, [1, 2])], ['RES', t(1)],
  ['MOV', t(2)], ['CPT', t(2)], ['ADD', t(3)], ['SUB', t(3)], ['MUL', t(3)], ['DIV', t(3)], ['MOD', t(3)],
  ['AND', t(3)], ['OR', t(3)], ['XOR', t(3)], ['NOT', t(2)], ['NEG', t(2)], ['ABS', t(2)], ['SQR', t(2)], ['SQRT', t(2)],
  ['CLR', t(1)],
  ['EQU', t(2)], ['NEQ', t(2)], ['GRT', t(2)], ['GES', t(2)], ['LES', t(2)], ['LEQ', t(2)], ['LIM', t(3)], ['CMP', t(1)],
  ['JSR', t(1, Infinity)], ['SBR', t(0, Infinity)], ['RET', t(0, Infinity)],
  ['JMP', t(1)], ['LBL', t(1)], ['AFI', t(0)], ['NOP', t(0)],
  ['TND', u(0)], ['MCR', u(0)], ['UID', u(0)], ['UIE', u(0)], ['COP', u(3)], ['CPS', u(3)], ['FLL', u(3)],
  ['GSV', u(4)], ['SSV', u(4)], ['MSG', u(1)], ['BTD', u(5)], ['MVM', u(3)], ['SWPB', u(3)], ['BSL', u(4)], ['BSR', u(4)],
  ['FFL', u(5)], ['FFU', u(5)], ['LFL', u(5)], ['LFU', u(5)], ['FAL', u(7)], ['FSC', u(6)], ['PID', u(13)],
  ['MEQ', u(3)], ['TRN', u(2)], ['FRD', u(2)], ['TOD', u(2)], ['DEG', u(2)], ['RAD', u(2)], ['SIN', u(2)],
  ['COS', u(2)], ['TAN', u(2)], ['LN', u(2)], ['LOG', u(2)], ['XPY', u(3)], ['IOT', u(1)], ['EVENT', u(1)],
]);

/** What the parser needs to know about an Add-On Instruction: its required parameters, in declaration order. */
export interface AoiSignature {
  name: string;
  /** Required parameters other than EnableIn/EnableOut: one rung operand each, after the instance tag. */
  required: { name: string; usage: 'Input' | 'Output' | 'InOut' }[];
}

/** Upper-cased AOI name -> signature. */
export type AoiTable = ReadonlyMap<string, AoiSignature>;
