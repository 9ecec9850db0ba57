import type { JsonSchema } from '../llm/provider.js';

function typeOf(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'array';
  if (typeof v === 'number') return Number.isInteger(v) ? 'integer' : 'number';
  return typeof v;
}

function matches(v: unknown, type: string): boolean {
  const t = typeOf(v);
  return t === type || (type === 'number' && t === 'integer');
}

/**
 * Checks a tool call's parsed arguments against the tool's (flat, object) JSON schema: an object, every required
 * property present, each property of its declared type (and enum), no unknown properties. Returns the problems,
 * each naming the property, or an empty list.
 */
export function validateArgs(schema: JsonSchema, args: unknown): string[] {
  if (typeOf(args) !== 'object') return [`the arguments must be a JSON object, got ${typeOf(args)}`];
  const obj = args as Record<string, unknown>;
  const props = (schema.properties ?? {}) as Record<string, { type?: string; enum?: unknown[] }>;
  const required = (schema.required ?? []) as string[];
  const problems: string[] = [];
  for (const r of required) if (!(r in obj)) problems.push(`missing required property "${r}"`);
  for (const [k, v] of Object.entries(obj)) {
    const p = props[k];
    if (!p) {
      problems.push(`unknown property "${k}" (allowed: ${Object.keys(props).join(', ') || 'none'})`);
      continue;
    }
    if (p.type && !matches(v, p.type)) problems.push(`property "${k}" must be ${p.type}, got ${typeOf(v)}`);
    else if (p.enum && !p.enum.includes(v)) problems.push(`property "${k}" must be one of ${p.enum.map((e) => JSON.stringify(e)).join(', ')}`);
  }
  return problems;
}
