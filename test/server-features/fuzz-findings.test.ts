// Regression tests for what `npm run fuzz` found in the language features.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { provideCodeActions } from '../../server/features';
import { diagnosticsIn, hostOf, paramsFor, snapshotOf } from './harness';

describe('fuzz findings: language features', () => {
  it('code actions on a prompt whose frontmatter holds a YAML alias inside itself (a: &a [*a, *a]) still answer', async () => {
    const uri = '/w/cyclic.prompt.md';
    const text =
      '---\nmodel: gpt-4o\nconstraints:\n  words: {max: 5}\na: &a [*a, *a]\nb: *a\n---\nStop at <|endoftext|> please.\n';
    const snapshot = await snapshotOf(uri, text, { files: { '/w/cyclic.sample.json': '{"x": 1}' } });
    const diagnostics = diagnosticsIn(snapshot, snapshot.textDocument);
    const special = diagnostics.filter((d) => d.code === 'tokens/special-token');
    assert.equal(special.length, 1);
    const actions = provideCodeActions(
      snapshot.textDocument,
      snapshot,
      paramsFor(snapshot.textDocument, special),
      hostOf([snapshot]),
    );
    const titles = actions.map((a) => a.title);
    assert.ok(
      titles.some((t) => /Disable tokens\/special-token for this line/i.test(t)),
      titles.join(' | '),
    );
  });
});
