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

// Characters for which Python's `str.isdigit()` is true besides the decimal digits (`\p{Nd}`): superscripts,
// subscripts, circled and parenthesised digits (Numeric_Type=Digit; Unicode 14, Python 3.11).
const PY_DIGIT = new RegExp(
  '^[\\p{Nd}\\u{b2}-\\u{b3}\\u{b9}\\u{1369}-\\u{1371}\\u{19da}\\u{2070}\\u{2074}-\\u{2079}\\u{2080}-\\u{2089}\\u{2460}-\\u{2468}\\u{2474}-\\u{247c}\\u{2488}-\\u{2490}\\u{24ea}\\u{24f5}-\\u{24fd}\\u{24ff}\\u{2776}-\\u{277e}\\u{2780}-\\u{2788}\\u{278a}-\\u{2792}\\u{10a40}-\\u{10a43}\\u{10e60}-\\u{10e68}\\u{11052}-\\u{1105a}\\u{1f100}-\\u{1f10a}]+$',
  'u',
);

/** Python's `str.isdigit()`: non-empty and every character a digit. */
export function pyIsDigit(text: string): boolean {
  return PY_DIGIT.test(text);
}

/**
 * `unicodedata.normalize('NFKD', text).encode('ASCII', 'ignore').decode('ASCII')`: accents come off, and
 * every other character outside ASCII is dropped (`São Tomé` → `Sao Tome`, `Zürich 🇨🇭` → `Zurich `).
 */
export function asciiFold(text: string): string {
  return text.normalize('NFKD').replace(/[^\u0000-\u007f]/gu, '');
}

/** Python's `len(text)`: code points, not UTF-16 units. */
export function pyLen(text: string): number {
  return text.length - (text.match(/[\uD800-\uDBFF][\uDC00-\uDFFF]/g)?.length ?? 0);
}
