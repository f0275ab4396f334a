// Word, sentence and grapheme segmentation of ASCII-only text by the rules of UAX #29, giving exactly what ICU's
// root-locale segmenter (Intl.Segmenter('und')) gives on such text; generators, like Intl's segment iterators, so a
// long text's segments are never all alive at once. Creating the first Intl object loads ICU's data, which costs a
// short `promptbound validate` more CPU than all its checks (docs/tokenizers.md, "Start-up"); most completions are
// ASCII, and on ASCII the rules reduce to the character classes below. Non-ASCII text still goes to
// Intl.Segmenter. test/constraints/ascii-segments.test.ts compares both on exhaustive and random ASCII strings.

export interface AsciiSegment {
  segment: string;
  index: number;
  isWordLike?: boolean;
}

/** True when every UTF-16 unit of `text` is below 0x80. */
export function isAscii(text: string): boolean {
  return !NON_ASCII.test(text);
}

const NON_ASCII = /[^\x00-\x7f]/;

// Word_Break values of the ASCII characters (UAX #29 table 3).
const W_OTHER = 0;
const W_CR = 1;
const W_LF = 2;
const W_NEWLINE = 3; // VT, FF
const W_SPACE = 4; // WSegSpace: U+0020 only
const W_LETTER = 5; // ALetter
const W_NUMERIC = 6;
const W_MID_LETTER = 7; // ':'
const W_MID_NUM_LET = 8; // '.'
const W_MID_NUM = 9; // ',' ';'
const W_SINGLE_QUOTE = 10; // "'"
const W_EXTEND_NUM_LET = 11; // '_'

const WORD_CLASS = new Uint8Array(128);
for (let c = 0; c < 128; c++) {
  const ch = String.fromCharCode(c);
  WORD_CLASS[c] =
    c === 13
      ? W_CR
      : c === 10
        ? W_LF
        : c === 11 || c === 12
          ? W_NEWLINE
          : c === 32
            ? W_SPACE
            : /[A-Za-z]/.test(ch)
              ? W_LETTER
              : /[0-9]/.test(ch)
                ? W_NUMERIC
                : ch === ':'
                  ? W_MID_LETTER
                  : ch === '.'
                    ? W_MID_NUM_LET
                    : ch === ',' || ch === ';'
                      ? W_MID_NUM
                      : ch === "'"
                        ? W_SINGLE_QUOTE
                        : ch === '_'
                          ? W_EXTEND_NUM_LET
                          : W_OTHER;
}

const wordy = (c: number) => c === W_LETTER || c === W_NUMERIC;
const midLetter = (c: number) => c === W_MID_LETTER || c === W_MID_NUM_LET || c === W_SINGLE_QUOTE;
const midNum = (c: number) => c === W_MID_NUM || c === W_MID_NUM_LET || c === W_SINGLE_QUOTE;

/** Whether the word rules put no boundary between classes[i - 1] and classes[i] (0 < i < classes.length). */
function wordJoins(classes: Uint8Array, i: number): boolean {
  const before = classes[i - 1]!;
  const after = classes[i]!;
  if (before === W_CR && after === W_LF) return true; // WB3
  if (before === W_CR || before === W_LF || before === W_NEWLINE) return false; // WB3a
  if (after === W_CR || after === W_LF || after === W_NEWLINE) return false; // WB3b
  if (before === W_SPACE && after === W_SPACE) return true; // WB3d
  if (wordy(before) && wordy(after)) return true; // WB5, WB8, WB9, WB10
  // WB6/WB7: letter × mid letter (or . or ') × letter.
  if (before === W_LETTER && midLetter(after) && i + 1 < classes.length && classes[i + 1] === W_LETTER) return true;
  if (midLetter(before) && after === W_LETTER && i >= 2 && classes[i - 2] === W_LETTER) return true;
  // WB11/WB12: number × mid number (or . or ') × number.
  if (before === W_NUMERIC && midNum(after) && i + 1 < classes.length && classes[i + 1] === W_NUMERIC) return true;
  if (midNum(before) && after === W_NUMERIC && i >= 2 && classes[i - 2] === W_NUMERIC) return true;
  // WB13a/WB13b: underscores join letters, digits and each other.
  if (after === W_EXTEND_NUM_LET && (wordy(before) || before === W_EXTEND_NUM_LET)) return true;
  if (before === W_EXTEND_NUM_LET && wordy(after)) return true;
  return false; // WB999
}

/** The word segments of ASCII `text`, as Intl.Segmenter('und', {granularity: 'word'}) gives them. */
export function* asciiWordSegments(text: string): Generator<AsciiSegment> {
  const n = text.length;
  const classes = new Uint8Array(n);
  for (let i = 0; i < n; i++) classes[i] = WORD_CLASS[text.charCodeAt(i)]!;
  let start = 0;
  // ICU's word-like status: a letter or digit in the segment, or two or more underscores (ICU's rule status 200).
  let wordLike = false;
  for (let i = 1; i <= n; i++) {
    const c = classes[i - 1]!;
    if (wordy(c)) wordLike = true;
    if (i < n && wordJoins(classes, i)) continue;
    if (!wordLike && c === W_EXTEND_NUM_LET && i - start > 1) wordLike = true;
    yield { segment: text.slice(start, i), index: start, isWordLike: wordLike };
    start = i;
    wordLike = false;
  }
}

// Sentence_Break values of the ASCII characters (UAX #29 table 4).
const S_OTHER = 0;
const S_CR = 1;
const S_LF = 2;
const S_SP = 3; // TAB, VT, FF, SPACE
const S_LOWER = 4;
const S_UPPER = 5;
const S_NUMERIC = 6;
const S_ATERM = 7; // '.'
const S_STERM = 8; // '!' '?'
const S_CLOSE = 9; // '"' "'" '(' ')' '[' ']' '{' '}'
const S_SCONTINUE = 10; // ',' '-' ':' ';'

const SENTENCE_CLASS = new Uint8Array(128);
for (let c = 0; c < 128; c++) {
  const ch = String.fromCharCode(c);
  SENTENCE_CLASS[c] =
    c === 13
      ? S_CR
      : c === 10
        ? S_LF
        : c === 9 || c === 11 || c === 12 || c === 32
          ? S_SP
          : /[a-z]/.test(ch)
            ? S_LOWER
            : /[A-Z]/.test(ch)
              ? S_UPPER
              : /[0-9]/.test(ch)
                ? S_NUMERIC
                : ch === '.'
                  ? S_ATERM
                  : ch === '!' || ch === '?'
                    ? S_STERM
                    : '"\'()[]{}'.includes(ch)
                      ? S_CLOSE
                      : ',-:;'.includes(ch)
                        ? S_SCONTINUE
                        : S_OTHER;
}

const isParaSep = (c: number) => c === S_CR || c === S_LF;
const isSATerm = (c: number) => c === S_ATERM || c === S_STERM;

/**
 * The sentence segments of ASCII `text`, as Intl.Segmenter('und', {granularity: 'sentence'}) gives them. One pass
 * each way: the look-ahead of SB8 is precomputed right to left, the context of SB6–SB11 (SATerm Close* Sp* just
 * before the position) is carried left to right, so any text takes linear time.
 */
export function* asciiSentenceSegments(text: string): Generator<AsciiSegment> {
  const n = text.length;
  const classes = new Uint8Array(n);
  for (let i = 0; i < n; i++) classes[i] = SENTENCE_CLASS[text.charCodeAt(i)]!;
  // lowerAhead[i]: the first Upper, Lower, ParaSep or SATerm at or after i is Lower (SB8).
  const lowerAhead = new Uint8Array(n + 1);
  for (let i = n - 1; i >= 0; i--) {
    const c = classes[i]!;
    lowerAhead[i] = c === S_LOWER ? 1 : c === S_UPPER || isParaSep(c) || isSATerm(c) ? 0 : lowerAhead[i + 1]!;
  }
  let start = 0;
  // The SATerm Close* Sp* run ending at the current position: its terminator (-1: none), the class before the
  // terminator, and how many closes and spaces follow it.
  let term = -1;
  let beforeTerm = -1;
  let closes = 0;
  let spaces = 0;
  for (let i = 1; i <= n; i++) {
    const before = classes[i - 1]!;
    if (isSATerm(before)) {
      term = before;
      beforeTerm = i >= 2 ? classes[i - 2]! : -1;
      closes = 0;
      spaces = 0;
    } else if (before === S_CLOSE && term >= 0 && spaces === 0) closes++;
    else if (before === S_SP && term >= 0) spaces++;
    else term = -1;
    if (i < n && !breaksAt(i)) continue;
    yield { segment: text.slice(start, i), index: start };
    start = i;
  }

  /** Whether a boundary falls between text[i - 1] and text[i] (0 < i < n). */
  function breaksAt(i: number): boolean {
    const before = classes[i - 1]!;
    const after = classes[i]!;
    if (before === S_CR && after === S_LF) return false; // SB3
    if (isParaSep(before)) return true; // SB4
    if (term < 0) return false; // SB998
    if (term === S_ATERM && spaces === 0 && closes === 0) {
      if (after === S_NUMERIC) return false; // SB6
      if (after === S_UPPER && (beforeTerm === S_UPPER || beforeTerm === S_LOWER)) return false; // SB7
    }
    if (term === S_ATERM && lowerAhead[i] === 1) return false; // SB8
    if (after === S_SCONTINUE || isSATerm(after)) return false; // SB8a
    if (spaces === 0 && (after === S_CLOSE || after === S_SP || isParaSep(after))) return false; // SB9
    if (after === S_SP || isParaSep(after)) return false; // SB10
    return true; // SB11
  }
}

/** The grapheme clusters of ASCII `text`: every character alone, except CR LF (GB3). */
export function* asciiGraphemeSegments(text: string): Generator<AsciiSegment> {
  for (let i = 0; i < text.length; i++) {
    const length = text.charCodeAt(i) === 13 && text.charCodeAt(i + 1) === 10 ? 2 : 1;
    yield { segment: text.slice(i, i + length), index: i };
    i += length - 1;
  }
}
