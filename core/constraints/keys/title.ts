// `title`: the completion contains a title in double angular brackets, <<like this>>.
import type { ConstraintModule } from '../module';
import { parseFlag } from '../module';
import { titles } from '../measure/markdown';

export const title: ConstraintModule<true> = {
  key: 'title',
  parse: (value) => parseFlag('title', value),
  check(_on, completion) {
    const found = titles(completion);
    const first = found[0];
    return {
      key: 'title',
      pass: first !== undefined,
      measured: first ? completion.slice(first.offset, first.offset + first.length) : 'no title',
      required: 'a <<title>>',
      message: first ? `has the title ${completion.slice(first.offset, first.offset + first.length)}` : 'no <<title>>; a title in double angular brackets required',
      ranges: [],
    };
  },
};
