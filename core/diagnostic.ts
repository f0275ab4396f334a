// What every rule reports: plain data with UTF-16 offsets; front ends turn offsets into positions.

export type Severity = 'error' | 'warning' | 'info';
export type SeveritySetting = Severity | 'off';

/** A half-open range of UTF-16 code units in one file's text. */
export interface Span {
  offset: number;
  length: number;
}

/** One replacement in a file's text, by UTF-16 offsets into the text the diagnostic was computed on. */
export interface TextEdit extends Span {
  newText: string;
}

export interface Fix {
  /** Shown as the quick-fix title, e.g. "Replace 'wranAt' with 'warnAt'". */
  title: string;
  edits: TextEdit[];
  /** True when the fix is safe to apply unattended (`promptbound check --fix`). */
  safe?: boolean;
}

export interface Diagnostic extends Span {
  /** Rule id, `area/name`; becomes LSP `code`, SARIF `ruleId`. */
  ruleId: string;
  severity: Severity;
  message: string;
  /** The file the diagnostic points into, when it is not the linted document (a schema, a sample, a config file). */
  uri?: string;
  /** Fixes offered for this diagnostic (did-you-mean, declare it, ...). */
  fixes?: Fix[];
  /** Structured facts for quick fixes; code actions key on `ruleId` + `data`, never on the message. */
  data?: Record<string, unknown>;
  /** Extra locations worth showing (LSP relatedInformation / SARIF relatedLocations). */
  related?: Array<Span & { uri?: string; message: string }>;
}
