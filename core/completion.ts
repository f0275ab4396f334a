// What the engine loads before rules run when a prompt declares completion checks: the output schema and the samples.
import type { SchemaProblem, SchemaValidation } from './schema/types';
import type { SampleReport } from './samples/types';
import type { DeclaredSchema } from './schema/load';

export interface CompletionContext {
  /** The compiled output schema, when one is declared and compiles. */
  schema?: SchemaValidation;
  /** Problems in the schema itself (reported by schema/invalid and schema/unresolved-ref). */
  schemaProblems: SchemaProblem[];
  /** Every sample completion found for the prompt, checked (empty with `--no-samples`). */
  samples: SampleReport[];
  /** The declared output schema as written, located (schema/provider-compat reads it). */
  declaredSchema?: DeclaredSchema;
}
