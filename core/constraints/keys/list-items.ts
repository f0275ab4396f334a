// `listItems`: the completion is exactly the given items, in this order, separated by a separator (IFBench
// `custom:european_capitals_sort`: capitals "separated by commas, sorted by latitude"). Items are trimmed
// and empty ones skipped; `ignoreAccents` compares without diacritics (`Reykjavík` is `Reykjavik`). Under
// `compat: ifbench`, IFBench's reading: Python `strip()`, and `ignoreAccents` as its NFKD-then-ASCII
// folding, which also drops every other character outside ASCII.
import type { ConstraintModule } from '../module';
import { isRecord, unknownProperty, valueError } from '../module';
import { pyStrip } from '../ifeval/python';
import { asciiFold } from './python-text';

interface ListItems {
  items: string[];
  separator: string;
  ignoreAccents: boolean;
}

const MARKS = /\p{M}/gu;

export const listItems: ConstraintModule<ListItems> = {
  key: 'listItems',
  parse(value) {
    if (!isRecord(value)) return valueError('listItems', 'listItems: expected {items, separator, ignoreAccents}');
    const extra = unknownProperty(value, ['items', 'separator', 'ignoreAccents']);
    if (extra)
      return valueError('listItems', `listItems: unknown property "${extra}" (expected items, separator, ignoreAccents)`);
    const { items, separator = ',', ignoreAccents = false } = value;
    if (!Array.isArray(items) || items.length === 0 || !items.every((i) => typeof i === 'string' && i.trim() !== ''))
      return valueError('listItems', 'listItems: items must be a non-empty list of non-empty texts');
    if (typeof separator !== 'string' || separator === '')
      return valueError('listItems', 'listItems: separator must be non-empty text');
    if (typeof ignoreAccents !== 'boolean') return valueError('listItems', 'listItems: ignoreAccents must be true or false');
    return { items: items as string[], separator, ignoreAccents };
  },
  check({ items, separator, ignoreAccents }, completion, ctx) {
    const ifbench = ctx.compat === 'ifbench';
    const fold = (t: string): string =>
      !ignoreAccents ? t : ifbench ? asciiFold(t) : t.normalize('NFKD').replace(MARKS, '').normalize('NFC');
    const trim = ifbench ? pyStrip : (t: string): string => t.trim();
    const got = fold(completion)
      .split(separator)
      .filter((p) => trim(p) !== '')
      .map(trim);
    const want = items.map((i) => (ifbench ? i : trim(fold(i))));
    let at = 0;
    while (at < got.length && at < want.length && got[at] === want[at]) at++;
    const pass = at === got.length && at === want.length;
    const required = `the ${want.length} items in order`;
    return {
      key: 'listItems',
      pass,
      measured: pass
        ? `${got.length} items`
        : at < Math.min(got.length, want.length)
          ? `item ${at + 1} differs`
          : `${got.length} items`,
      required,
      message: pass
        ? `the ${want.length} items in order`
        : at < Math.min(got.length, want.length)
          ? `item ${at + 1} is ${JSON.stringify(got[at])}; ${JSON.stringify(want[at])} required`
          : `${got.length} items; ${required} required`,
      ranges: [],
    };
  },
};
