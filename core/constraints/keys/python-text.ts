// Python's text primitives that IFBench's checker relies on, so keys can follow its definitions exactly.

/** Python's `string.punctuation`: the 32 ASCII punctuation characters. */
export const ASCII_PUNCTUATION = '!"#$%&\'()*+,-./:;<=>?@[\\]^_`{|}~';

const PUNCT_SET = new Set(ASCII_PUNCTUATION);

/** `text.translate(str.maketrans('', '', string.punctuation))`. */
export function stripAsciiPunctuation(text: string): string {
  let out = '';
  for (const ch of text) if (!PUNCT_SET.has(ch)) out += ch;
  return out;
}

/** Python's `str.split()` with no argument: split on runs of whitespace, no empty pieces. */
export function pySplit(text: string): string[] {
  return text.split(/[\s\u001c-\u001f\u0085]+/u).filter((w) => w.length > 0);
}
