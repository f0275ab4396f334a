// Declared constraints that contradict each other (or themselves): no completion can satisfy them all.
import { occurrences } from '../constraints/measure/occurrences';
import { countOf, declaredCounts, invertedCount, type ConstraintPath } from './count-values';
import { excludedTexts, requiredTexts, type ExcludedText, type RequiredText } from './required-texts';
import { couldEndJson, couldStartJson, JSON_EDGES } from './json-shape';

export type ConflictKind =
  'inverted-count' | 'required-excluded' | 'not-json' | 'letter-case' | 'comma' | 'nesting' | 'format-structure';

export interface ConstraintConflict {
  kind: ConflictKind;
  /** The two constraints (paths below `constraints`); the rule reports at the later one. An inverted `"A..B"` has one. */
  paths: [ConstraintPath] | [ConstraintPath, ConstraintPath];
  /** The keys, for `data` and related messages. */
  keys: [string, string];
  message: string;
}

type Constraints = Record<string, unknown>;

/**
 * Every conflict. Checks across keys assume both are checked on the same text with our definitions, so they
 * are skipped under `mode: loose` (each key may pass on a different loose variant) and `compat: ifeval`/`ifbench`.
 */
export function findConflicts(constraints: Constraints): ConstraintConflict[] {
  const own = invertedCounts(constraints);
  if (constraints.mode === 'loose' || constraints.compat === 'ifeval' || constraints.compat === 'ifbench') return own;
  return [
    ...own,
    ...requiredExcluded(constraints),
    ...notJson(constraints),
    ...letterCase(constraints),
    ...commas(constraints),
    ...nesting(constraints),
    ...formatStructure(constraints),
  ];
}

function quote(text: string): string {
  return JSON.stringify(text.length > 40 ? `${text.slice(0, 39)}…` : text);
}

function describe(required: RequiredText): string {
  return required.key === 'include' ? `include item ${quote(required.text)}` : `${required.key} ${quote(required.text)}`;
}

function invertedCounts(constraints: Constraints): ConstraintConflict[] {
  return declaredCounts(constraints).flatMap((count) => {
    const inverted = invertedCount(count.value);
    if (!inverted) return [];
    const name = count.path.join('.').replace(/\.(\d+)\./g, '[$1].');
    const message = `${name}: min ${inverted.min} is greater than max ${inverted.max}, so no count satisfies it.`;
    const paths: ConstraintConflict['paths'] =
      inverted.form === 'object'
        ? [
            [...count.path, 'min'],
            [...count.path, 'max'],
          ]
        : [count.path];
    return [{ kind: 'inverted-count' as const, paths, keys: ['min', 'max'] as [string, string], message }];
  });
}

/** An excluded word matches inside a required text (its ends count as word edges; case as the keys define). */
function requiredExcluded(constraints: Constraints): ConstraintConflict[] {
  const excluded = excludedTexts(constraints);
  return requiredTexts(constraints).flatMap((required) =>
    excluded
      .filter((x) => forcesMatch(required, x))
      .map((x) => ({
        kind: 'required-excluded' as const,
        paths: [required.path, x.path] as [ConstraintPath, ConstraintPath],
        keys: [required.key, 'exclude'] as [string, string],
        message:
          required.key === 'include' && required.text.toLowerCase() === x.text.toLowerCase()
            ? `${quote(x.text)} is both required (include) and forbidden (exclude).`
            : `${describe(required)} contains ${quote(x.text)}, which exclude forbids.`,
      })),
  );
}

/** A case-insensitive requirement can be met in a casing a case-sensitive exclusion does not match. */
function forcesMatch(required: RequiredText, excluded: ExcludedText): boolean {
  if (excluded.caseSensitive && !required.caseSensitive) return false;
  return occurrences(required.text, excluded.text, excluded).length > 0;
}

function notJson(constraints: Constraints): ConstraintConflict[] {
  if (constraints.format !== 'json') return [];
  return requiredTexts(constraints).flatMap((required) => {
    const edge = jsonEdgeProblem(required);
    if (!edge) return [];
    return [
      {
        kind: 'not-json' as const,
        paths: [['format'], required.path] as [ConstraintPath, ConstraintPath],
        keys: ['format', required.key] as [string, string],
        message: `${describe(required)} cannot ${edge} a JSON completion (format: json), which ${edge}s with ${JSON_EDGES[edge === 'start' ? 'start' : 'end']}.`,
      },
    ];
  });
}

function jsonEdgeProblem(required: RequiredText): 'start' | 'end' | undefined {
  const starts = required.key === 'startsWith' || required.key === 'wrappedIn';
  const ends = required.key === 'endsWith' || required.key === 'wrappedIn';
  if (starts && !couldStartJson(required.text, required.caseSensitive)) return 'start';
  if (ends && !couldEndJson(required.text, required.caseSensitive)) return 'end';
  return undefined;
}

const WRONG_CASE = { lower: /[\p{Lu}\p{Lt}]/u, upper: /[\p{Ll}\p{Lt}]/u };

/** `case` against case-sensitive required text in the other case, and `case: lower` against capital words. */
function letterCase(constraints: Constraints): ConstraintConflict[] {
  const want = constraints.case;
  if (want !== 'lower' && want !== 'upper') return [];
  const other = want === 'lower' ? 'upper' : 'lower';
  const out: ConstraintConflict[] = requiredTexts(constraints)
    .filter((r) => r.caseSensitive && WRONG_CASE[want].test(r.text))
    .map((r) => ({
      kind: 'letter-case',
      paths: [['case'], r.path],
      keys: ['case', r.key],
      message: `${describe(r)} is case-sensitive and has ${other}-case letters, which case: ${want} forbids.`,
    }));
  const capitals = countOf(constraints, 'capitalWords');
  if (want === 'lower' && capitals && (capitals.range.min ?? 0) >= 1) {
    out.push({
      kind: 'letter-case',
      paths: [['case'], minPath(constraints, capitals.path)],
      keys: ['case', 'capitalWords'],
      message: `capitalWords requires ${capitals.range.label} ALL-CAPS words, but case: lower forbids upper-case letters.`,
    });
  }
  return out;
}

function commas(constraints: Constraints): ConstraintConflict[] {
  if (constraints.noCommas !== true) return [];
  return requiredTexts(constraints)
    .filter((r) => /[,，]/.test(r.text))
    .map((r) => ({
      kind: 'comma',
      paths: [['noCommas'], r.path],
      keys: ['noCommas', r.key],
      message: `${describe(r)} contains a comma, which noCommas forbids.`,
    }));
}

/** Each outer unit holds at least one inner unit (our definitions: a sentence has a letter or digit, so a word; …). */
const NESTING: ReadonlyArray<[outer: string, inner: string, each: string]> = [
  ['paragraphs', 'sentences', 'every paragraph holds at least one sentence'],
  ['paragraphs', 'lines', 'every paragraph holds at least one non-empty line'],
  ['sentences', 'words', 'every sentence holds at least one word'],
  ['words', 'characters', 'every word is at least one character'],
  ['bullets', 'lines', 'every bullet is a non-empty line'],
];

function nesting(constraints: Constraints): ConstraintConflict[] {
  return NESTING.flatMap(([outerKey, innerKey, each]) => {
    const outer = countOf(constraints, outerKey);
    const inner = countOf(constraints, innerKey);
    if (!outer || !inner || outer.range.min === undefined || inner.range.max === undefined || outer.range.min <= inner.range.max)
      return [];
    return [
      {
        kind: 'nesting' as const,
        paths: [minPath(constraints, outer.path), maxPath(constraints, inner.path)] as [ConstraintPath, ConstraintPath],
        keys: [outerKey, innerKey] as [string, string],
        message: `${outerKey} requires ${outer.range.label}, but ${innerKey} allows ${inner.range.label}, and ${each}.`,
      },
    ];
  });
}

/** Markdown structure that `format: text` forbids, or that a JSON completion cannot hold. */
function formatStructure(constraints: Constraints): ConstraintConflict[] {
  const format = constraints.format;
  if (format !== 'text' && format !== 'json') return [];
  // Bullets with their own markers (`•`, `・`) are plain text, not Markdown list items.
  const markedBullets =
    typeof constraints.bullets === 'object' && constraints.bullets !== null && 'markers' in constraints.bullets;
  const bulletKeys = markedBullets ? [] : ['bullets'];
  const forbidden =
    format === 'json' ? bulletKeys : [...bulletKeys, 'highlights', ...(hasMarker(constraints.sections) ? [] : ['sections'])];
  return forbidden.flatMap((key) => {
    const count = countOf(constraints, key);
    if (!count || (count.range.min ?? 0) < 1) return [];
    const why =
      format === 'json'
        ? 'a JSON completion (format: json) has no Markdown list items'
        : `format: text allows no Markdown ${STRUCTURE[key]}`;
    return [
      {
        kind: 'format-structure' as const,
        paths: [['format'], minPath(constraints, count.path)] as [ConstraintPath, ConstraintPath],
        keys: ['format', key] as [string, string],
        message: `${key} requires ${count.range.label}, but ${why}.`,
      },
    ];
  });
}

const STRUCTURE: Record<string, string> = { bullets: 'list items', highlights: 'emphasis', sections: 'headings' };

function hasMarker(sections: unknown): boolean {
  return typeof sections === 'object' && sections !== null && 'marker' in sections;
}

/** The `min` node of a `{min, max}` count, else the count itself. */
function minPath(constraints: Constraints, path: ConstraintPath): ConstraintPath {
  return boundPath(constraints, path, 'min');
}

function maxPath(constraints: Constraints, path: ConstraintPath): ConstraintPath {
  return boundPath(constraints, path, 'max');
}

function boundPath(constraints: Constraints, path: ConstraintPath, bound: 'min' | 'max'): ConstraintPath {
  let value: unknown = constraints;
  for (const segment of path) value = (value as Record<string | number, unknown> | undefined)?.[segment];
  return typeof value === 'object' && value !== null && bound in value ? [...path, bound] : path;
}
