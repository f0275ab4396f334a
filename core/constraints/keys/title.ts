// `title`: the completion contains a title in double angular brackets, <<like this>>, or between other
// markers (`{open: "《", close: "》"}`, `{open: "【", close: "】"}`): non-blank text on one line between them.
import type { ConstraintModule } from '../module';
import { isRecord, parseFlag, unknownProperty, valueError } from '../module';
import { titles } from '../measure/markdown';
import type { Span } from '../../diagnostic';

type Markers = { open: string; close: string } | true;

/** Titles between `open` and `close`: text with no line break and something other than whitespace. */
function markedTitles(text: string, open: string, close: string): Span[] {
  const out: Span[] = [];
  let from = 0;
  for (;;) {
    const start = text.indexOf(open, from);
    if (start < 0) return out;
    const end = text.indexOf(close, start + open.length);
    if (end < 0) return out;
    const inner = text.slice(start + open.length, end);
    if (!inner.includes('\n') && inner.trim() !== '') {
      out.push({ offset: start, length: end + close.length - start });
      from = end + close.length;
    } else {
      from = start + open.length;
    }
  }
}

export const title: ConstraintModule<Markers> = {
  key: 'title',
  parse(value) {
    if (!isRecord(value)) return parseFlag('title', value);
    const extra = unknownProperty(value, ['open', 'close']);
    if (extra) return valueError('title', `title: unknown property "${extra}" (expected open, close)`);
    const { open, close } = value;
    if (typeof open !== 'string' || open === '' || typeof close !== 'string' || close === '') {
      return valueError('title', 'title: expected true, or {open, close} markers, e.g. {open: "《", close: "》"}');
    }
    return { open, close };
  },
  check(markers, completion) {
    const found = markers === true ? titles(completion) : markedTitles(completion, markers.open, markers.close);
    const shape = markers === true ? '<<title>>' : `${markers.open}title${markers.close}`;
    const first = found[0];
    return {
      key: 'title',
      pass: first !== undefined,
      measured: first ? completion.slice(first.offset, first.offset + first.length) : 'no title',
      required: `a ${shape}`,
      message: first
        ? `has the title ${completion.slice(first.offset, first.offset + first.length)}`
        : markers === true
          ? 'no <<title>>; a title in double angular brackets required'
          : `no ${shape}; a title between ${markers.open} and ${markers.close} required`,
      ranges: [],
    };
  },
};
