// template/syntax: the template engine (Handlebars for Dotprompt, Jinja for Prompty) would reject the file before sending anything.
import type { Rule } from '../types';

export const templateSyntax: Rule = {
  meta: {
    id: 'template/syntax',
    description:
      'The Handlebars (Dotprompt) or Jinja (Prompty) template does not parse: an unclosed tag or block, a stray closing tag, a missing partial.',
    defaultSeverity: 'error',
    fixable: false,
  },
  check({ document, report }) {
    for (const problem of document.templateProblems) {
      report({ ...problem.span, message: problem.message, related: problem.related });
    }
    const reported = new Set<string>();
    for (const partial of document.partials) {
      // `resolved` is undefined when the front end could not look at files: then nothing is known.
      if (partial.resolved !== null || partial.block) continue;
      const once = reported.has(partial.name);
      reported.add(partial.name);
      report({
        ...partial.nameSpan,
        message: once
          ? `Partial '${partial.name}' is not found (see its first use).`
          : `Partial '${partial.name}' is not found: no '${partialFile(partial.name)}' beside this prompt or in the folders above it. Dotprompt fails to render it unless code registers it (definePartial).`,
        data: { partial: partial.name },
      });
    }
  },
};

function partialFile(name: string): string {
  const slash = name.lastIndexOf('/');
  return `${name.slice(0, slash + 1)}_${name.slice(slash + 1)}.prompt`;
}
