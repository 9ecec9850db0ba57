import { estopHealthy } from './estop-healthy.js';
import { ladderToSt } from './ladder-to-st.js';
import { revisionNote } from './revision-note.js';
import type { Transform } from './transform.js';

const TRANSFORMS: readonly Transform[] = [revisionNote, ladderToSt, estopHealthy];

export function findTransform(id: string): Transform | null {
  return TRANSFORMS.find((t) => t.id === id) ?? null;
}

export function transformIds(): string[] {
  return TRANSFORMS.map((t) => t.id);
}
