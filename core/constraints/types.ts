// Checking one completion against declared constraints (docs/constraints.md): what a check gets and what it answers.
import type { Span } from '../diagnostic';
import type { TokenCounter } from '../tokens/types';
import type { SchemaValidation } from '../schema/types';

/** `compat: ifeval` switches every counting definition to IFEval's (`ifbench`: IFBench's, which keeps IFEval's for IFEval's types); `mode: loose` applies its loose variants. */
export interface ConstraintSettings {
  compat: 'default' | 'ifeval' | 'ifbench';
  mode: 'strict' | 'loose';
}

export interface CheckContext extends ConstraintSettings {
  /** The prompt's model tokenizer, for `tokens`. */
  counter: TokenCounter;
  /** The prompt text the model receives, for `repeatPrompt: true`. */
  promptText: string;
  /** The compiled output schema, for `schema`; undefined when none is declared or it failed to compile. */
  schema?: SchemaValidation;
}

export interface ConstraintResult {
  /** The constraint key, e.g. `words`; `schema` results also come through here. */
  key: string;
  pass: boolean;
  /** What was measured, for reports: 142, "en", "does not parse as JSON". */
  measured: number | string | boolean;
  /** What was required, human-readable: "at most 120", "between 3 and 6", "ends with \"…\"". */
  required: string;
  /** "142 words; at most 120 allowed". */
  message: string;
  /** Where in the completion the problem is (each forbidden word, the comma, the unmatched tail). */
  ranges: Span[];
  /** Facts for quick fixes and JSON reports. */
  data?: Record<string, unknown>;
}

/** A declared constraint value that cannot be used (reported by `frontmatter/schema` / `constraints/conflict`). */
export interface ConstraintValueError {
  key: string;
  message: string;
}
