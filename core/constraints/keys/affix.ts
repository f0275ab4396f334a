// What `startsWith` and `endsWith` share: the `string | {text, caseSensitive}` value and the comparison.
import type { Span } from '../../diagnostic';
import type { ConstraintValueError } from '../types';
import { isRecord, trimmed, unknownProperty, valueError } from '../module';

export interface Affix {
  text: string;
  caseSensitive: boolean;
}

export function parseAffix(key: string, value: unknown): Affix | ConstraintValueError {
  if (typeof value === 'string' && value.trim() !== '') return { text: value.trim(), caseSensitive: false };
  if (!isRecord(value)) return valueError(key, `${key}: expected text or {text, caseSensitive}`);
  const extra = unknownProperty(value, ['text', 'caseSensitive']);
  if (extra) return valueError(key, `${key}: unknown property "${extra}" (expected text, caseSensitive)`);
  const { text, caseSensitive = false } = value;
  if (typeof text !== 'string' || text.trim() === '') return valueError(key, `${key}: text must be non-empty`);
  if (typeof caseSensitive !== 'boolean') return valueError(key, `${key}: caseSensitive must be true or false`);
  return { text: text.trim(), caseSensitive };
}

/**
 * Compares the trimmed completion's head or tail with the affix. On a mismatch the range is the part of
 * the completion that stands where the affix should be (its last line for `end`, its first for `start`).
 */
export function compareAffix(completion: string, affix: Affix, at: 'start' | 'end'): { pass: boolean; range: Span } {
  const { text, offset } = trimmed(completion);
  const n = affix.text.length;
  const piece = at === 'start' ? text.slice(0, n) : text.slice(Math.max(0, text.length - n));
  const same = affix.caseSensitive ? piece === affix.text : piece.toLowerCase() === affix.text.toLowerCase();
  return { pass: same && text.length >= n, range: lineAt(text, offset, at) };
}

function lineAt(text: string, offset: number, at: 'start' | 'end'): Span {
  if (at === 'start') {
    const nl = text.search(/\r?\n|\r/);
    return { offset, length: nl < 0 ? text.length : nl };
  }
  const start = Math.max(text.lastIndexOf('\n'), text.lastIndexOf('\r')) + 1;
  return { offset: offset + start, length: text.length - start };
}
