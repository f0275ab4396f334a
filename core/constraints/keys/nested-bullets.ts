// `nestedBullets`: the completion has list items and each has sub-items (IFBench `format:sub-bullets`:
// "bullet points denoted by * and at least one sub-bullet point denoted by - for each"). The value counts
// the sub-items each item must have. Without markers, items are Markdown list items indented by less than
// two spaces and sub-items are list items indented further; with `markers` and `subMarkers`, items and
// sub-items are lines (outside code fences) that start, after any indentation, with one of those markers
// and a space. Under `compat: ifbench`, IFBench's reading: the text split at every first marker (`*`,
// also inside `**bold**`), each piece after the first holding the sub-marker (`-`, anywhere) as often as
// counted; no items at all passes there.
import type { Span } from '../../diagnostic';
import type { ConstraintModule } from '../module';
import type { ConstraintResult } from '../types';
import { countFor, isRecord, isValueError, unknownProperty, valueError } from '../module';
import { inRange, parseCount, type CountRange } from '../count';
import { proseLines } from '../measure/markdown';

interface NestedBullets {
  count: CountRange;
  markers?: string[];
  subMarkers?: string[];
}

const LIST_ITEM = /^( *)(?:[-*+]|\d{1,9}[.)])[ \t]+\S/;
const THEMATIC_BREAK = /^\s{0,3}([-*_])(?:\s*\1){2,}\s*$/;

function markerList(value: unknown): string[] | undefined {
  return Array.isArray(value) && value.length > 0 && value.every((m) => typeof m === 'string' && m.trim() !== '' && !/\s/.test(m))
    ? (value as string[])
    : undefined;
}

export const nestedBullets: ConstraintModule<NestedBullets> = {
  key: 'nestedBullets',
  parse(value) {
    if (!isRecord(value) || !('count' in value || 'markers' in value || 'subMarkers' in value)) {
      const count = countFor('nestedBullets', value);
      return isValueError(count) ? count : { count };
    }
    const extra = unknownProperty(value, ['count', 'markers', 'subMarkers']);
    if (extra)
      return valueError('nestedBullets', `nestedBullets: unknown property "${extra}" (expected count, markers, subMarkers)`);
    const count = value.count === undefined ? (parseCount({ min: 1 }) as CountRange) : countFor('nestedBullets', value.count);
    if (isValueError(count)) return count;
    if (value.markers === undefined && value.subMarkers === undefined) return { count };
    const markers = markerList(value.markers);
    const subMarkers = markerList(value.subMarkers);
    if (!markers || !subMarkers)
      return valueError(
        'nestedBullets',
        'nestedBullets: markers and subMarkers go together, each a list of markers without spaces',
      );
    return { count, markers, subMarkers };
  },
  check(nb, completion, ctx) {
    if (ctx.compat === 'ifbench') return ifbenchCheck(nb, completion);
    const items = itemsWithSubItems(completion, nb);
    const bad = items.filter((it) => !inRange(it.subItems, nb.count));
    const required = `${nb.count.label} sub-items under each item`;
    if (items.length === 0) {
      return {
        key: 'nestedBullets',
        pass: false,
        measured: 'no items',
        required,
        message: `no list items; ${required} required`,
        ranges: [],
      };
    }
    return {
      key: 'nestedBullets',
      pass: bad.length === 0,
      measured: bad.length === 0 ? `${items.length} items` : `${bad.length} of ${items.length} items`,
      required,
      message:
        bad.length === 0
          ? `each of ${items.length} items has ${nb.count.label} sub-items`
          : `${bad.length} of ${items.length} items ${bad.length === 1 ? 'has' : 'have'} a number of sub-items out of range; ${required} required`,
      ranges: bad.map((it) => it.span),
    };
  },
};

interface Item {
  span: Span;
  subItems: number;
}

function itemsWithSubItems(text: string, nb: NestedBullets): Item[] {
  const items: Item[] = [];
  for (const line of proseLines(text)) {
    const kind = classify(line.text, nb);
    if (kind === 'item') {
      const start = line.text.length - line.text.trimStart().length;
      items.push({ span: { offset: line.offset + start, length: line.text.trim().length }, subItems: 0 });
    } else if (kind === 'sub' && items.length > 0) {
      items[items.length - 1]!.subItems++;
    }
  }
  return items;
}

function classify(line: string, nb: NestedBullets): 'item' | 'sub' | undefined {
  if (!nb.markers || !nb.subMarkers) {
    const m = LIST_ITEM.exec(line);
    if (!m || THEMATIC_BREAK.test(line)) return undefined;
    return m[1]!.length < 2 ? 'item' : 'sub';
  }
  const body = line.trimStart();
  const indented = body.length < line.length;
  const starts = (markers: string[]): boolean =>
    markers.some((m) => body.startsWith(m) && /^[ \t]+\S/.test(body.slice(m.length)));
  const sub = starts(nb.subMarkers);
  const item = starts(nb.markers);
  if (sub && (!item || indented)) return 'sub';
  return item ? 'item' : undefined;
}

/** IFBench's reading: `value.split(marker)`, and each piece after the first holds the sub-marker (counted). */
function ifbenchCheck(nb: NestedBullets, completion: string): ConstraintResult {
  const marker = nb.markers?.[0] ?? '*';
  const subMarker = nb.subMarkers?.[0] ?? '-';
  const pieces = completion.split(marker);
  const required = `${nb.count.label} "${subMarker}" after each "${marker}"`;
  let offset = pieces[0]!.length;
  for (let i = 1; i < pieces.length; i++) {
    const n = pieces[i]!.split(subMarker).length - 1;
    if (!inRange(n, nb.count)) {
      return {
        key: 'nestedBullets',
        pass: false,
        measured: `${n} after "${marker}" number ${i}`,
        required,
        message: `${n} "${subMarker}" between "${marker}" number ${i} and the next; ${required} required`,
        ranges: [{ offset, length: marker.length + pieces[i]!.length }],
      };
    }
    offset += marker.length + pieces[i]!.length;
  }
  return {
    key: 'nestedBullets',
    pass: true,
    measured: `${pieces.length - 1} items`,
    required,
    message: `each "${marker}" is followed by ${nb.count.label} "${subMarker}"`,
    ranges: [],
  };
}
