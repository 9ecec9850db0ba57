import type { EvidenceLocation, EvidenceTrace } from '../evidence/report.js';

export type PropertyStatus = 'proved' | 'violated' | 'unsupported' | 'timeout';

export interface UnsupportedConstruct {
  construct: string;
  /** Null for something about the whole site (entry program, site.yaml signals). */
  location: EvidenceLocation | null;
}

export interface PropertyResult {
  id: 'estop' | 'reset' | 'guard' | 'equivalence';
  rule: 'BMC-ESTOP' | 'BMC-RESET' | 'BMC-GUARD' | 'BMC-EQUIV';
  /** The property exactly as encoded. */
  statement: string;
  status: PropertyStatus;
  /** The counterexample (violated only). */
  trace: EvidenceTrace | null;
  /** Violated: the counterexample has every scan exactly one cycle long (else it needs scan-time jitter). */
  nominalTiming: boolean | null;
  /** Violated: replaying the trace's inputs on the soft-PLC violates the property there too; null if not replayed. */
  confirmed: boolean | null;
  unsupported: UnsupportedConstruct[];
  /** Why it holds trivially, why it could not be checked, or what the replay showed. */
  note: string | null;
  durationMs: number;
}

export interface FormalResult {
  siteId: string;
  version: 'before' | 'after';
  /** Number of scans unrolled: 'proved' means no violation within this many scans from the initial state. */
  bound: number;
  properties: PropertyResult[];
  /** Every abstraction the encoding made, in words (each havoc with its file:line). */
  abstractions: string[];
  /** The over-approximations inside the cone of influence: what was havocked, and where. */
  havocs: { what: string; file: string | null; line: number | null }[];
  encodeMs: number;
  durationMs: number;
}
