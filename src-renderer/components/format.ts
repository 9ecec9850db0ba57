/** Durations are recorded in milliseconds; people compare runs in seconds. */
export function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(1)} s`;
}

const counts = new Intl.NumberFormat('en-US');

export function count(n: number): string {
  return counts.format(n);
}

/**
 * Step and stage statuses come from several sources (transforms, the agent loop, the pipeline, the judge);
 * the badge only needs to say whether it went well, badly or not at all.
 */
export function statusBadge(status: string): string {
  switch (status) {
    case 'pass':
    case 'finished':
      return 'approved';
    case 'changed':
      return 'changed';
    case 'skipped':
    case 'unchanged':
    case 'not asked':
      return 'skipped';
    default:
      return 'rejected';
  }
}
