// An approximation of nltk's `word_tokenize` (Treebank rules) good enough to count IFEval's all-capital words.
import { PY_DIGIT, pySplitWhitespace } from './python';

/**
 * Splits the way nltk's Treebank word tokenizer does where it matters for `isupper()`: punctuation that
 * separates two cased parts (`AT&T` → `AT & T`, `AI,ML` → `AI , ML`, `(USA)`, `WAIT...WHAT`, `YES--NO`),
 * clitics (`DON'T` → `DO N'T`, `IT'S` → `IT 'S`) and the fused forms `cannot`, `gonna`, `gimme`, `gotta`,
 * `lemme`, `wanna`, `d'ye`, `more'n`, `'tis`, `'twas`. Not replicated: Punkt's sentence split before it
 * (it only decides which final periods are split off, which never changes a token's case) and the
 * quote conversions (quotes carry no case).
 */
export function treebankTokens(text: string): string[] {
  const spaced = text
    .replace(/[«»“”‘’"]/g, ' $& ')
    .replace(/\.{2,}/g, ' $& ')
    .replace(/[;@#$%&?!*[\](){}<>]/g, ' $& ')
    .replace(/--/g, ' -- ')
    .replace(new RegExp(`([:,])(?!${PY_DIGIT})`, 'gu'), ' $1 ');
  return pySplitWhitespace(spaced).flatMap(splitToken);
}

const FUSED: readonly RegExp[] = [
  /^(can)(not)$/i,
  /^(d)('ye)$/i,
  /^(gim)(me)$/i,
  /^(gon)(na)$/i,
  /^(got)(ta)$/i,
  /^(lem)(me)$/i,
  /^(more)('n)$/i,
  /^(wan)(na)$/i,
  /^('t)(is)$/i,
  /^('t)(was)$/i,
];

const CLITIC = /^(.*[^' ])('[sSmMdD]|'ll|'LL|'re|'RE|'ve|'VE|n't|N'T|')$/u;
const LEADING_QUOTE = /^(')(?!re|ve|ll|m|t|s|d|n)([\p{L}\p{N}_])/iu;

function splitToken(token: string): string[] {
  for (const re of FUSED) {
    const m = re.exec(token);
    if (m) return [m[1]!, m[2]!];
  }
  const head: string[] = [];
  let rest = token;
  if (LEADING_QUOTE.test(rest)) {
    head.push("'");
    rest = rest.slice(1);
  }
  // Clitics come off the end one at a time (a loop, so a long run of them cannot exhaust the stack).
  const tail: string[] = [];
  for (let m = CLITIC.exec(rest); m && m[1]; m = CLITIC.exec(rest)) {
    tail.unshift(m[2]!);
    rest = m[1];
  }
  return [...head, rest, ...tail];
}
