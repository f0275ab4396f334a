// `oneWordPerLine`: each word stands on a line of its own (IFBench `format:newline`): with ASCII punctuation
// removed, the non-empty lines of the trimmed completion are exactly as many as its words.
import type { ConstraintModule } from '../module';
import { parseFlag } from '../module';
import { pySplit, stripAsciiPunctuation } from './python-text';
import { pyStrip } from '../ifeval/python';

export const oneWordPerLine: ConstraintModule<true> = {
  key: 'oneWordPerLine',
  parse: (value) => parseFlag('oneWordPerLine', value),
  check(_on, completion) {
    const text = pyStrip(stripAsciiPunctuation(completion));
    const lines = text.split('\n').filter((l) => l !== '');
    const words = pySplit(text);
    // Offsets are of the original text: point at each line that holds more than one word.
    const ranges: { offset: number; length: number }[] = [];
    let offset = 0;
    for (const line of completion.split('\n')) {
      if (pySplit(stripAsciiPunctuation(line)).length > 1) ranges.push({ offset, length: line.length });
      offset += line.length + 1;
    }
    const pass = lines.length === words.length;
    return {
      key: 'oneWordPerLine',
      pass,
      measured: `${words.length} words on ${lines.length} lines`,
      required: 'one word per line',
      message: pass ? 'one word per line' : `${words.length} words on ${lines.length} non-empty lines`,
      ranges,
    };
  },
};
