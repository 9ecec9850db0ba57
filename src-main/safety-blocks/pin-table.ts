/**
 * The pin semantics of all blocks as the static safety verifier looks them up: by block and pin name in any
 * case, with unknown blocks and pins answered null / empty.
 */
import { key } from '../plc/st/ast.js';
import type { OutputImplication, SafetyInput, SfPinRole } from './core/pins.js';
import { SAFETY_BLOCKS, SAFETY_BLOCKS_BY_KEY } from './registry.js';

const ROLES: Readonly<Record<string, Readonly<Record<string, SfPinRole>>>> = Object.fromEntries(SAFETY_BLOCKS.map((b) => [b.name, b.pins.roles]));

const BY_KEY = new Map(Object.entries(ROLES).map(([fb, pins]) => [key(fb), new Map(Object.entries(pins).map(([p, r]) => [key(p), r]))]));

/** The blocks and pins the table covers, as the standard spells them (for completeness checks). */
export function sfPinTable(): Readonly<Record<string, Readonly<Record<string, SfPinRole>>>> {
  return ROLES;
}

/** The role of an input of an SF block; null for a block or pin the table does not know. */
export function sfPinRole(fbType: string, pin: string): SfPinRole | null {
  return BY_KEY.get(key(fbType))?.get(key(pin)) ?? null;
}

/** Blocks with a restart interlock in the enabling output (upper-case block name → that output). */
export const RESTART_INTERLOCK_BLOCKS: Readonly<Record<string, string>> = Object.fromEntries(
  SAFETY_BLOCKS.flatMap((b) => (b.pins.restartInterlock ? [[key(b.name), b.pins.restartInterlock]] : [])),
);

/** Inputs through which an SF block reads e-stop and guard devices (upper-case block name → inputs). */
export const SF_SAFETY_INPUTS: Readonly<Record<string, readonly SafetyInput[]>> = Object.fromEntries(
  SAFETY_BLOCKS.flatMap((b) => (b.pins.safetyInputs.length ? [[key(b.name), b.pins.safetyInputs]] : [])),
);

/** Time inputs of any SF block that bound a reaction (lengthening them delays a safety function). */
export const SF_TIME_INPUTS: readonly string[] = [...new Set(SAFETY_BLOCKS.flatMap((b) => b.pins.timeInputs))];

/** What the BOOL outputs of a block guarantee (none for a block the registry does not know). */
export function sfOutputImplications(fbType: string): readonly OutputImplication[] {
  return SAFETY_BLOCKS_BY_KEY.get(key(fbType))?.pins.implications ?? [];
}
