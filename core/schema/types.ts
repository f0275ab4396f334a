// The output-schema side: a compiled schema and what validating a completion against it answers.
import type { Span } from '../diagnostic';

/** A problem in the schema itself, located in the schema's own file (or the inline schema in the prompt). */
export interface SchemaProblem {
  ruleId: 'schema/invalid' | 'schema/unresolved-ref';
  severity: 'error' | 'warning';
  message: string;
  uri: string;
  span: Span;
}

/** One failure of a completion against the schema, located in the completion's JSON text. */
export interface SchemaFailure {
  message: string;
  /** In the completion text (offsets relative to the completion). */
  span: Span;
  /** RFC 6901 pointer of the failing instance node. */
  pointer: string;
  keyword: string;
  /** Quick-fix facts: `{missingProperty, value}`, `{additionalProperty}`, `{nearestEnum}`, `{coerceTo}`. */
  data?: Record<string, unknown>;
}

export interface SchemaValidation {
  /** The compiled schema's root (after Picoschema/Prompty conversion): what editor features generate sample completions from. */
  schema?: unknown;
  /** Validates a completion's JSON text (already known to parse); failures are located in that text. */
  validate(jsonText: string): SchemaFailure[];
}
