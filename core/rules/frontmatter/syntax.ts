// frontmatter/syntax: the YAML block does not parse; reported at the YAML parser's error position.
import type { Rule } from '../types';

export const frontmatterSyntax: Rule = {
  meta: {
    id: 'frontmatter/syntax',
    description: 'The YAML frontmatter (or the whole `.prompt.yml` file) does not parse.',
    defaultSeverity: 'error',
    fixable: false,
  },
  check({ document, report }) {
    for (const error of document.frontmatter?.errors ?? []) {
      report({ ...error.span, message: error.message });
    }
  },
};
