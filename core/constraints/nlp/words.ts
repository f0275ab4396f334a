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
const FINAL_CLOSERS = `[\\])}>"'\u00bb\u201d\u2019 ]`;

const STARTING_QUOTES: Rule[] = [
  [/([«“‘„]|`+)/gu, ' $1 '],
  [/^"/u, '``'],
  [/(``)/gu, ' $1 '],
  [/([ ([{<])("|'{2})/gu, '$1 `` '],
  [new RegExp(`(')(?!re|ve|ll|m|t|s|d|n)(${PY_WORD})${PY_BOUNDARY}`, 'giu'), '$1 $2'],
];

const PUNCTUATION: Rule[] = [
  [new RegExp(`([^.])(\\.)(${FINAL_CLOSERS}*)${WS}*$`, 'u'), '$1 $2 $3 '],
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

function apply(text: string, rules: readonly Rule[]): string {
  let out = text;
  for (const [re, by] of rules) out = out.replace(re, by);
  return out;
}

/** The Treebank-style tokens of one sentence. */
export function treebankWords(sentence: string): string[] {
  let text = apply(sentence, STARTING_QUOTES);
  text = apply(text, PUNCTUATION);
  text = ` ${text} `;
  text = apply(text, ENDING_QUOTES);
  text = apply(text, CONTRACTIONS);
  return pySplitWhitespace(text);
}

/** NLTK's `word_tokenize`: the sentences of `text`, each split into Treebank-style tokens. */
export function wordTokenize(text: string): string[] {
  return sentTokenize(text).flatMap(treebankWords);
}
