// `letters`: how often given letters occur (case-insensitive, anywhere in the text).
import type { ConstraintModule } from '../module';
import { occurrences } from '../measure/occurrences';
import { countedItemsResult, parseCountedItems, type CountedItem } from './counted-items';

export const letters: ConstraintModule<CountedItem[]> = {
  key: 'letters',
  parse: (value) =>
    parseCountedItems('letters', 'letter', value, (l) => ([...l].length === 1 ? undefined : `"${l}" is not one letter`)),
  check: (items, completion) =>
    countedItemsResult(
      'letters',
      items.map(({ item, range }) => ({
        item,
        range,
        spans: occurrences(completion, item, { wholeWord: false, caseSensitive: false }),
      })),
    ),
};
