// `frequency`: how often given words or phrases occur (whole word, case-insensitive).
import type { ConstraintModule } from '../module';
import { occurrences } from '../measure/occurrences';
import { countedItemsResult, parseCountedItems, type CountedItem } from './counted-items';

export const frequency: ConstraintModule<CountedItem[]> = {
  key: 'frequency',
  parse: (value) =>
    parseCountedItems('frequency', 'word', value, (w) => (w.trim() === '' ? 'word must be non-empty' : undefined)),
  check: (items, completion) =>
    countedItemsResult(
      'frequency',
      items.map(({ item, range }) => ({
        item: item.trim(),
        range,
        spans: occurrences(completion, item.trim(), { wholeWord: true, caseSensitive: false }),
      })),
    ),
};
