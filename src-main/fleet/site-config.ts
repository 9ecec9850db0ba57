import { LineCounter, parseDocument, type Document } from 'yaml';
import {
  DECLARABLE_SOURCE_ENCODINGS,
  PLATFORMS,
  type ConfigProblem,
  type Platform,
  type SiteConfig,
  type SiteSafety,
} from '../../src-shared/model/site.js';
import { parseDurationMs } from './duration.js';
import { globProblem } from './glob.js';
import { yamlNestingProblem } from './yaml-nesting.js';

/** site.yaml files are a few hundred bytes; anything this large is not one and is refused before parsing. */
export const MAX_SITE_YAML_BYTES = 256 * 1024;

const ID_RE = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;
/** A PLC variable as site.yaml may name it: `EStop_OK`, `GVL.EStop_OK` or a located address `%IX0.1`. */
const VAR_RE = /^(%[IQM][XBWDL]?\d+(\.\d+)*|[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_]*)*)$/;
const IDENT_RE = /^[A-Za-z_][A-Za-z0-9_]*$/;
const TOP_KEYS = ['id', 'name', 'platform', 'plant', 'description', 'sources', 'entry', 'cycle', 'safety', 'scenarios', 'encoding'];
const SAFETY_KEYS = ['estops', 'guards', 'hazardous_outputs', 'reaction_ms', 'reset', 'pous'];

export interface SiteConfigResult {
  config: SiteConfig | null;
  problems: ConfigProblem[];
}

function describe(v: unknown): string {
  if (v === null || v === undefined) return 'nothing';
  if (Array.isArray(v)) return 'a list';
  if (typeof v === 'object') return 'a mapping';
  return JSON.stringify(v);
}

/**
 * Parses and validates one site.yaml. Never throws: every problem names the file, the key (dotted, as written
 * in the YAML) and the line, and says what was expected. `config` is null when any error was found, because a
 * half-read safety block must never be used as if it were complete.
 */
export function parseSiteConfig(text: string, file: string): SiteConfigResult {
  const problems: ConfigProblem[] = [];
  const lines = new LineCounter();
  if (text.length > MAX_SITE_YAML_BYTES) {
    return { config: null, problems: [{ file, line: null, field: null, message: `file is larger than ${MAX_SITE_YAML_BYTES} bytes; not a site.yaml` }] };
  }
  const deep = yamlNestingProblem(text);
  if (deep) return { config: null, problems: [{ file, line: deep.line, field: null, message: deep.message }] };
  let doc: Document;
  try {
    doc = parseDocument(text, { lineCounter: lines, uniqueKeys: true });
  } catch (err) {
    return { config: null, problems: [{ file, line: null, field: null, message: `not valid YAML: ${String(err)}` }] };
  }
  for (const e of doc.errors) {
    const line = e.linePos?.[0]?.line ?? null;
    problems.push({ file, line, field: null, message: `not valid YAML: ${e.message.split('\n')[0]}` });
  }
  if (problems.length) return { config: null, problems };

  const lineOf = (path: (string | number)[]): number | null => {
    const node = doc.getIn(path, true) as { range?: [number, number, number] } | undefined;
    const parentNode = path.length ? (doc.getIn(path.slice(0, -1), true) as { range?: [number, number, number] } | undefined) : undefined;
    const offset = node?.range?.[0] ?? parentNode?.range?.[0];
    return offset === undefined ? null : lines.linePos(offset).line;
  };
  const fail = (path: (string | number)[], message: string): void => {
    const field = path.length ? path.map((p) => (typeof p === 'number' ? `[${p}]` : p)).join('.').replace(/\.\[/g, '[') : null;
    problems.push({ file, line: lineOf(path), field, message: field ? `${field}: ${message}` : message });
  };

  let raw: unknown;
  try {
    raw = doc.toJS({ maxAliasCount: 50 });
  } catch (err) {
    return { config: null, problems: [{ file, line: null, field: null, message: `YAML could not be read: ${String(err)}` }] };
  }
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) {
    fail([], `expected a mapping of keys (id, name, platform, sources, entry, cycle, safety), got ${describe(raw)}`);
    return { config: null, problems };
  }
  const top = raw as Record<string, unknown>;

  const str = (path: string[], v: unknown, what: string, re?: RegExp, optional = false): string | null => {
    if (v === undefined || v === null) {
      if (!optional) fail(path, `is required: expected ${what}`);
      return null;
    }
    if (typeof v !== 'string' || v.trim() === '' || (re && !re.test(v.trim()))) {
      fail(path, `expected ${what}, got ${describe(v)}`);
      return null;
    }
    return v.trim();
  };
  const list = (path: (string | number)[], v: unknown, what: string, check: (s: string) => string | null, optional: boolean): string[] => {
    if (v === undefined || v === null) {
      if (!optional) fail(path, `is required: expected a list of ${what}`);
      return [];
    }
    const items = typeof v === 'string' ? [v] : v;
    if (!Array.isArray(items)) {
      fail(path, `expected a list of ${what}, got ${describe(v)}`);
      return [];
    }
    const out: string[] = [];
    items.forEach((item, i) => {
      const p = typeof v === 'string' ? path : [...path, i];
      if (typeof item !== 'string' || item.trim() === '') return fail(p, `expected ${what}, got ${describe(item)}`);
      const why = check(item.trim());
      if (why) return fail(p, why);
      out.push(item.trim());
    });
    return out;
  };
  const varCheck = (s: string): string | null => (VAR_RE.test(s) ? null : `"${s}" is not a PLC variable name or address`);

  const id = str(['id'], top['id'], 'a site id of letters, digits, ".", "_" or "-" (e.g. press-line-2)', ID_RE);
  const name = str(['name'], top['name'], 'a display name');
  const platformRaw = str(['platform'], top['platform'], `one of ${PLATFORMS.join(' | ')}`);
  let platform: Platform | null = null;
  if (platformRaw !== null) {
    const p = platformRaw.toLowerCase();
    if ((PLATFORMS as readonly string[]).includes(p)) platform = p as Platform;
    else fail(['platform'], `expected one of ${PLATFORMS.join(' | ')}, got ${JSON.stringify(platformRaw)}`);
  }
  const plant = str(['plant'], top['plant'], 'a plant name', undefined, true);
  const description = str(['description'], top['description'], 'a one-line description', undefined, true);
  const sources = list(['sources'], top['sources'], 'globs relative to the site folder (e.g. "src/*.st")', globProblem, false);
  if (top['sources'] !== undefined && Array.isArray(top['sources']) && top['sources'].length === 0) {
    fail(['sources'], 'expected at least one glob (e.g. "src/*.st")');
  }
  const entry = str(['entry'], top['entry'], 'the name of the PROGRAM run each cycle (e.g. Main)', IDENT_RE);
  let cycleMs: number | null = null;
  if (top['cycle'] === undefined) fail(['cycle'], 'is required: expected a cycle time such as 10ms');
  else {
    cycleMs = parseDurationMs(top['cycle']);
    if (cycleMs === null || cycleMs <= 0 || cycleMs > 60_000) {
      fail(['cycle'], `expected a cycle time between 0 and 60s such as 10ms, got ${describe(top['cycle'])}`);
      cycleMs = null;
    }
  }
  const scenarios = list(['scenarios'], top['scenarios'], 'globs of scenario files (e.g. "tests/*.yaml")', globProblem, true);
  const encodingRaw = str(['encoding'], top['encoding'], `one of ${DECLARABLE_SOURCE_ENCODINGS.join(' | ')}`, undefined, true);
  let encoding: SiteConfig['encoding'] = null;
  if (encodingRaw !== null) {
    const e = encodingRaw.toLowerCase().replace(/^cp-?(125[02])$/, 'windows-$1').replace(/^utf8$/, 'utf-8');
    if ((DECLARABLE_SOURCE_ENCODINGS as readonly string[]).includes(e)) encoding = e as SiteConfig['encoding'];
    else fail(['encoding'], `expected one of ${DECLARABLE_SOURCE_ENCODINGS.join(' | ')} (a file with a BOM is always read by its BOM), got ${JSON.stringify(encodingRaw)}`);
  }
  const safety = readSafety(top['safety'], fail, list, str, varCheck);

  for (const key of Object.keys(top)) {
    if (!TOP_KEYS.includes(key) && !key.startsWith('x-')) {
      const near = TOP_KEYS.find((k) => editDistance(k, key.toLowerCase().replace(/-/g, '_')) <= 2);
      if (near) fail([key], `unknown key; did you mean "${near}"?`);
    }
  }

  if (problems.length || !id || !name || !platform || !entry || cycleMs === null || !safety) return { config: null, problems };
  return {
    config: { id, name, platform, plant, description, sources, entry, cycleMs, safety, scenarios, ...(encoding ? { encoding } : {}) },
    problems,
  };
}

/** Levenshtein distance, for "did you mean" on misspelt keys (short strings only). */
function editDistance(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++) cur[j] = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    prev = cur;
  }
  return prev[b.length]!;
}

function readSafety(
  v: unknown,
  fail: (path: (string | number)[], message: string) => void,
  list: (path: (string | number)[], v: unknown, what: string, check: (s: string) => string | null, optional: boolean) => string[],
  str: (path: string[], v: unknown, what: string, re?: RegExp, optional?: boolean) => string | null,
  varCheck: (s: string) => string | null,
): SiteSafety | null {
  if (v === undefined || v === null) {
    // Absent safety block: later stages infer what they can, and say so in their reports.
    return { estops: [], guards: [], hazardousOutputs: [], reactionMs: null, reset: null, pous: [] };
  }
  if (typeof v !== 'object' || Array.isArray(v)) {
    fail(['safety'], `expected a mapping with ${SAFETY_KEYS.join(', ')}, got ${describe(v)}`);
    return null;
  }
  const s = v as Record<string, unknown>;
  // A misspelt safety key would silently drop an e-stop or a hazardous output, so every unknown key is an error.
  let ok = true;
  for (const key of Object.keys(s)) {
    if (!SAFETY_KEYS.includes(key)) {
      fail(['safety', key], `unknown safety key; expected one of ${SAFETY_KEYS.join(', ')}`);
      ok = false;
    }
  }
  const estops = list(['safety', 'estops'], s['estops'], 'e-stop input names', varCheck, true);
  const guards = list(['safety', 'guards'], s['guards'], 'guard input names', varCheck, true);
  const hazardousOutputs = list(['safety', 'hazardous_outputs'], s['hazardous_outputs'], 'output names', varCheck, true);
  const pous = list(['safety', 'pous'], s['pous'], 'POU names', (p) => (IDENT_RE.test(p) ? null : `"${p}" is not a POU name`), true);
  const reset = str(['safety', 'reset'], s['reset'], 'the manual reset input name', VAR_RE, true);
  let reactionMs: number | null = null;
  if (s['reaction_ms'] !== undefined && s['reaction_ms'] !== null) {
    reactionMs = parseDurationMs(s['reaction_ms']);
    if (reactionMs === null || reactionMs <= 0) {
      fail(['safety', 'reaction_ms'], `expected a positive reaction time in milliseconds, got ${describe(s['reaction_ms'])}`);
      ok = false;
    }
  } else if (hazardousOutputs.length > 0) {
    fail(['safety', 'reaction_ms'], 'is required when hazardous_outputs are listed: expected milliseconds, e.g. 20');
    ok = false;
  }
  return ok ? { estops, guards, hazardousOutputs, reactionMs, reset, pous } : null;
}
