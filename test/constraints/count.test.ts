// Every count spelling of docs/constraints.md (and the schema's {exactly, tolerance}) parses to the inclusive range it means.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { describeRange, inRange, isCountError, parseCount, type CountRange } from '../../core/constraints/count';

function range(value: unknown): CountRange {
  const r = parseCount(value);
  assert.ok(!isCountError(r), `${JSON.stringify(value)}: ${JSON.stringify(r)}`);
  return r;
}

function bounds(value: unknown): [number | undefined, number | undefined] {
  const r = range(value);
  return [r.min, r.max];
}

describe('parseCount', () => {
  const forms: Array<[unknown, number | undefined, number | undefined, string]> = [
    [5, 5, 5, 'exactly 5'],
    [0, 0, 0, 'exactly 0'],
    [{ min: 3 }, 3, undefined, 'at least 3'],
    [{ max: 120 }, undefined, 120, 'at most 120'],
    [{ min: 3, max: 6 }, 3, 6, 'between 3 and 6'],
    [{ min: 4, max: 4 }, 4, 4, 'exactly 4'],
    [{ exactly: 7 }, 7, 7, 'exactly 7'],
    [{ exactly: 100, tolerance: 5 }, 95, 105, 'between 95 and 105 (100 ±5)'],
    [{ exactly: 100, tolerance: '10%' }, 90, 110, 'between 90 and 110 (100 ±10%)'],
    [{ exactly: 100, tolerance: ' 10 % ' }, 90, 110, 'between 90 and 110 (100 ±10%)'],
    // 15 ± 1.5 = 13.5..16.5, rounded outward
    [{ exactly: 15, tolerance: '10%' }, 13, 17, 'between 13 and 17 (15 ±10%)'],
    [{ exactly: 10, tolerance: 2.5 }, 7, 13, 'between 7 and 13 (10 ±2.5)'],
    // 3 ± 5 would go below zero
    [{ exactly: 3, tolerance: 5 }, 0, 8, 'between 0 and 8 (3 ±5)'],
    ['<=100', undefined, 100, 'at most 100'],
    ['<100', undefined, 99, 'fewer than 100'],
    ['>=3', 3, undefined, 'at least 3'],
    ['>3', 4, undefined, 'more than 3'],
    ['100..150', 100, 150, 'between 100 and 150'],
    [' 100 .. 150 ', 100, 150, 'between 100 and 150'],
    ['~100', 90, 110, 'between 90 and 110 (~100)'],
    // 15 ± 1.5 → 13..17; 30 ± 3 exactly (no float noise widening it)
    ['~15', 13, 17, 'between 13 and 17 (~15)'],
    ['~30', 27, 33, 'between 27 and 33 (~30)'],
    [' <= 5 ', undefined, 5, 'at most 5'],
  ];
  for (const [value, min, max, label] of forms) {
    it(`${JSON.stringify(value)} → ${label}`, () => {
      assert.deepEqual(bounds(value), [min, max]);
      assert.equal(range(value).label, label);
    });
  }

  const bad: unknown[] = [
    -1,
    1.5,
    'abc',
    '150..100',
    '<0',
    { min: 5, max: 3 },
    { min: 1, foo: 2 },
    {},
    { exactly: 5, tolerance: 'x' },
    { exactly: -2 },
    { exactly: 5, min: 1 },
    { min: '3' },
    null,
    true,
    [3],
  ];
  for (const value of bad) {
    it(`rejects ${JSON.stringify(value)}`, () => {
      const r = parseCount(value);
      assert.ok(isCountError(r), `${JSON.stringify(value)} parsed as ${JSON.stringify(r)}`);
      assert.ok(r.error.length > 0);
    });
  }
});

describe('inRange at the boundaries', () => {
  it('inclusive on both ends', () => {
    const r = range({ min: 3, max: 6 });
    assert.deepEqual(
      [2, 3, 6, 7].map((n) => inRange(n, r)),
      [false, true, true, false],
    );
  });
  it('"<100" allows 99, not 100', () => {
    assert.deepEqual(
      [99, 100].map((n) => inRange(n, range('<100'))),
      [true, false],
    );
  });
  it('">3" allows 4, not 3', () => {
    assert.deepEqual(
      [3, 4].map((n) => inRange(n, range('>3'))),
      [false, true],
    );
  });
  it('"~100" allows 90 and 110, not 89 or 111', () => {
    assert.deepEqual(
      [89, 90, 110, 111].map((n) => inRange(n, range('~100'))),
      [false, true, true, false],
    );
  });
});

describe('describeRange', () => {
  it('says exactly, at most, at least, between', () => {
    assert.equal(describeRange({ min: 5, max: 5 }), 'exactly 5');
    assert.equal(describeRange({ max: 120 }), 'at most 120');
    assert.equal(describeRange({ min: 3 }), 'at least 3');
    assert.equal(describeRange({ min: 3, max: 6 }), 'between 3 and 6');
  });
});
