// Text a completion must contain (include items, startsWith, endsWith, wrappedIn) or must not (exclude items), with paths.
import { include } from '../constraints/keys/include';
import { exclude } from '../constraints/keys/exclude';
import { startsWith } from '../constraints/keys/starts-with';
import { endsWith } from '../constraints/keys/ends-with';
import { wrappedIn } from '../constraints/keys/wrapped-in';
import { isValueError } from '../constraints/module';
import type { MatchOptions } from '../constraints/measure/occurrences';
import type { ConstraintPath } from './count-values';
import type { ConstraintValueError } from '../constraints/types';

export interface RequiredText {
  key: 'include' | 'startsWith' | 'endsWith' | 'wrappedIn';
  path: ConstraintPath;
  text: string;
  /** False when any casing of `text` satisfies the key. */
  caseSensitive: boolean;
}

export interface ExcludedText extends MatchOptions {
  path: ConstraintPath;
  text: string;
}

/** Parsed with the keys' own parsers; values they reject are left to frontmatter/schema. */
function parsed<T>(value: T | ConstraintValueError | undefined): T | undefined {
  return value === undefined || isValueError(value) ? undefined : value;
}

/** `include: [a]` items sit at `include[i]`, `include: {words: [a]}` items at `include.words[i]`. */
function itemPath(key: string, value: unknown, i: number): ConstraintPath {
  return Array.isArray(value) ? [key, i] : [key, 'words', i];
}

export function requiredTexts(constraints: Record<string, unknown>): RequiredText[] {
  const out: RequiredText[] = [];
  const list = 'include' in constraints ? parsed(include.parse(constraints.include)) : undefined;
  list?.words.forEach((text, i) =>
    out.push({ key: 'include', path: itemPath('include', constraints.include, i), text, caseSensitive: list.caseSensitive }),
  );
  for (const mod of [startsWith, endsWith]) {
    const affix = mod.key in constraints ? parsed(mod.parse(constraints[mod.key])) : undefined;
    const path = typeof constraints[mod.key] === 'string' ? [mod.key] : [mod.key, 'text'];
    if (affix)
      out.push({ key: mod.key as 'startsWith' | 'endsWith', path, text: affix.text, caseSensitive: affix.caseSensitive });
  }
  const wrap = 'wrappedIn' in constraints ? parsed(wrappedIn.parse(constraints.wrappedIn)) : undefined;
  // Different opening and closing texts are not one text that must stand at both ends; the cross-key checks skip them.
  if (wrap !== undefined && wrap.open === wrap.close)
    out.push({ key: 'wrappedIn', path: ['wrappedIn'], text: wrap.open, caseSensitive: true });
  return out;
}

export function excludedTexts(constraints: Record<string, unknown>): ExcludedText[] {
  const list = 'exclude' in constraints ? parsed(exclude.parse(constraints.exclude)) : undefined;
  if (!list) return [];
  return list.words.map((text, i) => ({
    path: itemPath('exclude', constraints.exclude, i),
    text,
    wholeWord: list.wholeWord,
    caseSensitive: list.caseSensitive,
  }));
}
