// docs/design/pitfalls.md P1: special-token text is ordinary text at every entry point — check, count (file and stdin), --raw, every format.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { Tiktoken } from 'js-tiktoken/lite';
import o200k from 'js-tiktoken/ranks/o200k_base';
import { assertNoStack, runCli, runMain, tempTree } from './helpers';

const reference = new Tiktoken(o200k);
const tokens = (text: string) => reference.encode(text, [], []).length;
const SPECIALS = ['<|endoftext|>', '<|im_start|>', '<|im_end|>', '<|fim_prefix|>'];
const LINE = `Never print ${SPECIALS.join(' or ')} in a reply.\n`;

const FILES: Record<string, string> = {
  'a.prompt.md': `---\nmodel: gpt-4o\n---\n${LINE}`,
  'b.prompt': `---\nmodel: openai/gpt-4o\n---\n{{role "system"}}\n${LINE}`,
  'c.prompty': `---\nname: c\nmodel:\n  api: chat\n  configuration:\n    type: openai\n    name: gpt-4o\n---\nsystem:\n${LINE}`,
  'd.prompt.yml': `model: openai/gpt-4o\nmessages:\n  - role: system\n    content: "${LINE.trimEnd()}"\n`,
};

describe('special-token text at every entry point', () => {
  it('check: every format reports each occurrence as tokens/special-token and does not crash', async () => {
    const { dir, cleanup } = tempTree(FILES);
    try {
      const result = await runMain(['check', '--format', 'json', '.'], { cwd: dir });
      assertNoStack(result.stderr);
      assert.equal(result.status, 0, 'tokens/special-token is a warning');
      const report = JSON.parse(result.stdout) as Array<{
        filePath: string;
        messages: Array<{ ruleId: string; message: string }>;
      }>;
      assert.equal(report.length, 4);
      for (const file of report) {
        const found = file.messages
          .filter((m) => m.ruleId === 'tokens/special-token')
          .map((m) => /'(<\|\w+\|>)'/.exec(m.message)?.[1]);
        assert.deepEqual(found, SPECIALS, file.filePath);
      }
    } finally {
      cleanup();
    }
  });

  it('count: a Markdown prompt counts its body exactly as js-tiktoken does with special checks off', async () => {
    const { dir, cleanup } = tempTree(FILES);
    try {
      const result = await runMain(['count', 'a.prompt.md'], { cwd: dir });
      assert.equal(result.status, 0, result.stderr);
      assert.equal(result.stdout, `${tokens(LINE)}  gpt-4o  a.prompt.md\n`);
      const raw = await runMain(['count', '--raw', 'a.prompt.md'], { cwd: dir });
      assert.equal(raw.stdout, `${tokens(FILES['a.prompt.md'])}  gpt-4o  a.prompt.md\n`);
    } finally {
      cleanup();
    }
  });

  it('count: chat formats count the message text and report the overhead separately', async () => {
    const { dir, cleanup } = tempTree(FILES);
    try {
      const result = await runMain(['count', '--json', 'b.prompt', 'c.prompty', 'd.prompt.yml'], { cwd: dir });
      assert.equal(result.status, 0, result.stderr);
      const entries = JSON.parse(result.stdout) as Array<{ file: string; tokens: number; overhead: number }>;
      // Dotprompt sends what follows the `{{role}}` tag, its newline included (dotprompt's toMessages does not trim);
      // Prompty drops the whole `system:` line; the GitHub Models message is the YAML string, which has no newline.
      assert.deepEqual(
        entries.map((e) => [e.file, e.tokens, e.overhead]),
        [
          ['b.prompt', tokens(`\n${LINE}`), 3 + 3],
          ['c.prompty', tokens(LINE), 3 + 3],
          ['d.prompt.yml', tokens(LINE.trimEnd()), 3 + 3],
        ],
      );
    } finally {
      cleanup();
    }
  });

  it('count -: stdin with every special token', () => {
    const text = SPECIALS.join('\n');
    const result = runCli(['count', '-'], { cwd: process.cwd(), stdin: text });
    assert.equal(result.status, 0, result.stderr);
    assert.equal(result.stdout, `${tokens(text)}  gpt-4o  -\n`);
  });
});
