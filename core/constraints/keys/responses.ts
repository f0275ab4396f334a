// `responses`: the completion holds a number of distinct, non-empty responses split by a separator (`******`).
import type { Span } from '../../diagnostic';
import type { ConstraintModule } from '../module';
import { countFor, isRecord, isValueError, unknownProperty, valueError } from '../module';
import { countMessage, inRange, type CountRange } from '../count';
import { trimSpan } from '../measure/sentences';

export interface ResponsesConstraint {
  range: CountRange;
  separator: string;
}

export const DEFAULT_SEPARATOR = '******';

export const responses: ConstraintModule<ResponsesConstraint> = {
  key: 'responses',
  parse(value) {
    if (!isRecord(value)) return valueError('responses', 'responses: expected {count, separator}');
    const extra = unknownProperty(value, ['count', 'separator']);
    if (extra) return valueError('responses', `responses: unknown property "${extra}" (expected count, separator)`);
    const range = countFor('responses', value.count);
    if (isValueError(range)) return range;
    const { separator = DEFAULT_SEPARATOR } = value;
    if (typeof separator !== 'string' || separator === '')
      return valueError('responses', 'responses: separator must be non-empty text');
    return { range, separator };
  },
  check({ range, separator }, completion) {
    const parts = splitResponses(completion, separator);
    const duplicate = firstDuplicate(completion, parts);
    const countOk = inRange(parts.length, range);
    const message =
      countOk && duplicate
        ? `${parts.length} responses, but two are identical; ${range.label} distinct required`
        : countMessage(parts.length, 'response', 'responses', range);
    return {
      key: 'responses',
      pass: countOk && !duplicate,
      measured: parts.length,
      required: `${range.label} distinct`,
      message,
      ranges: duplicate ? [duplicate] : [],
    };
  },
};

/** The non-empty, trimmed pieces between separators. */
export function splitResponses(completion: string, separator: string): Span[] {
  const out: Span[] = [];
  let start = 0;
  for (let at = completion.indexOf(separator); ; at = completion.indexOf(separator, start)) {
    const end = at < 0 ? completion.length : at;
    const span = trimSpan(completion, start, end);
    if (span.length > 0) out.push(span);
    if (at < 0) return out;
    start = at + separator.length;
  }
}

/** The second of two identical responses, if any. */
function firstDuplicate(completion: string, parts: Span[]): Span | undefined {
  const seen = new Set<string>();
  for (const p of parts) {
    const text = completion.slice(p.offset, p.offset + p.length);
    if (seen.has(text)) return p;
    seen.add(text);
  }
  return undefined;
}
