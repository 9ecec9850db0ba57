import type { LlmUsage, SiteStep } from '../../src-shared/model/change.js';
import type { Clock } from '../app/clock.js';
import type { ChatUsage } from '../llm/provider.js';
import type { Store } from '../store/store.js';

export interface StepInput {
  kind: SiteStep['kind'];
  status: string;
  summary: string;
  log: string;
  record: unknown;
  /** One entry per model request the step made. */
  requests?: readonly { usage: ChatUsage; durationMs: number }[];
  durationMs: number;
}

/**
 * Records a site's steps in the store as they happen (so a crash mid-site still leaves the record) and sums the
 * model usage the run table reports.
 */
export class SiteRecorder {
  readonly usage: LlmUsage = { requests: 0, promptTokens: 0, completionTokens: 0, cachedPromptTokens: 0, prefixHits: 0, modelMs: 0 };

  constructor(
    private readonly store: Store,
    private readonly clock: Clock,
    private readonly runId: number,
    private readonly siteId: string,
    private readonly onStep?: (summary: string) => void,
  ) {}

  step(s: StepInput): void {
    const tokens = { promptTokens: 0, completionTokens: 0, cachedPromptTokens: 0 };
    for (const r of s.requests ?? []) {
      tokens.promptTokens += r.usage.promptTokens;
      tokens.completionTokens += r.usage.completionTokens;
      tokens.cachedPromptTokens += r.usage.cachedPromptTokens;
      this.usage.requests++;
      if (r.usage.cachedPromptTokens > 0) this.usage.prefixHits++;
      this.usage.modelMs += r.durationMs;
    }
    this.usage.promptTokens += tokens.promptTokens;
    this.usage.completionTokens += tokens.completionTokens;
    this.usage.cachedPromptTokens += tokens.cachedPromptTokens;
    this.store.steps.append({
      runId: this.runId,
      siteId: this.siteId,
      kind: s.kind,
      status: s.status,
      summary: s.summary,
      log: s.log,
      record: s.record,
      ...tokens,
      durationMs: Math.round(s.durationMs * 10) / 10,
      createdAt: this.clock.now().toISOString(),
    });
    this.onStep?.(`${s.kind}: ${s.summary}`);
  }

  /** A progress line that is not a step of its own (an agent's tool call, a retry). */
  progress(message: string): void {
    this.onStep?.(message);
  }

  /** Links the recorded steps to the change they produced (inside the caller's transaction). */
  link(changeId: number): void {
    this.store.steps.linkChange(this.runId, this.siteId, changeId);
  }
}
