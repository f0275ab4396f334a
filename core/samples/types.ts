// Sample completions kept beside a prompt, and what checking them found.
import type { Span } from '../diagnostic';
import type { ConstraintResult } from '../constraints/types';
import type { SchemaFailure } from '../schema/types';

/** One completion: a whole `.txt`/`.md`/`.json` file, or one line of a `.jsonl` file. */
export interface SampleCompletion {
  uri: string;
  /** The completion text (decoded for `.jsonl` string values). */
  text: string;
  /** Where the completion sits in its file (for `.jsonl`: that line's value). */
  span: Span;
  /** True when `text` is exactly the file's substring at `span`. */
  verbatim: boolean;
  /** 0-based index within the file (`.jsonl` line number), 0 otherwise. */
  index: number;
}

export interface SampleReport {
  sample: SampleCompletion;
  /** Every declared constraint's result (passing ones included, for JSON reports). */
  results: ConstraintResult[];
  /** Set when `format: json` (or a schema) is declared and the text does not parse. */
  notJson?: { message: string; span: Span };
  schemaFailures: SchemaFailure[];
}
