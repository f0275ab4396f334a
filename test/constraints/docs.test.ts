// docs/constraints.md has one table row per registered constraint key, and no row for a key that does not exist.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { CONSTRAINT_KEYS } from '../../core/constraints/registry';

const doc = readFileSync(path.join(import.meta.dirname, '../../docs/constraints.md'), 'utf8');
const rows = [...doc.matchAll(/^\| `(\w+)` \| .* \| .* \| .* \| .* \| .* \|$/gm)].map((m) => m[1]!);

describe('docs/constraints.md', () => {
  it('documents every registered key, each once', () => {
    assert.equal(CONSTRAINT_KEYS.length, 73);
    assert.deepEqual([...rows].sort(), [...CONSTRAINT_KEYS].sort());
  });
  it('every row has an example that uses its key', () => {
    for (const line of doc.split('\n').filter((l) => /^\| `\w+` \|/.test(l) && l.split(' | ').length >= 6)) {
      const key = /^\| `(\w+)`/.exec(line)![1]!;
      assert.match(line, new RegExp(`\\| \`${key}: .+\` \\|$`), `${key} has no example`);
    }
  });
});
