// Shared test setup for constraint checks: a context, one-call parse+check, and slicing ranges back to text.
import assert from 'node:assert/strict';
import type { Span } from '../../core/diagnostic';
import type { CheckContext, ConstraintResult } from '../../core/constraints/types';
import type { TokenCounter } from '../../core/tokens/types';
import { constraintModule } from '../../core/constraints/registry';
import { isValueError } from '../../core/constraints/module';

/** Counts whitespace-separated pieces: a stand-in tokenizer whose counts are easy to derive by hand. */
export const pieceCounter: TokenCounter = {
  encoding: 'o200k_base',
  approximate: false,
  count: (text) => ({ tokens: text.split(/\s+/).filter(Boolean).length, approximate: false, estimated: [] }),
};

export function context(overrides: Partial<CheckContext> = {}): CheckContext {
  return { compat: 'default', mode: 'strict', counter: pieceCounter, promptText: '', ...overrides };
}

/** Parses `value` as `key` would be, then checks `completion`; fails the test when the value does not parse. */
export function run(key: string, value: unknown, completion: string, ctx: CheckContext = context()): ConstraintResult {
  const mod = constraintModule(key);
  assert.ok(mod, `no module for ${key}`);
  const parsed = mod.parse(value);
  assert.ok(
    parsed !== undefined && !isValueError(parsed),
    `${key}: ${JSON.stringify(value)} did not parse: ${JSON.stringify(parsed)}`,
  );
  return mod.check(parsed, completion, ctx);
}

/** What `parse` says about a value: 'off' (undefined), 'error: …', or 'ok'. */
export function parseVerdict(key: string, value: unknown): string {
  const parsed = constraintModule(key)!.parse(value);
  if (parsed === undefined) return 'off';
  return isValueError(parsed) ? `error: ${parsed.message}` : 'ok';
}

export function sliceAll(text: string, spans: Span[]): string[] {
  return spans.map((s) => text.slice(s.offset, s.offset + s.length));
}

/** [completion, expected measured value, expected pass] rows against one constraint value. */
export type Row = [completion: string, measured: number | string, pass: boolean];

export function assertRows(key: string, value: unknown, rows: Row[], ctx?: CheckContext): void {
  for (const [completion, measured, pass] of rows) {
    const r = run(key, value, completion, ctx);
    assert.equal(r.measured, measured, `${key} ${JSON.stringify(value)} measured on ${JSON.stringify(completion)}`);
    assert.equal(r.pass, pass, `${key} ${JSON.stringify(value)} verdict on ${JSON.stringify(completion)}: ${r.message}`);
  }
}

/** Word counts by Intl.Segmenter itself: the reference for CJK text. */
export function segmenterWordCount(text: string): number {
  return [...new Intl.Segmenter('und', { granularity: 'word' }).segment(text)].filter((s) => s.isWordLike).length;
}
