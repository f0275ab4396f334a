// Validates the keys promptbound owns in a prompt's frontmatter against schemas/frontmatter.schema.json (precompiled).
import type { Frontmatter } from '../document/types';
import { validate, schema, origins } from '../generated/frontmatter-validator';
import { schemaProblems, type CompiledSchema, type SchemaProblem } from './schema-problems';

export type { SchemaProblem } from './schema-problems';

/** The count syntax of docs/constraints.md, in the words messages use. */
export const COUNT_LABEL = 'a count: N, {min, max}, {exactly, tolerance}, or a string like "<=100", "100..150", "~100"';

/** Phrases for what a value must be, keyed by pointers into the published schema file (checked by a test). */
const LABELS: Record<string, string> = {
  '#/properties/model': 'a model id (e.g. gpt-4o) or a Prompty model mapping',
  '#/properties/samples': 'a path or glob, or a list of them',
  '#/definitions/fraction': 'a number between 0 and 1 (exclusive of 0), e.g. 0.8',
  '#/definitions/count': COUNT_LABEL,
  '#/definitions/count/anyOf/2/properties/tolerance': 'a tolerance: a number such as 5, or a percentage such as "10%"',
  '#/definitions/wordList': 'a list of words, or {words, wholeWord, caseSensitive}',
  '#/definitions/affix': 'a non-empty string, or {text, caseSensitive}',
  '#/definitions/constraints/properties/paragraphs': 'a count (N, {min, max}, "<=100", …) or {count, separator}',
  '#/definitions/constraints/properties/sections': 'a count (N, {min, max}, "<=100", …) or {count, marker}',
  '#/definitions/constraints/properties/postscript': 'true, or the marker that starts the postscript (e.g. "P.S.")',
  '#/definitions/constraints/properties/repeatPrompt': 'true, or the text the completion must start with',
  '#/definitions/constraints/properties/schema': 'a path to a JSON Schema file, or an inline schema',
  '#/definitions/constraints/properties/pattern': 'a regular expression, or {regex, flags, fullMatch}',
  '#/definitions/constraints/properties/pattern/anyOf/1/properties/flags': 'regex flags: any of i, m, s, u',
  '#/definitions/constraints/properties/language': 'an ISO 639-1 language code (two lower-case letters, e.g. en)',
};

const NOUNS: Record<string, string> = {
  '#/definitions/budget': 'budget key',
  '#/definitions/constraints': 'constraint',
  '#/definitions/count/anyOf/1': 'key of a count',
  '#/definitions/count/anyOf/2': 'key of a count',
};

export const FRONTMATTER_SCHEMA: CompiledSchema = {
  validate,
  schema,
  origins,
  labels: LABELS,
  nouns: NOUNS,
  rootName: 'the frontmatter',
};

/** Problems found per frontmatter: the editor's session re-uses a parsed frontmatter across keystrokes in the body. */
const checked = new WeakMap<Frontmatter, readonly SchemaProblem[]>();

/** Problems with `model`, `budget`, `constraints` and `samples`; host-format keys are never reported. */
export function checkFrontmatterSchema(frontmatter: Frontmatter): SchemaProblem[] {
  if (frontmatter.value === undefined) return [];
  let problems = checked.get(frontmatter);
  if (problems === undefined) {
    problems = schemaProblems(FRONTMATTER_SCHEMA, frontmatter.value, { doc: frontmatter.yaml, offset: frontmatter.span.offset });
    checked.set(frontmatter, problems);
  }
  return [...problems];
}
