/**
 * The verification report: what every stage found, with the evidence a safety officer needs to check a
 * verdict without trusting the tool. Only data: it is stored with the change, shown in the UI and rendered to
 * HTML. The types live below safety/, formal/, sim/ and verify/ so that each of them imports them and none
 * imports another for them.
 *
 * Three verdicts: `pass` (every stage decided and nothing new is wrong), `fail` (evidence that the change is
 * unsafe or broke something: a rule and a location, or a replayed counterexample; a stage that crashed fails
 * too) and `inconclusive` (the tools could not decide something; each open point says what and where). A
 * verdict is never `pass` on a guess, and `inconclusive` is never shown as safe.
 */

export type StageName = 'compile' | 'safety' | 'simulation' | 'formal' | 'judge';
/** `inconclusive`: nothing failed, but something could not be decided (see the findings marked `undecided`). */
export type StageStatus = 'pass' | 'fail' | 'inconclusive' | 'error' | 'skipped';
export type FindingSeverity = 'error' | 'warning' | 'info';
export type Verdict = 'pass' | 'fail' | 'inconclusive';

/** A place in a site's sources. `version` says which side of the change it is in. */
export interface EvidenceLocation {
  version: 'before' | 'after';
  file: string;
  line: number;
  column: number;
  /** The source lines around it, for the report (no need to open the file). */
  excerpt: string;
}

/** Values of named variables per scan: a counterexample or witness, drawn as a timing diagram. */
export interface EvidenceTrace {
  /** What the trace shows, e.g. "e-stop demanded at 40 ms, Pump_Run still TRUE at 80 ms". */
  title: string;
  cycleMs: number;
  /** Virtual time of each sample, in ms. */
  times: number[];
  signals: { name: string; type: string; values: (boolean | number | string)[] }[];
  /** Scan index (into `times`) where the property is violated or the versions diverge, if any. */
  markAt: number | null;
}

export interface Evidence {
  locations: EvidenceLocation[];
  trace: EvidenceTrace | null;
  /** Free-form facts: the condition before and after, the bound of a proof, what was abstracted. */
  facts: string[];
}

export interface Finding {
  /** Rule id, e.g. SAF001, SIM-ESTOP, BMC-ESTOP, COMPILE. */
  rule: string;
  severity: FindingSeverity;
  message: string;
  /** Primary location: file (relative to the site) and line; null when the finding is about the whole site. */
  file: string | null;
  line: number | null;
  evidence: Evidence;
  /**
   * An open point, not a defect: the tool could not decide (too many atoms, a construct it cannot encode, a
   * counterexample the soft-PLC did not confirm). Makes its stage `inconclusive`, never `pass`. The message
   * says what could not be decided; file and line say where.
   */
  undecided?: boolean;
  /**
   * The unchanged site has the same finding (same rule, same subject): reported as "already in the site
   * before this change" and does not fail (or make inconclusive) the change by itself.
   */
  preExisting?: boolean;
}

/** What could not be decided, and where: one per undecided finding that the change brought in. */
export interface OpenPoint {
  /** Stable within a report: `${stage}:${rule}:${index}`; an approval acknowledges each by this id. */
  id: string;
  stage: StageName;
  rule: string;
  what: string;
  file: string | null;
  line: number | null;
}

export interface StageResult {
  name: StageName;
  status: StageStatus;
  findings: Finding[];
  /** What the stage did, in a line or two: "4 scenarios and 40 random sequences, 12,800 scans". */
  summary: string;
  durationMs: number;
}

/** What the safety configuration says and what was inferred from the code, shown in every report. */
export interface SafetySummary {
  estops: string[];
  guards: string[];
  hazardousOutputs: string[];
  reactionMs: number | null;
  reset: string | null;
  safetyPous: string[];
  safetyVariables: string[];
  /** Each item inferred rather than declared, with where it came from. */
  inferred: { item: string; reason: string }[];
}

export interface VerificationReport {
  siteId: string;
  mode: 'fast' | 'full';
  verdict: Verdict;
  /** Every open point of an inconclusive verdict (empty for pass; may be non-empty beside a fail). */
  openPoints: OpenPoint[];
  /** The change touches safety logic or safety variables: it needs the safety officer's signature. */
  safetyCritical: boolean;
  safetyCriticalReasons: string[];
  safety: SafetySummary;
  stages: StageResult[];
  /** ISO time, from the injected clock. */
  createdAt: string;
}

/** Rules each stage may report, with the why and the standard clause the HTML report prints. */
export interface RuleInfo {
  id: string;
  title: string;
  rationale: string;
  reference: string;
}
