// IFEval's lexical measures: keyword search and counts, forbidden whole words, letter counts, all-capital
// words, letter case, commas, the end phrase, quotation, prompt repetition and the two-responses split.
import type { Span } from '../../diagnostic';
import { PY_BOUNDARY, escapeRegex, matchSpans, pyIsLower, pyIsUpper, pyStrip, pyStripChars } from './python';
import { treebankTokens } from './tokenize';

/**
 * `re.search(keyword, text, re.IGNORECASE)` / `re.findall(...)`: case-insensitive substring matches,
 * non-overlapping. IFEval puts the keyword into the regex as it is; ours is matched literally.
 */
export function keywordMatches(text: string, keyword: string): Span[] {
  return matchSpans(text, new RegExp(escapeRegex(keyword), 'giu'));
}

/** `re.search(r"\b" + word + r"\b", text, re.IGNORECASE)` with Python's Unicode `\b`. */
export function forbiddenMatches(text: string, word: string): Span[] {
  return matchSpans(text, new RegExp(`${PY_BOUNDARY}${escapeRegex(word)}${PY_BOUNDARY}`, 'giu'));
}

/** `collections.Counter(text.lower())[letter.lower()]`: code points of the lower-cased text equal to the letter. */
export function letterCount(text: string, letter: string): number {
  const wanted = letter.toLowerCase();
  let n = 0;
  for (const ch of text.toLowerCase()) if (ch === wanted) n++;
  return n;
}

/** Tokens of nltk's `word_tokenize` (approximated) for which `str.isupper()` holds: `I`, `A`, `NASA`, `DON'T` (2). */
export function capitalWordCount(text: string): number {
  return treebankTokens(text).filter(pyIsUpper).length;
}

/** `text.isupper()` / `text.islower()` on the whole text. */
export function hasCase(text: string, want: 'upper' | 'lower'): boolean {
  return want === 'upper' ? pyIsUpper(text) : pyIsLower(text);
}

/** `text.strip().strip('"').lower().endswith(phrase.strip().lower())`. */
export function endsWithPhrase(text: string, phrase: string): boolean {
  return pyStripChars(pyStrip(text), '"').toLowerCase().endsWith(pyStrip(phrase).toLowerCase());
}

/** `text.strip()` is longer than one character and starts and ends with `"`. */
export function isQuoted(text: string): boolean {
  const t = pyStrip(text);
  return t.length > 1 && t.startsWith('"') && t.endsWith('"');
}

/** `text.strip().lower().startswith(prompt.strip().lower())`. */
export function repeatsPrompt(text: string, prompt: string): boolean {
  return pyStrip(text).toLowerCase().startsWith(pyStrip(prompt).toLowerCase());
}

/**
 * IFEval's two-responses split generalised to a separator and a count: split on the separator; an empty
 * piece other than the first or last fails; the non-empty pieces are the responses, compared stripped.
 */
export function splitResponses(text: string, separator: string): { responses: string[]; emptyMiddle: boolean } {
  const pieces = text.split(separator);
  const responses: string[] = [];
  let emptyMiddle = false;
  pieces.forEach((piece, i) => {
    if (pyStrip(piece) !== '') responses.push(pyStrip(piece));
    else if (i !== 0 && i !== pieces.length - 1) emptyMiddle = true;
  });
  return { responses, emptyMiddle };
}
