// `promptbound check <sample or schema file>` lints the prompts that read it (what a pre-commit hook passes on a commit
// that only touches a sample or a schema).
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { runMain, tempTree } from './helpers';

const PROMPT = '---\nmodel: gpt-4o\nconstraints:\n  words: {max: 5}\n---\nSummarise in five words.\n';
const SCHEMA_PROMPT = '---\nmodel: gpt-4o\nconstraints:\n  schema: ./answer.schema.json\n---\nAnswer as JSON.\n';

describe('check on a sample or schema file', () => {
  it('a sample named by convention: its prompt is linted and the failure is reported in the sample', async () => {
    const { dir, cleanup } = tempTree({
      'p/sum.prompt.md': PROMPT,
      'p/sum.sample.txt': 'This answer is far too long for the limit.\n',
      'p/other.prompt.md': '---\nbudget: {wranAt: 1}\n---\nUnrelated and broken.\n',
    });
    try {
      const result = await runMain(['check', 'p/sum.sample.txt'], { cwd: dir });
      assert.equal(result.status, 1);
      assert.match(result.stdout, /p\/sum\.sample\.txt\n {2}1:24 {2}error {2}9 words; at most 5 allowed {2}sample\/constraint/);
      assert.match(result.stdout, /p\/sum\.prompt\.md\n {2}3:1 {2}error {2}1 of 1 sample fails: words \(1\)/);
      assert.doesNotMatch(result.stdout, /other\.prompt\.md/, 'only the prompts that read the file');
    } finally {
      cleanup();
    }
  });

  it('a schema file: every prompt whose output schema it is, and the schema problem at its place', async () => {
    const { dir, cleanup } = tempTree({
      'a.prompt.md': SCHEMA_PROMPT,
      'b.prompt.md': SCHEMA_PROMPT,
      'c.prompt.md': 'Plain prompt.\n',
      'answer.schema.json': '{\n  "type": "object",\n  "required": ["a"],\n  "properties": {"a": {"type": "strng"}}\n}\n',
    });
    try {
      const result = await runMain(['check', '--format', 'json', 'answer.schema.json'], { cwd: dir });
      const files = (JSON.parse(result.stdout) as Array<{ filePath: string; messages: Array<{ ruleId: string }> }>).map((f) =>
        f.filePath.split('/').pop(),
      );
      assert.ok(files.includes('answer.schema.json'), JSON.stringify(files));
      assert.ok(files.includes('a.prompt.md') && files.includes('b.prompt.md'));
      assert.ok(!files.includes('c.prompt.md'));
      assert.equal(result.status, 1);
    } finally {
      cleanup();
    }
  });

  it('the fixed sample passes; a file no prompt reads is linted as before (a plain-text prompt)', async () => {
    const { dir, cleanup } = tempTree({
      'sum.prompt.md': PROMPT,
      'sum.sample.txt': 'Five words are enough here.\n',
      'notes.txt': 'Free text.\n',
    });
    try {
      const result = await runMain(['check', 'sum.sample.txt', 'notes.txt'], { cwd: dir });
      assert.equal(result.stdout, '');
      assert.equal(result.status, 0);
    } finally {
      cleanup();
    }
  });
});
