// Hovers over real lint results: model facts (against models.json), our keys' docs with links, section stats (against js-tiktoken), variable budgets.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { Tiktoken } from 'js-tiktoken/lite';
import o200k from 'js-tiktoken/ranks/o200k_base';
import type { Hover, MarkupContent } from 'vscode-languageserver';
import { provideHover } from '../../server/features';
import { positionOf, snapshotOf } from './harness';

const enc = new Tiktoken(o200k);
const tokens = (text: string) => enc.encode(text, [], []).length;

const PROMPT = `---
model: gpt-4o
description: a host-format key
budget:
  output: 1024
  warnAt: 0.8
  variables:
    question: 200
constraints:
  words: {max: 120}
---
Intro line.

# Role 😀 角色
😀 Answer {{question}} about refunds.

## Rules 规则
<!-- promptbound budget: 5 -->
Be brief and kind. Use {{document}} when it helps the customer.
`;

function markdown(hover: Hover | null): string {
  assert.ok(hover, 'expected a hover');
  return (hover.contents as MarkupContent).value;
}

describe('hover: model', () => {
  it('shows the model facts of gpt-4o from the table', async () => {
    const s = await snapshotOf('/w/a.prompt.md', PROMPT);
    const hover = provideHover(s, positionOf(s.textDocument, 'gpt-4o', 2));
    const text = markdown(hover);
    assert.match(text, /\*\*gpt-4o\*\* \(openai\)/);
    assert.match(text, /context window \| 128,000 tokens/);
    assert.match(text, /4,096 reserved by default · 16,384 max/);
    assert.match(text, /exact: o200k_base/);
    assert.match(text, /3 per message \+ 3 per request/);
    assert.match(text, /model table \(2026-12-04\), read from `model`/);
    assert.match(text, /This prompt: output reserve 1,024 \(from `budget.output`\)\./);
    assert.deepEqual(hover!.range, { start: { line: 1, character: 7 }, end: { line: 1, character: 13 } });
  });

  it('marks approximate models with ≈ and their factors, and shows what an alias resolved to', async () => {
    const s = await snapshotOf('/w/a.prompt.md', '---\nmodel: anthropic.claude-sonnet-4-20250514-v1:0\n---\nHi\n');
    const text = markdown(provideHover(s, { line: 1, character: 10 }));
    assert.match(text, /\*\*claude-sonnet-4\*\* \(anthropic\)/);
    assert.match(text, /resolves to `claude-sonnet-4`/);
    assert.match(text, /context window \| 200,000 tokens/);
    assert.match(text, /4,096 reserved by default · 64,000 max/);
    assert.match(text, /≈ approximate: o200k_base × 1.3 \(Latin\) \/ 1.6 \(CJK\) \/ 2 \(other scripts\)/);
  });

  it('says an unknown model is unknown and suggests the near ids', async () => {
    const s = await snapshotOf('/w/a.prompt.md', '---\nmodel: gpt-4o-mni\n---\nHi\n');
    const text = markdown(provideHover(s, { line: 1, character: 9 }));
    assert.match(text, /unknown model/);
    assert.match(text, /`gpt-4o-mini`/);
    assert.match(text, /docs\/rules\/model\/unknown\.md/);
  });

  it('reads the model from the host format (Prompty model.configuration)', async () => {
    const text =
      '---\nname: x\nmodel:\n  api: chat\n  configuration:\n    type: openai\n    name: gpt-4o-mini\n---\nsystem:\nHi\n';
    const s = await snapshotOf('/w/a.prompty', text);
    const hover = markdown(provideHover(s, positionOf(s.textDocument, 'gpt-4o-mini', 3)));
    assert.match(hover, /\*\*gpt-4o-mini\*\*/);
  });
});

describe('hover: our keys', () => {
  it('shows the JSON Schema description with links to the rule pages', async () => {
    const s = await snapshotOf('/w/a.prompt.md', PROMPT);
    const text = markdown(provideHover(s, positionOf(s.textDocument, 'warnAt', 1)));
    assert.match(text, /\*\*budget\.warnAt\*\*/);
    assert.match(text, /fraction of the input budget is used/);
    assert.ok(text.includes('(https://github.com/promptbound/promptbound/blob/main/docs/rules/budget/near-limit.md)'));
  });

  it('links constraints to docs/constraints.md, also for keys inside a flow mapping', async () => {
    const s = await snapshotOf('/w/a.prompt.md', PROMPT);
    const words = markdown(provideHover(s, positionOf(s.textDocument, 'words', 2)));
    assert.match(words, /\*\*constraints\.words\*\*/);
    assert.match(words, /Unicode word segmentation/);
    assert.ok(words.includes('(https://github.com/promptbound/promptbound/blob/main/docs/constraints.md)'));
    const max = markdown(provideHover(s, positionOf(s.textDocument, 'max:', 1)));
    assert.match(max, /\*\*constraints\.words\.max\*\*/);
    assert.match(max, /At most this many \(inclusive\)/);
  });

  it('on a budget.variables entry, says how often the prompt uses the variable', async () => {
    const s = await snapshotOf('/w/a.prompt.md', PROMPT);
    const text = markdown(provideHover(s, positionOf(s.textDocument, 'question: 200', 2)));
    assert.match(text, /\*\*budget\.variables\.question\*\*/);
    assert.match(text, /Expected tokens of this variable's value/);
    assert.match(text, /`\{\{question\}\}` is used once in this prompt/);
    const unused = await snapshotOf('/w/a.prompt.md', '---\nbudget:\n  variables:\n    gone: 5\n---\nHi\n');
    assert.match(markdown(provideHover(unused, { line: 3, character: 5 })), /not used in this prompt.*unused-variable/);
  });

  it('has nothing on host-format keys, values that are not the model, or the body text', async () => {
    const s = await snapshotOf('/w/a.prompt.md', PROMPT);
    assert.equal(provideHover(s, positionOf(s.textDocument, 'description', 3)), null);
    assert.equal(provideHover(s, positionOf(s.textDocument, '1024', 1)), null);
    assert.equal(provideHover(s, positionOf(s.textDocument, 'Intro', 2)), null);
  });
});

describe('hover: sections', () => {
  it('gives the tokens of a heading section (js-tiktoken o200k), its share of the prompt and the input budget', async () => {
    const s = await snapshotOf('/w/a.prompt.md', PROMPT);
    const body = PROMPT.slice(PROMPT.indexOf('Intro line.'));
    const role = PROMPT.slice(PROMPT.indexOf('# Role'));
    const hover = provideHover(s, positionOf(s.textDocument, 'Role', 0));
    const text = markdown(hover);
    const expected = tokens(role);
    assert.equal(s.result.stats.promptTokens, tokens(body));
    assert.ok(text.startsWith(`**${expected} tokens** in section “Role 😀 角色”`), text);
    assert.ok(
      text.includes(`share of the prompt: ${Math.round((expected / tokens(body)) * 100)}% of ${tokens(body)} tokens`),
      text,
    );
    // input budget: 128,000 − 1,024 output = 126,976 → "127k".
    assert.ok(expected / 126_976 < 0.01);
    assert.ok(text.includes('of the input budget: <1% of 127k'), text);
    const line = PROMPT.split('\n').indexOf('# Role 😀 角色');
    assert.deepEqual(hover!.range, { start: { line, character: 0 }, end: { line, character: '# Role 😀 角色'.length } });
  });

  it('shows the annotated budget, the use in percent and how far over it is', async () => {
    const s = await snapshotOf('/w/a.prompt.md', PROMPT);
    const rules = tokens(PROMPT.slice(PROMPT.indexOf('## Rules')));
    const text = markdown(provideHover(s, positionOf(s.textDocument, 'Rules', 0)));
    assert.ok(rules > 5);
    assert.ok(text.includes(`budget: 5 tokens — ${Math.round((rules / 5) * 100)}% used (**${rules - 5} over**)`), text);
    assert.match(text, /budget\/section-limit\.md/);
  });

  it('gives role blocks their stats with ≈ for approximate models', async () => {
    const text = '---\nmodel: claude-sonnet-4\n---\n{{role "system"}}\nYou are terse.\n{{role "user"}}\nHello there.\n';
    const s = await snapshotOf('/w/a.prompt', text);
    const hover = markdown(provideHover(s, positionOf(s.textDocument, '{{role "user"}}', 3)));
    const section = s.result.stats.sections.find((c) => c.section.title === 'user');
    assert.ok(section);
    assert.ok(hover.startsWith(`**≈${section.tokens} tokens** in user message`), hover);
  });
});

describe('hover: variables', () => {
  it('gives a variable its budget.variables fill', async () => {
    const s = await snapshotOf('/w/a.prompt.md', PROMPT);
    const hover = provideHover(s, positionOf(s.textDocument, '{{question}}', 4));
    const text = markdown(hover);
    assert.match(text, /\*\*\{\{question\}\}\*\*/);
    assert.match(text, /Expected fill: \*\*200 tokens\*\* \(from `budget.variables`\)/);
    // "😀 Answer " is 10 UTF-16 code units: the emoji is a surrogate pair.
    const line = PROMPT.split('\n').indexOf('😀 Answer {{question}} about refunds.');
    assert.deepEqual(hover!.range, { start: { line, character: 10 }, end: { line, character: 22 } });
  });

  it('says a variable has no budget and is not declared', async () => {
    const s = await snapshotOf('/w/a.prompt.md', PROMPT);
    const text = markdown(provideHover(s, positionOf(s.textDocument, '{{document}}', 3)));
    assert.match(text, /No expected fill/);
    assert.match(text, /budget\.variables\.document/);
    assert.match(text, /template\/undefined-variable/);
  });

  it('shows declared vs measured fill from testData (the largest row, counted with js-tiktoken)', async () => {
    const long = 'Since the last firmware update the router reboots itself several times a day.';
    const text = `name: Triage\nmodel: gpt-4o\nbudget:\n  variables:\n    ticket: 5\nmessages:\n  - role: user\n    content: '{{ticket}}'\ntestData:\n  - ticket: Router down.\n  - ticket: ${long}\n`;
    const s = await snapshotOf('/w/t.prompt.yml', text);
    const hover = markdown(provideHover(s, positionOf(s.textDocument, '{{ticket}}', 3)));
    assert.match(hover, /Expected fill: \*\*5 tokens\*\*/);
    assert.ok(
      hover.includes(`Measured fill: **${tokens(long)} tokens** in \`testData\` (largest of 2 values) — declared 5`),
      hover,
    );
    assert.match(hover, /budget\/variable-fill/);
  });

  it('names the input schema that declares a variable without a fill', async () => {
    const text = '---\ninput:\n  schema:\n    topic: string\n---\nWrite about {{topic}}.\n';
    const s = await snapshotOf('/w/a.prompt', text);
    const hover = markdown(provideHover(s, positionOf(s.textDocument, '{{topic}}', 3)));
    assert.match(hover, /No expected fill/);
    assert.match(hover, /Declared in `input.schema`/);
  });
});

describe('hover: annotations', () => {
  it('on a section budget comment, shows that section’s use', async () => {
    const s = await snapshotOf('/w/a.prompt.md', PROMPT);
    const rules = tokens(PROMPT.slice(PROMPT.indexOf('## Rules')));
    const text = markdown(provideHover(s, positionOf(s.textDocument, 'promptbound budget', 3)));
    assert.ok(text.startsWith(`**${rules} tokens** in section “Rules 规则”`), text);
    assert.match(text, /budget: 5 tokens/);
  });

  it('on a suppression comment, names the rules (or areas) it turns off and where', async () => {
    const text = '# T\n<!-- promptbound-disable-next-line template/undefined-variable budget nope -->\nUse {{x}}\n{{! x }}\n';
    const s = await snapshotOf('/w/a.prompt.md', text);
    const hover = markdown(provideHover(s, positionOf(s.textDocument, 'disable-next-line', 0)));
    assert.match(hover, /\*\*promptbound-disable-next-line\*\* — turns off these rules on the next line/);
    assert.match(
      hover,
      /\[template\/undefined-variable\]\(https:\/\/github.com\/promptbound\/promptbound\/blob\/main\/docs\/rules\/template\/undefined-variable.md\): /,
    );
    assert.match(hover, /`budget`: every rule of the area \(\[budget\/context-window\]/);
    assert.match(hover, /`nope`: no such rule/);
  });
});

describe('hover: several targets', () => {
  it('documents the targets key from the published schema and links the rules it feeds', async () => {
    const s = await snapshotOf('/w/t.prompt.md', '---\ntargets: [gpt-4o, claude-sonnet-4-5]\n---\nHi\n');
    const text = markdown(provideHover(s, { line: 1, character: 2 }));
    assert.match(text, /^\*\*targets\*\*/);
    assert.match(text, /checked once per target/);
    assert.match(text, /schema\/provider-compat/);
  });
});
