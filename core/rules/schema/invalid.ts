// schema/invalid: the declared output schema does not compile, or has findings worth a look; located inside the schema.
import type { Rule } from '../types';
import { reportSchemaProblems } from './report';

export const schemaInvalid: Rule = {
  meta: {
    id: 'schema/invalid',
    description:
      'The output schema does not compile (bad JSON, not a valid schema, a bad pattern) or uses what a validator ignores.',
    defaultSeverity: 'error',
    fixable: false,
  },
  check(context) {
    reportSchemaProblems(context, 'schema/invalid');
  },
};
