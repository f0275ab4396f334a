// frontmatter/schema: our keys (`model`, `budget`, `constraints`, `samples`) must match the published schema.
import type { Rule } from '../types';
import { checkFrontmatterSchema } from '../../config/frontmatter';

export const frontmatterSchema: Rule = {
  meta: {
    id: 'frontmatter/schema',
    description: 'A promptbound key or value in the frontmatter is not valid (unknown keys get a did-you-mean fix).',
    defaultSeverity: 'error',
    fixable: true,
  },
  check({ document, report }) {
    const frontmatter = document.frontmatter;
    // Broken YAML is frontmatter/syntax's; validating a half-parsed value would only add noise.
    if (!frontmatter || frontmatter.errors.length > 0 || frontmatter.value === undefined) return;
    for (const problem of checkFrontmatterSchema(frontmatter)) {
      report({ ...problem.span, message: problem.message, fixes: problem.fixes, data: problem.data });
    }
  },
};
