// `primeWordLengths`: every word's length in characters is a prime number (IFBench `words:prime_lengths`).
// Words are the whitespace-separated pieces once ASCII punctuation is removed.
import type { ConstraintModule } from '../module';
import { parseFlag, plural } from '../module';
import { pySplit, stripAsciiPunctuation } from './python-text';

function isPrime(n: number): boolean {
  if (n < 2) return false;
  for (let d = 2; d * d <= n; d++) if (n % d === 0) return false;
  return true;
}

export function nonPrimeWords(text: string): string[] {
  return pySplit(stripAsciiPunctuation(text)).filter((w) => !isPrime([...w].length));
}

export const primeWordLengths: ConstraintModule<true> = {
  key: 'primeWordLengths',
  parse: (value) => parseFlag('primeWordLengths', value),
  check(_on, completion) {
    const bad = nonPrimeWords(completion);
    return {
      key: 'primeWordLengths',
      pass: bad.length === 0,
      measured: bad.length,
      required: 'every word of prime length',
      message:
        bad.length === 0
          ? 'every word has a prime length'
          : `${plural(bad.length, 'word')} of non-prime length, e.g. "${bad[0]}"`,
      ranges: [],
    };
  },
};
