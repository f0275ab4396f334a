// Compiles the constraint detectors' regular expressions ahead of need, one small step at a time.
//
// V8 compiles a regular expression when it first runs: to bytecode on the first run, to machine code on the second,
// and once more for strings that need two bytes per character. The detectors' patterns are large, so on a cold
// server the first paragraph scanned cost a few hundred milliseconds of compiling in one go. Running each pattern on
// a tiny text, a pattern per step, does that work in slices that other messages can come between
// (docs/editor-performance.md, "Never blocking"). The compiled code belongs to the pattern, so this is done once per
// process.
import { DETECTOR_PATTERNS, detectConstraints, maskCode } from './detect';

/** One byte per character, and the same with a character that makes V8 store it with two. */
const SUBJECTS = ['ab', 'a\u2019b'];

/** Phrases that reach the checks run only on a match (negation, conditions, lists), with and without two-byte text. */
const PHRASES =
  'Answer in at most 50 words. Respond only in JSON. Write 3 paragraphs, separated by ***. Use the word "peace" at ' +
  'least 3 times and include the keywords "war" and "love". Do not use any commas. Paragraph 2 must start with ' +
  'the word "Hello". Highlight at least 2 sections. Mark each section with Section X. Write in all lowercase ' +
  'letters. Respond in French only. End your response with "Is there anything else?". Use `code` here.\n\n';

function run(pattern: RegExp, subject: string): void {
  pattern.lastIndex = 0;
  pattern.exec(subject);
  pattern.lastIndex = 0;
}

function steps(): Array<() => void> {
  const list: Array<() => void> = [];
  for (const pattern of DETECTOR_PATTERNS) {
    // The first run compiles bytecode; the second machine code, which the two-byte run then compiles for its kind.
    list.push(() => run(pattern, SUBJECTS[0]));
    list.push(() => run(pattern, SUBJECTS[0]));
    list.push(() => run(pattern, SUBJECTS[1]));
  }
  for (const text of [PHRASES, `${PHRASES}\u201cQuoted\u201d \u2014 twice.`]) {
    for (let i = 0; i < 2; i++) list.push(() => void detectConstraints(maskCode(text).masked));
  }
  return list;
}

/** The warm-up's progress; shared by the process (compiled patterns are), driven by the server and by lints. */
class DetectorWarmUp {
  private pending: Array<() => void> | undefined;
  private index = 0;

  /** Steps run so far (each one pattern's run, or one scan of the sample phrases). */
  get done(): number {
    return this.index;
  }

  get total(): number {
    return (this.pending ??= steps()).length;
  }

  get finished(): boolean {
    return this.index >= this.total;
  }

  /** Runs the next step; false when there was none left. A step never throws (the patterns are linear, the texts tiny). */
  step(): boolean {
    const list = (this.pending ??= steps());
    if (this.index >= list.length) return false;
    try {
      list[this.index]();
    } catch {
      // Compiling again on first real use is slower, never wrong.
    }
    this.index++;
    return true;
  }
}

export const detectorWarmUp = new DetectorWarmUp();
