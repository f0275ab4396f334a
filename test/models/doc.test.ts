// docs/models.md carries the generated model table; this fails when the table changed and the doc did not.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { DOC_PATH, renderModelTable, updateModelsDoc } from '../../scripts/models-doc';
import { MODEL_TABLE_VERSION, MODELS } from '../../core/models';

describe('docs/models.md', () => {
  it('is up to date with core/models/models.json (run node --import tsx scripts/models-doc.ts)', () => {
    const doc = readFileSync(DOC_PATH, 'utf8');
    assert.equal(updateModelsDoc(doc), doc);
  });

  it('has one row per model, marking approximate counts with ≈', () => {
    const rows = renderModelTable(MODELS, MODEL_TABLE_VERSION)
      .split('\n')
      .filter((line) => line.startsWith('| `'));
    assert.equal(rows.length, MODELS.length);
    for (const [i, entry] of MODELS.entries()) assert.equal(rows[i].includes('≈'), entry.tokenizer === 'approximate', entry.id);
  });

  it('formats numbers independently of the locale', () => {
    assert.match(renderModelTable(MODELS, MODEL_TABLE_VERSION), /\| 1,047,576 \|/);
  });
});
