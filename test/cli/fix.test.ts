// `--fix` round trip on a copy: safe fixes applied exactly as reported, everything else byte-identical (CRLF, BOM kept).
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { applyEdits } from '../../core/edits';
import { runMain, tempTree } from './helpers';

interface JsonEdit {
  offset: number;
  length: number;
  newText: string;
}
interface JsonMessage {
  ruleId: string | null;
  line: number;
  column: number;
  fix?: { safe: boolean; edits: JsonEdit[] };
}

/** A frontmatter key in the wrong case (the did-you-mean fix is safe only for case) in a CRLF file with a BOM and non-ASCII text around it. */
const ORIGINAL = '\ufeff---\r\nmodel: gpt-4o\r\nbudget:\r\n  WarnAt: 0.9\r\n---\r\n# Résumé 👋\r\n\r\nGreet the user.\r\n';

async function messagesOf(dir: string): Promise<JsonMessage[]> {
  const result = await runMain(['--format', 'json'], { cwd: dir });
  return (JSON.parse(result.stdout) as Array<{ messages: JsonMessage[] }>)[0].messages;
}

describe('--fix', () => {
  it('applies the safe fixes it reported and changes nothing else', async () => {
    const { dir, cleanup } = tempTree({ 'typo.prompt.md': ORIGINAL });
    const file = path.join(dir, 'typo.prompt.md');
    try {
      const before = await messagesOf(dir);
      const fixable = before.filter((m) => m.fix?.safe);
      assert.ok(fixable.length > 0, `the fixture should produce a safe fix: ${JSON.stringify(before)}`);
      const edits = fixable.flatMap((m) => m.fix!.edits);
      // Offsets index the text without its BOM; the BOM must survive.
      const expected = `\ufeff${applyEdits(ORIGINAL.slice(1), edits)}`;
      const mode = statSync(file).mode;

      const result = await runMain(['--fix'], { cwd: dir });
      assert.ok(result.status === 0 || result.status === 1, result.stderr);
      assert.equal(readFileSync(file, 'utf8'), expected);
      assert.equal(statSync(file).mode, mode);
      const after = await messagesOf(dir);
      for (const fixed of fixable) {
        assert.ok(
          !after.some((m) => m.ruleId === fixed.ruleId && m.line === fixed.line),
          `${fixed.ruleId} at line ${fixed.line} should be gone`,
        );
      }
      // The report after --fix is the re-lint: the fixed problem is not in it.
      assert.ok(!result.stdout.includes('WarnAt'), result.stdout);
    } finally {
      cleanup();
    }
  });

  it('leaves a file without safe fixes untouched', async () => {
    const text = 'Summarise {{document}}.\r\n';
    const { dir, cleanup } = tempTree({ 'w.prompt.md': text });
    try {
      await runMain(['--fix'], { cwd: dir });
      assert.equal(readFileSync(path.join(dir, 'w.prompt.md'), 'utf8'), text);
    } finally {
      cleanup();
    }
  });
});
