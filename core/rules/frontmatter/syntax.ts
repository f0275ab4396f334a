// frontmatter/syntax: the YAML block does not parse; reported at the YAML parser's error position.
import type { Rule } from '../types';

/** After the first few errors the rest are usually one mistake echoed: they are summed up in one more diagnostic. */
const MAX_REPORTED = 3;

export const frontmatterSyntax: Rule = {
  meta: {
    id: 'frontmatter/syntax',
    description: 'The YAML frontmatter (or the whole `.prompt.yml` file) does not parse.',
    defaultSeverity: 'error',
    fixable: false,
  },
  check({ document, report }) {
    const errors = document.frontmatter?.errors ?? [];
    for (const error of errors.slice(0, MAX_REPORTED)) {
      report({ ...error.span, message: error.message });
    }
    if (errors.length <= MAX_REPORTED) return;
    const first = errors[MAX_REPORTED].span;
    report({
      ...first,
      message: `${more(errors.length - MAX_REPORTED, 'YAML error')}, most likely caused by the ones above: fix those first.`,
      data: { more: errors.length - MAX_REPORTED },
    });
  },
};

function more(count: number, noun: string): string {
  return count === 1 ? `1 more ${noun} follows` : `${count} more ${noun}s follow`;
}
