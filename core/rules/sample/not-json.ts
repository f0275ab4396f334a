// sample/not-json: JSON is expected (format: json or a schema) but a sample does not parse, or a sample file holds no readable completion.
import type { Rule } from '../types';

export const sampleNotJson: Rule = {
  meta: {
    id: 'sample/not-json',
    description: 'A sample completion does not parse as JSON although JSON output is declared.',
    defaultSeverity: 'error',
    fixable: false,
  },
  check({ completion, report }) {
    for (const sample of completion?.samples ?? []) {
      if (!sample.notJson) continue;
      report({
        ...sample.notJson.span,
        uri: sample.sample.uri,
        message: sample.notJson.message,
        data: { offset: sample.notJson.span.offset },
      });
    }
  },
};
