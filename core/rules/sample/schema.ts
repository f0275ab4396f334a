// sample/schema: a sample completion's JSON fails the output schema; reported at the failing node in the sample file.
import type { Rule } from '../types';

export const sampleSchema: Rule = {
  meta: {
    id: 'sample/schema',
    description: 'A sample completion does not validate against the output schema.',
    defaultSeverity: 'error',
    fixable: false,
  },
  check({ completion, report }) {
    for (const sample of completion?.samples ?? []) {
      for (const failure of sample.schemaFailures) {
        const where = failure.pointer === '' ? '' : ` (at ${failure.pointer})`;
        report({
          ...failure.span,
          uri: sample.sample.uri,
          message: `${failure.message}${where}`,
          data: { pointer: failure.pointer, keyword: failure.keyword, ...failure.data },
        });
      }
    }
  },
};
