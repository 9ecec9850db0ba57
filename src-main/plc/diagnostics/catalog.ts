import type { Diagnostic, RelatedInfo, Severity, Span } from './diagnostic.js';
import { FORMAT_CODES } from './codes-formats.js';
import { IL_CODES } from './codes-il.js';
import { LADDER_CODES } from './codes-ladder.js';
import { SEMANTIC_CODES } from './codes-semantic.js';
import { SYNTAX_CODES } from './codes-syntax.js';

export interface CodeInfo {
  code: string;
  severity: Severity;
  /** One line, shown in listings. */
  title: string;
  /** Why this matters and how to fix it, shown by `plantshift explain CODE`. */
  explanation: string;
}

/**
 * The one catalog of diagnostic codes: ST1xxx syntax, ST2xxx semantic, FMT1xxx file formats (XML, L5X, L5K),
 * LD1xxx ladder. Each domain keeps its table in its own file; they are merged and checked for clashes here.
 */
export const CATALOG: ReadonlyMap<string, CodeInfo> = (() => {
  const all = new Map<string, CodeInfo>();
  for (const table of [SYNTAX_CODES, SEMANTIC_CODES, FORMAT_CODES, LADDER_CODES, IL_CODES]) {
    for (const info of table) {
      if (all.has(info.code)) throw new Error(`diagnostic code ${info.code} is defined twice`);
      all.set(info.code, info);
    }
  }
  return all;
})();

export function codeInfo(code: string): CodeInfo | undefined {
  return CATALOG.get(code.toUpperCase());
}

/** Builds a diagnostic with the catalog's severity; an unknown code is a programming error. */
export function diag(code: string, span: Span, message: string, related: RelatedInfo[] = []): Diagnostic {
  const info = CATALOG.get(code);
  if (!info) throw new Error(`unknown diagnostic code ${code}`);
  return { code, severity: info.severity, message, span, related };
}
