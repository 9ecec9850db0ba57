import { loader } from '@monaco-editor/react';
import * as monaco from 'monaco-editor/editor/editor.api';
// Only the features the review UI uses: the icon font (fold and "hidden lines" markers) and the diff editor.
import 'monaco-editor/features/codicon/register';
import 'monaco-editor/features/diffEditor/register';
// Inline (blob:) worker: loads the same way from file:// in Electron and from the bridge; never from a CDN.
import EditorWorker from 'monaco-editor/editor/editor.worker?worker&inline';
import { registerStructuredText } from './structured-text.js';

declare global {
  interface Window {
    MonacoEnvironment?: { getWorker(workerId: string, label: string): Worker };
  }
}

let done = false;

/** Points @monaco-editor/react at the bundled monaco; without this it would fetch monaco from a CDN. */
export function setupMonaco(): void {
  if (done) return;
  done = true;
  window.MonacoEnvironment = { getWorker: () => new EditorWorker() };
  loader.config({ monaco });
  registerStructuredText(monaco);
}
