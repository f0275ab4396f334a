// schema/unresolved-ref: a `$ref` (or the schema path itself) that is remote, and so never fetched, or names a missing file.
import type { Rule } from '../types';
import { reportSchemaProblems } from './report';

export const schemaUnresolvedRef: Rule = {
  meta: {
    id: 'schema/unresolved-ref',
    description: 'A $ref in the output schema is remote (never fetched) or names a file that does not exist.',
    defaultSeverity: 'error',
    fixable: false,
  },
  check(context) {
    reportSchemaProblems(context, 'schema/unresolved-ref');
  },
};
