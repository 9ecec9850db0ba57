import { DiffEditor } from '@monaco-editor/react';
import type { ChangedFile } from '../../src-shared/model/change.js';

/** Read-only side-by-side diff; review must not be able to alter what was verified. */
export function DiffView({ file }: { file: ChangedFile }) {
  return (
    <div className="diff" data-testid="diff-view">
      <DiffEditor
        key={file.path}
        original={file.before}
        modified={file.after}
        language="iec-st"
        theme="vs"
        height="100%"
        loading={<div className="muted">Loading diff…</div>}
        options={{
          readOnly: true,
          originalEditable: false,
          renderSideBySide: true,
          automaticLayout: true,
          minimap: { enabled: false },
          scrollBeyondLastLine: false,
          renderOverviewRuler: true,
          ignoreTrimWhitespace: false,
          hideUnchangedRegions: { enabled: true, contextLineCount: 4, minimumLineCount: 6 },
        }}
      />
    </div>
  );
}
