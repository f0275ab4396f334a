// A schema problem before it is located: which schema document (unit) and which path inside it.
import type { SchemaProblem } from './types';
import type { SchemaPath } from './walk';

export interface SchemaIssue {
  ruleId: SchemaProblem['ruleId'];
  severity: SchemaProblem['severity'];
  message: string;
  /** Index of the schema document: 0 is the declared schema, then the files its `$ref`s reach. */
  unit: number;
  /** Path of keys and indexes inside that document. */
  path: SchemaPath;
  /** Point at the key of the last path segment (an unknown keyword, a `patternProperties` regex) or at its value. */
  at: 'key' | 'value';
}
