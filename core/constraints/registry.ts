// Every constraint key of docs/constraints.md and the module that checks it; the one list the engine and the docs test read.
import type { ConstraintModule } from './module';
import { bullets } from './keys/bullets';
import { capitalWords } from './keys/capital-words';
import { letterCase } from './keys/case';
import { characters } from './keys/characters';
import { endsWith } from './keys/ends-with';
import { exclude } from './keys/exclude';
import { firstWord } from './keys/first-word';
import { format } from './keys/format';
import { frequency } from './keys/frequency';
import { highlights } from './keys/highlights';
import { include } from './keys/include';
import { language } from './keys/language';
import { letters } from './keys/letters';
import { lines } from './keys/lines';
import { noCommas } from './keys/no-commas';
import { paragraphs } from './keys/paragraphs';
import { pattern } from './keys/pattern';
import { placeholders } from './keys/placeholders';
import { postscript } from './keys/postscript';
import { repeatPrompt } from './keys/repeat-prompt';
import { responses } from './keys/responses';
import { schema } from './keys/schema';
import { sections } from './keys/sections';
import { sentences } from './keys/sentences';
import { startsWith } from './keys/starts-with';
import { title } from './keys/title';
import { tokens } from './keys/tokens';
import { words } from './keys/words';
import { wrappedIn } from './keys/wrapped-in';
import { lineFirstIsLast } from './keys/line-first-last';
import { wordRepeats } from './keys/word-repeats';
import { noAdjacentInitials } from './keys/no-adjacent-initials';
import { primeWordLengths } from './keys/prime-word-lengths';
import { distinctWords } from './keys/distinct-words';
import { mentions } from './keys/mentions';
import { numbers } from './keys/numbers';
import { vowels } from './keys/vowels';
import { consonantClusters } from './keys/consonant-clusters';
import { alphabetLoop } from './keys/alphabet-loop';
import { noWhitespace } from './keys/no-whitespace';
import { bracketDepth } from './keys/bracket-depth';
import { quoteDepth } from './keys/quote-depth';
import { palindromes } from './keys/palindromes';
import { punctuation } from './keys/punctuation';
import { oneWordPerLine } from './keys/one-word-per-line';
import { indentStairs } from './keys/indent-stairs';
// IFBench's layout, repetition and one-off task types (docs/ifbench.md).
import { nestedBullets } from './keys/nested-bullets';
import { italicLeads } from './keys/italic-leads';
import { quotesFollowed } from './keys/quotes-followed';
import { oneOf } from './keys/one-of';
import { echo } from './keys/echo';
import { overlap } from './keys/overlap';
import { nthWords } from './keys/nth-words';
import { csv } from './keys/csv';
import { listItems } from './keys/list-items';
import { sortedLines } from './keys/sorted-lines';
import { multipleChoice } from './keys/multiple-choice';
import { backwards } from './keys/backwards';
// IFBench's NLP-based types (sentences, word tokens, stop words, verbs, syllables, emoji).
import { sentenceRatio } from './keys/sentence-ratio';
import { sameLengthSentences } from './keys/same-length-sentences';
import { sentenceWordStep } from './keys/sentence-word-step';
import { alliterationGrowth } from './keys/alliteration-growth';
import { sentenceIncludes } from './keys/sentence-includes';
import { sentenceChain } from './keys/sentence-chain';
import { wordAt } from './keys/word-at';
import { sentenceAcrostic } from './keys/sentence-acrostic';
import { stopWordPercent } from './keys/stop-word-percent';
import { startsWithVerb } from './keys/starts-with-verb';
import { alternatingSyllables } from './keys/alternating-syllables';
import { pronouns } from './keys/pronouns';
import { titleCase } from './keys/title-case';
import { sentenceEmoji } from './keys/sentence-emoji';
import { introThenBullets } from './keys/intro-then-bullets';

/** Parsed values differ per key; the registry forgets the type, and `check` only ever gets what its own `parse` made. */
export type AnyConstraintModule = ConstraintModule<unknown>;

/** In docs/constraints.md order. */
export const CONSTRAINT_MODULES: readonly AnyConstraintModule[] = [
  words,
  sentences,
  paragraphs,
  characters,
  tokens,
  lines,
  bullets,
  highlights,
  sections,
  placeholders,
  title,
  postscript,
  format,
  schema,
  pattern,
  startsWith,
  endsWith,
  wrappedIn,
  letterCase,
  noCommas,
  capitalWords,
  include,
  exclude,
  frequency,
  letters,
  language,
  responses,
  repeatPrompt,
  firstWord,
  noWhitespace,
  bracketDepth,
  quoteDepth,
  palindromes,
  punctuation,
  oneWordPerLine,
  indentStairs,
  distinctWords,
  mentions,
  numbers,
  vowels,
  consonantClusters,
  alphabetLoop,
  wordRepeats,
  noAdjacentInitials,
  primeWordLengths,
  lineFirstIsLast,
  // IFBench's layout, repetition and one-off task types.
  nestedBullets,
  italicLeads,
  quotesFollowed,
  oneOf,
  echo,
  overlap,
  nthWords,
  csv,
  listItems,
  sortedLines,
  multipleChoice,
  backwards,
  // IFBench's NLP-based types
  sentenceRatio,
  sameLengthSentences,
  sentenceWordStep,
  alliterationGrowth,
  sentenceIncludes,
  sentenceChain,
  wordAt,
  sentenceAcrostic,
  stopWordPercent,
  startsWithVerb,
  alternatingSyllables,
  pronouns,
  titleCase,
  sentenceEmoji,
  introThenBullets,
];

const BY_KEY = new Map(CONSTRAINT_MODULES.map((m) => [m.key, m]));

/** Keys under `constraints` that are settings, not constraints. */
export const SETTING_KEYS = ['compat', 'mode'] as const;

export function constraintModule(key: string): AnyConstraintModule | undefined {
  return BY_KEY.get(key);
}

export const CONSTRAINT_KEYS: readonly string[] = CONSTRAINT_MODULES.map((m) => m.key);
