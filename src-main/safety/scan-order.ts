import type { PouSym } from '../plc/check/symbols.js';
import { key } from '../plc/st/ast.js';
import type { SiteVersion } from '../evidence/site-version.js';

/**
 * The programs one PLC scan runs, in order, as the soft-PLC runs them: a CONFIGURATION's cyclic tasks by
 * priority, each task's programs in declaration order; without one, the site's entry program (or S7
 * organization block) alone. Tasks
 * that run at different intervals do not always run in the same tick, so each becomes a scan of its own
 * (what one writes is unknown to the others at their start); tasks at one interval run as one scan.
 */
export interface ScanPlan {
  /** Each inner list runs as one scan, programs in order. Empty when the entry program is not found. */
  scans: PouSym[][];
  /** How the order was found, for the report. */
  source: string;
}

export function scanPlan(v: SiteVersion): ScanPlan {
  const programs = new Map(v.model.pous.filter((p) => (p.pouKind === 'PROGRAM' || p.pouKind === 'ORGANIZATION_BLOCK') && !p.builtin && !p.owner).map((p) => [key(p.name), p] as const));
  const tasks: { name: string; intervalNs: bigint | null; priority: number; programs: PouSym[] }[] = [];
  for (const s of v.project.sources) {
    for (const d of s.parse.unit.declarations) {
      if (d.kind !== 'Configuration') continue;
      const taskDecls = [...d.tasks, ...d.resources.flatMap((r) => r.tasks)];
      const progs = [...d.programs, ...d.resources.flatMap((r) => r.programs)];
      for (const t of taskDecls) {
        const interval = t.params.find((p) => key(p.name.name) === 'INTERVAL')?.value;
        const prio = t.params.find((p) => key(p.name.name) === 'PRIORITY')?.value;
        const list = progs.filter((p) => p.task && key(p.task.name) === key(t.name.name)).map((p) => programs.get(key(p.type.name)));
        if (list.some((p) => !p)) return { scans: [], source: `task ${t.name.name} runs a program this site does not have` };
        tasks.push({
          name: t.name.name,
          intervalNs: interval?.kind === 'Literal' && typeof interval.value === 'bigint' ? interval.value : null,
          priority: prio?.kind === 'Literal' && typeof prio.value === 'number' ? prio.value : 0,
          programs: list as PouSym[],
        });
      }
    }
  }
  if (tasks.length === 0) {
    const entry = programs.get(key(v.config.entry));
    return entry ? { scans: [[entry]], source: `entry program ${entry.name}` } : { scans: [], source: `entry program ${v.config.entry} not found` };
  }
  tasks.sort((a, b) => a.priority - b.priority);
  const intervals = new Set(tasks.map((t) => String(t.intervalNs)));
  if (intervals.size === 1) return { scans: [tasks.flatMap((t) => t.programs)].filter((l) => l.length), source: `tasks ${tasks.map((t) => t.name).join(', ')} (one interval)` };
  return { scans: tasks.map((t) => t.programs).filter((l) => l.length), source: `tasks ${tasks.map((t) => t.name).join(', ')} (each its own scan: different intervals)` };
}
