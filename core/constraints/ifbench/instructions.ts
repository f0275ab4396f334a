// IFBench's instruction ids and kwargs as our constraint keys (the table in docs/ifbench.md), for the
// agreement script and for reading IFBench's dataset. IFBench keeps IFEval's instruction types under the
// same ids, so those go through IFEval's table.
import { ifevalConstraints, type IfevalInstruction } from '../ifeval/instructions';
import { ifbenchTaskConstraints } from './tasks';

/** IFBench's `count:punctuation`: every standard mark and the interrobang. */
export const IFBENCH_PUNCTUATION = ['.', ',', '!', '?', ';', ':', '?!'];

export const COORDINATING_CONJUNCTIONS = ['and', 'but', 'for', 'nor', 'or', 'so', 'yet'];

/** The 50 names IFBench's `count:person_names` looks for. */
export const IFBENCH_PERSON_NAMES = [
  'Emma',
  'Liam',
  'Sophia',
  'Jackson',
  'Olivia',
  'Noah',
  'Ava',
  'Lucas',
  'Isabella',
  'Mason',
  'Mia',
  'Ethan',
  'Charlotte',
  'Alexander',
  'Amelia',
  'Benjamin',
  'Harper',
  'Leo',
  'Zoe',
  'Daniel',
  'Chloe',
  'Samuel',
  'Lily',
  'Matthew',
  'Grace',
  'Owen',
  'Abigail',
  'Gabriel',
  'Ella',
  'Jacob',
  'Scarlett',
  'Nathan',
  'Victoria',
  'Elijah',
  'Layla',
  'Nicholas',
  'Audrey',
  'David',
  'Hannah',
  'Christopher',
  'Penelope',
  'Thomas',
  'Nora',
  'Andrew',
  'Aria',
  'Joseph',
  'Claire',
  'Ryan',
  'Stella',
  'Jonathan',
];

/**
 * The constraints (without `compat`/`mode`) that declare `instruction` as IFBench's checker reads it, or
 * undefined for an id no key expresses yet.
 */
export function ifbenchConstraints(instruction: IfevalInstruction): Record<string, unknown> | undefined {
  const k = instruction.kwargs;
  switch (instruction.id) {
    case 'format:no_whitespace':
      return { noWhitespace: true };
    case 'format:parentheses':
      return { bracketDepth: { min: 5 } };
    case 'format:quotes':
      return { quoteDepth: { min: 3 } };
    case 'words:palindrome':
      return { palindromes: { count: { min: 10 }, minLength: 5 } };
    case 'count:punctuation':
      return { punctuation: IFBENCH_PUNCTUATION };
    case 'format:newline':
      return { oneWordPerLine: true };
    case 'format:line_indent':
      return { indentStairs: true };
    case 'format:output_template':
      return { include: { words: ['My Answer:', 'My Conclusion:', 'Future Outlook:'], caseSensitive: true } };
    case 'count:word_count_range':
      return { words: { min: k.min_words, max: k.max_words } };
    case 'count:unique_word_count':
      return { distinctWords: { min: k.N } };
    case 'count:conjunctions':
      return { distinctWords: { count: { min: k.small_n }, among: COORDINATING_CONJUNCTIONS } };
    case 'count:person_names':
      return { mentions: { count: { min: k.N }, words: IFBENCH_PERSON_NAMES } };
    case 'count:numbers':
      return { numbers: k.N };
    case 'words:vowel':
      return { lines: 1, vowels: { max: 3 } };
    case 'words:consonants':
      return { consonantClusters: true };
    case 'words:alphabet':
      return { alphabetLoop: true };
    case 'words:repeats':
      return { wordRepeats: { max: k.small_n } };
    case 'words:no_consecutive':
      return { noAdjacentInitials: true };
    case 'words:prime_lengths':
      return { primeWordLengths: true };
    case 'words:paragraph_last_first':
      return { lineFirstIsLast: true };
    case 'count:keywords_multiple':
      return {
        frequency: [k.keyword1, k.keyword2, k.keyword3, k.keyword4, k.keyword5].map((word, i) => ({
          word,
          count: [1, 2, 3, 5, 7][i],
        })),
      };
    // IFBench's NLP-based types (sentences, word tokens, stop words, verbs, syllables, emoji)
    case 'ratio:sentence_type':
      return { sentenceRatio: { statements: 2, questions: 1 } };
    case 'ratio:sentence_balance':
      return { sentenceRatio: { statements: 1, questions: 1, exclamations: 1 } };
    case 'ratio:sentence_words':
      return { sameLengthSentences: 3 };
    case 'sentence:increment':
      return { sentenceWordStep: k.small_n };
    case 'sentence:alliteration_increment':
      return { alliterationGrowth: true };
    case 'sentence:keyword':
      return { sentenceIncludes: { sentence: k.N, word: k.word } };
    case 'words:last_first':
      return { sentenceChain: true };
    case 'words:keywords_specific_position':
      return { wordAt: { word: k.keyword, position: k.m, sentence: k.n } };
    case 'words:words_position':
      return {
        wordAt: [
          { word: k.keyword, position: 2 },
          { word: k.keyword, position: -2 },
        ],
      };
    case 'custom:sentence_alphabet':
      return { sentenceAcrostic: 'abcdefghijklmnopqrstuvwxyz' };
    case 'ratio:stop_words':
      return { stopWordPercent: { max: k.percentage } };
    case 'words:start_verb':
      return { startsWithVerb: true };
    case 'words:odd_even_syllables':
      return { alternatingSyllables: true };
    case 'count:pronouns':
      return { pronouns: { min: k.N } };
    case 'format:title_case':
      return { titleCase: true };
    case 'format:emoji':
      return { sentenceEmoji: true };
    case 'format:no_bullets_bullets':
      return { introThenBullets: { sentences: { min: 2 }, bullets: { min: 2 }, marker: '*' } };
    default:
      return ifbenchTaskConstraints(instruction) ?? ifevalConstraints(instruction);
  }
}
