// Word tokens the way NLTK's `word_tokenize` makes them (its Treebank-style word tokenizer run on each
// sentence of core/constraints/nlp/sentences.ts), which IFBench's checker uses to find pronouns, the first
// word's part of speech, title case and words by position (docs/ifbench.md, "Sentences and words").
//
// The rules, applied in order to each sentence: opening quotes (`"` at the start or after a space or an
// opening bracket becomes "``", curly and guillemet quotes stand alone); a final period, `...`, `,` and `:`
// before a non-digit, `; @ # $ % & ? ! *` and brackets are split off; `--` stands alone; closing quotes
// become "''"; clitics split from their word (`don't` → `do n't`, `it's` → `it 's`, `we'll` → `we 'll`);
// and `cannot`, `gonna`, `gimme`, `gotta`, `lemme`, `wanna`, `d'ye`, `more'n`, `'tis`, `'twas` are cut in two.
import { PY_BOUNDARY, PY_DIGIT, PY_SPACE, PY_WORD, pySplitWhitespace } from '../ifeval/python';
import { sentTokenize } from './sentences';

type Rule = [RegExp, string];

const WS = PY_SPACE;

const STARTING_QUOTES: Rule[] = [
  [/([«“‘„]|`+)/gu, ' $1 '],
  [/^"/u, '``'],
  [/(``)/gu, ' $1 '],
  [/([ ([{<])("|'{2})/gu, '$1 `` '],
  [new RegExp(`(')(?!re|ve|ll|m|t|s|d|n)(${PY_WORD})${PY_BOUNDARY}`, 'giu'), '$1 $2'],
];

const PUNCTUATION: Rule[] = [
  [new RegExp(`([:,])([^${PY_DIGIT}])`, 'gu'), ' $1 $2'],
  [/([:,])$/u, ' $1 '],
  [/\.{2,}/gu, ' $& '],
  [/[;@#$%&]/gu, ' $& '],
  [new RegExp(`([^.])(\\.)([\\])}>"']*)${WS}*$`, 'u'), '$1 $2$3 '],
  [/[?!]/gu, ' $& '],
  [/([^'])' /gu, "$1 ' "],
  [/[*]/gu, ' $& '],
  [/[\][(){}<>]/gu, ' $& '],
  [/--/gu, ' -- '],
];

const ENDING_QUOTES: Rule[] = [
  [/([»”’])/gu, ' $1 '],
  [/''/gu, " '' "],
  [/"/gu, " '' "],
  [/([^' ])('[sS]|'[mM]|'[dD]|') /gu, '$1 $2 '],
  [/([^' ])('ll|'LL|'re|'RE|'ve|'VE|n't|N'T) /gu, '$1 $2 '],
];

const B = PY_BOUNDARY;
const CONTRACTIONS: Rule[] = [
  ...['(can)(not)', "(d)('ye)", '(gim)(me)', '(gon)(na)', '(got)(ta)', '(lem)(me)', "(more)('n)"].map((pair): Rule => [
    new RegExp(`${B}${pair}${B}`, 'giu'),
    ' $1 $2 ',
  ]),
  [new RegExp(`${B}(wan)(na)(?=${WS})`, 'giu'), ' $1 $2 '],
  [new RegExp(` ('t)(is)${B}`, 'giu'), ' $1 $2 '],
  [new RegExp(` ('t)(was)${B}`, 'giu'), ' $1 $2 '],
];

const FINAL_CLOSER = /^[\])}>"'\u00bb\u201d\u2019 ]$/u;
const SPACE = new RegExp(`^${WS}$`, 'u');

/**
 * The Treebank rule that splits off a final period and the closing quotes and brackets after it (the
 * regex `([^.])(\.)([\])}>"'»”’ ]*)\s*$` → `\1 \2 \3 `), done by scanning back from the end: as a
 * regex its two adjacent space-matching runs backtrack quadratically on long runs of spaces.
 */
function splitFinalPeriod(text: string): string {
  let a = text.length;
  while (a > 0 && SPACE.test(text[a - 1]!)) a--;
  let k = a;
  while (k > 0 && FINAL_CLOSER.test(text[k - 1]!)) k--;
  if (k < 2 || text[k - 1] !== '.' || text[k - 2] === '.') return text;
  let run = k;
  while (run < text.length && FINAL_CLOSER.test(text[run]!)) run++;
  return `${text.slice(0, k - 1)} . ${text.slice(k, run)} `;
}

function apply(text: string, rules: readonly Rule[]): string {
  let out = text;
  for (const [re, by] of rules) out = out.replace(re, by);
  return out;
}

/** The Treebank-style tokens of one sentence. */
export function treebankWords(sentence: string): string[] {
  let text = apply(sentence, STARTING_QUOTES);
  text = apply(splitFinalPeriod(text), PUNCTUATION);
  text = ` ${text} `;
  text = apply(text, ENDING_QUOTES);
  text = apply(text, CONTRACTIONS);
  return pySplitWhitespace(text);
}

/** NLTK's `word_tokenize`: the sentences of `text`, each split into Treebank-style tokens. */
export function wordTokenize(text: string): string[] {
  return sentTokenize(text).flatMap(treebankWords);
}
