// constraints/conflict: declared constraints contradict each other (or a count contradicts itself).
import type { Span } from '../../diagnostic';
import type { Frontmatter } from '../../document/types';
import type { Report, Rule } from '../types';
import { findConflicts, type ConstraintConflict } from '../../constraints-sanity';
import { declaredConstraints, valueAt } from './located';

export const constraintsConflict: Rule = {
  meta: {
    id: 'constraints/conflict',
    description:
      'Declared constraints contradict each other (min above max, a required word excluded, prose endsWith with format: json, …).',
    defaultSeverity: 'error',
    fixable: false,
  },
  check({ document, report }) {
    const declared = declaredConstraints(document);
    if (!declared) return;
    for (const conflict of findConflicts(declared.constraints)) {
      const located = locate(declared.frontmatter, conflict);
      if (located) report(located);
    }
  },
};

/** Reported at the later of the two values, with related information at the earlier one. */
function locate(frontmatter: Frontmatter, conflict: ConstraintConflict): Report | undefined {
  const spans = conflict.paths.map((path) => valueAt(frontmatter, path));
  if (spans.some((s) => s === undefined)) return undefined;
  const [first, second] = (spans as Span[]).slice().sort((a, b) => a.offset - b.offset);
  const at = second ?? first!;
  const earlierKey = second ? keyAt(conflict, spans as Span[], first!) : undefined;
  return {
    ...at,
    message: conflict.message,
    data: { kind: conflict.kind, keys: conflict.keys },
    related: second ? [{ ...first!, message: `the conflicting ${earlierKey}` }] : undefined,
  };
}

function keyAt(conflict: ConstraintConflict, spans: Span[], span: Span): string {
  return conflict.keys[spans.indexOf(span)] ?? conflict.keys[0];
}
