// The JSON Schemas as published: stable `$id`s that resolve to the files in this repository, and `promptbound init`'s
// yaml-language-server modeline pointing at the config schema's `$id`.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { REPO, runMain, tempTree } from './helpers';

const RAW = 'https://raw.githubusercontent.com/promptbound/promptbound/main/';

describe('published schemas', () => {
  for (const file of ['schemas/frontmatter.schema.json', 'schemas/config.schema.json']) {
    it(`${file} has a stable $id: the file's raw URL on the main branch, without a version`, () => {
      const schema = JSON.parse(readFileSync(path.join(REPO, file), 'utf8'));
      assert.equal(schema.$id, `${RAW}${file}`);
      assert.equal(schema.$schema, 'http://json-schema.org/draft-07/schema#');
      assert.ok(
        typeof schema.title === 'string' && typeof schema.description === 'string',
        'a catalog needs a title and a description',
      );
    });
  }

  it('promptbound init starts the file with a yaml-language-server modeline naming the config schema', async () => {
    const { dir, cleanup } = tempTree({});
    try {
      assert.equal((await runMain(['init'], { cwd: dir })).status, 0);
      const [first, second] = readFileSync(path.join(dir, '.promptbound.yaml'), 'utf8').split('\n');
      assert.equal(first, `# yaml-language-server: $schema=${RAW}schemas/config.schema.json`);
      assert.doesNotMatch(second!, /JSON Schema:/, 'the modeline replaces the plain comment');
    } finally {
      cleanup();
    }
  });

  it('docs/schemas.md explains the modeline and the SchemaStore entry with the real file names', () => {
    const doc = readFileSync(path.join(REPO, 'docs', 'schemas.md'), 'utf8');
    assert.match(doc, /SchemaStore/);
    assert.ok(doc.includes(`${RAW}schemas/config.schema.json`));
    for (const name of ['.promptbound.yaml', '.promptbound.yml', '.promptbound.json']) assert.ok(doc.includes(name), name);
  });
});
