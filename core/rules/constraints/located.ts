// Where a path below `constraints` sits in the frontmatter, and the declared constraints as a plain object.
import type { Span } from '../../diagnostic';
import type { Frontmatter, PromptDocument } from '../../document/types';
import { findKey } from '../../document/frontmatter';
import type { ConstraintPath } from '../../constraints-sanity';

/** The `constraints` mapping of a frontmatter that parsed cleanly, else undefined (broken YAML is frontmatter/syntax's). */
export function declaredConstraints(
  document: PromptDocument,
): { frontmatter: Frontmatter; constraints: Record<string, unknown> } | undefined {
  const frontmatter = document.frontmatter;
  if (!frontmatter || frontmatter.errors.length > 0) return undefined;
  const constraints = frontmatter.value?.constraints;
  if (typeof constraints !== 'object' || constraints === null || Array.isArray(constraints)) return undefined;
  return { frontmatter, constraints: constraints as Record<string, unknown> };
}

/** The value node at `constraints.<path>`, or undefined when the YAML does not hold it (an alias, a merge key). */
export function valueAt(frontmatter: Frontmatter, path: ConstraintPath): Span | undefined {
  return findKey(frontmatter, ['constraints', ...path])?.valueSpan;
}
