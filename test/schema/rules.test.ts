// schema/invalid and schema/unresolved-ref report the loaded problems of their id, with `uri` when the problem is in the schema file.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Report, RuleContext } from '../../core/rules/types';
import { schemaInvalid } from '../../core/rules/schema/invalid';
import { schemaUnresolvedRef } from '../../core/rules/schema/unresolved-ref';
import { loadPrompt } from './helpers';

async function run(text: string, files: Record<string, string>) {
  const loaded = await loadPrompt('/w/p.prompt.md', text, files);
  const reports: Record<string, Report[]> = { invalid: [], unresolved: [] };
  const context = (out: Report[]) =>
    ({
      document: loaded.document,
      completion: { schemaProblems: loaded.problems, samples: [] },
      report: (r: Report) => out.push(r),
    }) as unknown as RuleContext;
  schemaInvalid.check(context(reports.invalid));
  schemaUnresolvedRef.check(context(reports.unresolved));
  return reports;
}

describe('schema rules', () => {
  it('each rule reports its own problems; problems in a schema file carry its uri', async () => {
    const text = '---\nconstraints:\n  schema: ./s.json\n---\nx';
    const reports = await run(text, {
      '/w/s.json': '{"properties": {"a": {"$ref": "https://x.test/a.json"}, "b": {"pattern": "("}}}',
    });
    assert.deepEqual(
      reports.unresolved.map((r) => r.uri),
      ['/w/s.json'],
    );
    assert.deepEqual(
      reports.invalid.map((r) => [r.uri, r.data]),
      [['/w/s.json', { schemaSeverity: 'error' }]],
    );
  });

  it('an inline schema problem has no uri (it is in the prompt)', async () => {
    const reports = await run('---\nconstraints:\n  schema: {$ref: ./gone.json}\n---\nx', {});
    assert.equal(reports.unresolved.length, 1);
    assert.equal(reports.unresolved[0].uri, undefined);
    assert.deepEqual(reports.invalid, []);
  });
});
