// placement/lost-in-the-middle on constructed prompts: the evidence (token positions) and the threshold, against js-tiktoken counts.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Tiktoken } from 'js-tiktoken/lite';
import o200k from 'js-tiktoken/ranks/o200k_base';
import { lintDocument } from '../../core/engine';
import { defaultConfig, type ResolvedConfig } from '../../core/config/types';
import { TokenizerPool } from '../../core/tokens/pool';
import { nodeRankLoader } from '../../node/ranks';
import { isInstructionLine } from '../../core/rules/placement/instructions';

const enc = new Tiktoken(o200k);
const count = (text: string) => enc.encode(text, [], []).length;
const pool = new TokenizerPool(nodeRankLoader);
const MIDDLE = path.join(__dirname, '..', 'fixtures', 'rules', 'placement', 'lost-in-the-middle', 'middle.prompt.md');

async function findings(text: string, config: ResolvedConfig = defaultConfig(), uri = '/w/p.prompt.md') {
  const result = await lintDocument({ uri, text, config }, { tokenizers: pool });
  return result.diagnostics.filter((d) => d.ruleId === 'placement/lost-in-the-middle');
}

describe('placement/lost-in-the-middle', () => {
  it('fires on the constructed 20k-token prompt, with positions that match js-tiktoken paragraph counts', async () => {
    const text = readFileSync(MIDDLE, 'utf8');
    const body = text.slice(text.indexOf('\n---\n') + 5);
    const paragraphs = body.split(/\n\n/).map((p) => p.replace(/\n$/, ''));
    const total = paragraphs.reduce((sum, p) => sum + count(p), 0);
    assert.ok(total > 19_000 && total < 21_000, `about 20k tokens (${total})`);
    const at = paragraphs.findIndex((p) => p.startsWith('Answer the question below'));
    const start = paragraphs.slice(0, at).reduce((sum, p) => sum + count(p), 0);
    const end = start + count(paragraphs[at]);
    const [finding] = await findings(text);
    assert.ok(finding, 'one finding');
    assert.deepEqual(finding.data, { total, minTokens: 4000, instructions: [{ start, end }] });
    assert.ok(start > total / 3 && end < (2 * total) / 3);
    assert.equal(
      text.slice(finding.offset, finding.offset + finding.length),
      'Answer the question below using only the documents in this prompt.',
    );
  });

  it('stays silent when the same instructions are restated at the end', async () => {
    const text = readFileSync(MIDDLE, 'utf8');
    assert.deepEqual(await findings(`${text}\nAnswer using only the documents above and cite them.\n`), []);
  });

  it('honours placement.minTokens from config', async () => {
    const text = readFileSync(MIDDLE, 'utf8');
    assert.deepEqual(await findings(text, { ...defaultConfig(), placement: { minTokens: 25_000 } }), []);
  });

  it("counts a variable's expected fill where it is used", async () => {
    // 6,000 tokens of {{a}} before and after: the instruction between them is in the middle of ≈12,000 tokens.
    const text =
      '---\nbudget:\n  variables:\n    a: 6000\n    b: 6000\n---\n{{a}}\n\nSummarise both reports in one paragraph.\n\n{{b}}\n';
    const [finding] = await findings(text);
    assert.ok(finding);
    assert.equal((finding.data as { total: number }).total > 12_000, true);
  });

  it('tells directives from material', () => {
    for (const line of [
      'Answer in French.',
      '- Never mention prices.',
      '2. Return JSON only.',
      'You must cite sources.',
      'Your task is to rank them.',
      '## Instructions',
      'Please summarise the thread.',
    ]) {
      assert.equal(isInstructionLine(line), true, line);
    }
    for (const line of [
      'return x + 1;',
      '### Create Multiple Records',
      'The harbour was rebuilt in 1887.',
      'Document 3: the mill',
      'Used cars are cheaper.',
    ]) {
      assert.equal(isInstructionLine(line), false, line);
    }
  });
});
