import type { FormatResult, LadderBody } from './format-result.js';

/**
 * A Logix project as read from L5X or L5K, before it becomes ST. Both readers fill this model and share one
 * emitter (rockwell-emit.ts), so the two formats give the same ST for the same project. All offsets are into
 * the container file.
 */
export interface RaTag {
  name: string;
  /** The Logix type as written (`DINT`, `TIMER`, `MyUDT`; `BIT` for UDT bit members). */
  type: string;
  /** Array lengths, outermost first; empty for a scalar. */
  dims: number[];
  /** `AliasFor` target, when the tag is an alias. */
  alias: string | null;
  /** AOI parameters only. */
  usage: 'Input' | 'Output' | 'InOut' | null;
  required: boolean;
  /** Initial value as ST text (`5`, `TRUE`, `(PRE := 5000)`), or null. */
  init: string | null;
  start: number;
}

export interface RaDataType {
  name: string;
  members: RaTag[];
  start: number;
}

export interface RaRungText {
  number: number;
  text: string;
  /** File offset of `text[0]`; exact when `verbatim`, else an anchor for the whole rung. */
  start: number;
  verbatim: boolean;
  comment: string | null;
}

export interface RaLine {
  text: string;
  start: number;
  verbatim: boolean;
}

export interface RaRoutine {
  name: string;
  /** `RLL`, `ST`, `FBD`, `SFC` (upper case). */
  type: string;
  rungs: RaRungText[];
  lines: RaLine[];
  start: number;
  /** Source protected: the logic is encrypted and cannot be read. */
  protected: boolean;
}

export interface RaAoi {
  name: string;
  params: RaTag[];
  locals: RaTag[];
  routines: RaRoutine[];
  start: number;
  protected: boolean;
}

export interface RaProgram {
  name: string;
  main: string | null;
  tags: RaTag[];
  routines: RaRoutine[];
  start: number;
}

export interface RaProject {
  file: string;
  controller: string;
  dataTypes: RaDataType[];
  aois: RaAoi[];
  tags: RaTag[];
  programs: RaProgram[];
  /** Where whole-file problems are reported. */
  start: number;
}

/** An RLL routine with its translation: a LadderBody whose language is always RLL. */
export type RllBody = LadderBody & { language: 'RLL' };

/** What the L5X and L5K readers return: the common reader result, with RLL ladders. */
export type RockwellResult = FormatResult & { ladders: RllBody[] };

export const emptyTag = (name: string, type: string, start: number): RaTag => ({
  name,
  type,
  dims: [],
  alias: null,
  usage: null,
  required: false,
  init: null,
  start,
});

/** Logix integer, real and boolean values (`1`, `1.50000000e+000`) as ST literals of the tag's type. */
export function scalarInit(type: string, raw: string): string | null {
  const v = raw.trim();
  const t = type.toUpperCase();
  if (!/^[+-]?(\d+(\.\d*)?([eE][+-]?\d+)?|16#[0-9A-Fa-f_]+|2#[01_]+|8#[0-7_]+)$/.test(v)) return null;
  if (t === 'BOOL' || t === 'BIT') return Number(v) ? 'TRUE' : 'FALSE';
  if (t === 'REAL' || t === 'LREAL') {
    const n = Number(v);
    if (!Number.isFinite(n)) return null;
    const s = String(n);
    return /[.eE]/.test(s) ? s : `${s}.0`;
  }
  if (/^(SINT|INT|DINT|LINT|USINT|UINT|UDINT|ULINT)$/.test(t)) return v.replace(/^\+/, '');
  return null;
}
