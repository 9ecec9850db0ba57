export type Severity = 'error' | 'warning' | 'info';

/** A range in one file, as offsets into its text; line/column are derived with SourceText when shown. */
export interface Span {
  file: string;
  start: number;
  end: number;
}

export interface RelatedInfo {
  span: Span;
  message: string;
}

/**
 * Diagnostics are data. `code` comes from the one catalog (catalog.ts), which also holds the default severity
 * and the long explanation shown by `plantshift explain CODE`.
 */
export interface Diagnostic {
  code: string;
  severity: Severity;
  message: string;
  span: Span;
  related: RelatedInfo[];
}
