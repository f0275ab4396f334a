// The library entry (lib/index.ts) from source: options, config lookup, problems in other files, errors. The packed
// package is tested as a user installs it in test/package/tarball.test.ts.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { getEncoding } from 'js-tiktoken';
import { countPrompt, countTokens, lint, models, PromptboundError, rules, validateCompletion } from '../../lib/index';
import { RULE_IDS } from '../../core/rules/registry';
import { tempTree } from '../cli/helpers';

const PROMPT = '---\nmodel: gpt-4o\nconstraints:\n  words: {max: 5}\n---\nAnswer in five words.\n';

describe('library API', () => {
  it('lint without a path: default config, the model option overrides, positions are 1-based', async () => {
    const { problems, stats } = await lint('---\nmodel: gpt-4o\nbudget: {wranAt: 1}\n---\nHi\n', { model: 'gpt-4.1' });
    assert.deepEqual(
      problems.map((p) => [p.ruleId, p.severity, p.line, p.column, p.endColumn, p.file]),
      [['frontmatter/schema', 'error', 3, 10, 16, undefined]],
    );
    assert.equal(problems[0]!.fixes[0]!.edits[0]!.newText, 'warnAt');
    assert.equal(stats.model, 'gpt-4.1');
  });

  it("lint with a path: the folder's config applies, and a sample's problem names the sample file", async () => {
    const { dir, cleanup } = tempTree({
      'p/.promptbound.yaml': 'rules:\n  instructions/undeclared: off\n',
      'p/a.prompt.md': PROMPT,
      'p/a.sample.txt': 'This answer uses far more than five words.\n',
    });
    try {
      const file = path.join(dir, 'p', 'a.prompt.md');
      const { problems } = await lint(PROMPT, { path: file });
      const sample = problems.find((p) => p.file === path.join(dir, 'p', 'a.sample.txt'));
      assert.equal(sample?.message, '8 words; at most 5 allowed');
      assert.equal(sample?.line, 1);
      assert.ok(problems.some((p) => p.file === file && p.ruleId === 'sample/constraint'));
      const without = await lint(PROMPT, { path: file, samples: false });
      assert.ok(!without.problems.some((p) => p.ruleId.startsWith('sample/')));
      // A broken config is an error with its location, unless config: false.
      const broken = tempTree({ '.promptbound.yaml': 'rules: [\n', 'b.prompt.md': 'Hi\n' });
      try {
        await assert.rejects(
          lint('Hi\n', { path: path.join(broken.dir, 'b.prompt.md') }),
          (error: unknown) => error instanceof PromptboundError && /\.promptbound\.yaml:\d+:\d+/.test(error.message),
        );
        assert.deepEqual((await lint('Hi\n', { path: path.join(broken.dir, 'b.prompt.md'), config: false })).problems, []);
      } finally {
        broken.cleanup();
      }
    } finally {
      cleanup();
    }
  });

  it('countTokens equals js-tiktoken for exact models; countPrompt leaves the frontmatter out', async () => {
    const text = 'Grüße aus Köln — and 日本語.';
    assert.equal((await countTokens(text)).tokens, getEncoding('o200k_base').encode(text).length);
    assert.equal((await countTokens(text, { model: 'gpt-4' })).tokens, getEncoding('cl100k_base').encode(text).length);
    const unknown = await countTokens(text, { model: 'no-such-model' });
    assert.equal(unknown.approximate, true);
    assert.equal(unknown.resolvedModel, null);
    assert.equal((await countPrompt(PROMPT)).tokens, getEncoding('o200k_base').encode('Answer in five words.\n').length);
  });

  it('validateCompletion: results per constraint, JSON Lines by line, an error when nothing is declared', async () => {
    const one = await validateCompletion('Far too many words in this answer.', PROMPT);
    assert.equal(one.pass, false);
    assert.deepEqual(
      one.completions[0]!.results.map((r) => [r.key, r.pass, r.message]),
      [['words', false, '7 words; at most 5 allowed']],
    );
    const lines = await validateCompletion('"Short and fine."\n"This one is much too long to pass."\n', PROMPT, { jsonl: true });
    assert.deepEqual(
      lines.completions.map((c) => [c.line, c.pass]),
      [
        [1, true],
        [2, false],
      ],
    );
    await assert.rejects(validateCompletion('x', 'Just a prompt.\n'), PromptboundError);
  });

  it('rules() and models() list the registry and the table', () => {
    assert.deepEqual(
      rules().map((r) => r.id),
      [...RULE_IDS],
    );
    assert.ok(rules().every((r) => r.docs.endsWith(`${r.id}.md`)));
    assert.ok(models().some((m) => m.id === 'gpt-4o' && m.encoding === 'o200k_base' && m.tokenizer === 'exact'));
  });
});
