// The length-factors data file is what the measurement script produces from the corpus today.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  CORPUS,
  CORPUS_DIR,
  FACTORS_FILE,
  measureLengthFactors,
  renderLengthFactors,
} from '../../scripts/measure-length-factors';
import { minimumTokens, tokensPerUnit } from '../../core/constraints-sanity';

describe('length factors', () => {
  it('core/constraints-sanity/length-factors.json is current (re-run scripts/measure-length-factors.ts if not)', () => {
    const measured = renderLengthFactors(measureLengthFactors((file) => readFileSync(join(CORPUS_DIR, file), 'utf8')));
    assert.equal(readFileSync(FACTORS_FILE, 'utf8'), measured);
  });

  it('every corpus file is listed in the script', () => {
    const listed = CORPUS.map((c) => c.file).sort();
    const present = readdirSync(CORPUS_DIR).sort();
    assert.deepEqual(listed, present);
  });

  it('bounds are below every mean (a lower bound, not an average)', () => {
    const data = JSON.parse(readFileSync(FACTORS_FILE, 'utf8')) as {
      encodings: Record<string, Record<string, { lowerBound: number; min: number; mean: number }>>;
    };
    for (const units of Object.values(data.encodings)) {
      for (const [unit, stats] of Object.entries(units)) {
        assert.ok(stats.lowerBound <= stats.min && stats.lowerBound < stats.mean, unit);
      }
    }
  });

  it('minimumTokens rounds down and counts tokens one for one', () => {
    assert.equal(tokensPerUnit('words', 'o200k_base'), 1.11);
    assert.equal(minimumTokens('words', 500, 'o200k_base'), 555);
    assert.equal(minimumTokens('words', 450, 'cl100k_base'), 504);
    assert.equal(minimumTokens('characters', 6000, 'o200k_base'), 1080);
    assert.equal(minimumTokens('tokens', 300, 'cl100k_base'), 300);
    assert.equal(minimumTokens('lines', 7, 'o200k_base'), 7);
  });
});
