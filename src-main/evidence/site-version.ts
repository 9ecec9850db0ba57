import type { SiteConfig } from '../../src-shared/model/site.js';
import type { SemanticModel } from '../plc/check/check-program.js';
import { containerPositions, type CompiledProject } from '../plc/project/compile-project.js';
import type { CompiledProgram } from '../sim/sim-program.js';
import type { EvidenceLocation } from './report.js';

/**
 * One side of a change (before or after), everything the stages need: the parsed and checked sources, the
 * soft-PLC program when it compiled, and a locator from (virtual file, offset) to file, line and excerpt.
 */
export interface SiteVersion {
  version: 'before' | 'after';
  config: SiteConfig;
  project: CompiledProject;
  model: SemanticModel;
  program: CompiledProgram | null;
  /** Why the program could not be built for the soft-PLC (compile errors, unsupported constructs). */
  programProblems: string[];
  locate(virtualFile: string, offset: number): EvidenceLocation;
  /** The site folder and its source texts, so a stage can rebuild this version in another process. */
  dir: string;
  sources: { path: string; text: string }[];
}

/** Builds the locator over a project's sources and the container files' texts. */
export function makeLocator(version: 'before' | 'after', project: CompiledProject, texts: ReadonlyMap<string, string>): SiteVersion['locate'] {
  const position = containerPositions(project, texts);
  return (virtualFile, offset) => {
    const { file, line, column, source: st } = position(virtualFile, offset);
    const from = Math.max(1, line - 2);
    const to = Math.min(st.lineCount, line + 2);
    const excerpt = Array.from({ length: to - from + 1 }, (_, i) => `${String(from + i).padStart(4)}${from + i === line ? '>' : ' '} ${st.lineText(from + i)}`).join('\n');
    return { version, file, line, column, excerpt };
  };
}
