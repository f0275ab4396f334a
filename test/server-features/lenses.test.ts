// Section counts as CodeLens or inlay hints (by setting), and the file total on line one.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { Tiktoken } from 'js-tiktoken/lite';
import o200k from 'js-tiktoken/ranks/o200k_base';
import { provideCodeLenses, provideInlayHints } from '../../server/features';
import { Commands, DEFAULT_SETTINGS, type EditorSettings } from '../../server/protocol';
import { snapshotOf } from './harness';

const enc = new Tiktoken(o200k);
const tokens = (text: string) => enc.encode(text, [], []).length;

const PROMPT = `---
model: gpt-4o
budget:
  output: 1000
---
# Guide 指南 😀
<!-- promptbound budget: 500 -->
${'Explain the refund policy clearly. '.repeat(30)}
## Tone 语气
Be kind 😀.
`;

const lensSettings: EditorSettings = { ...DEFAULT_SETTINGS, sectionCounts: 'codelens' };
const hintSettings: EditorSettings = { ...DEFAULT_SETTINGS, sectionCounts: 'inlayHints' };
const offSettings: EditorSettings = { ...DEFAULT_SETTINGS, sectionCounts: 'off' };

describe('code lenses', () => {
  it('puts the file total on line one and each section’s count (with its budget use) on its heading', async () => {
    const s = await snapshotOf('/w/a.prompt.md', PROMPT);
    const body = PROMPT.slice(PROMPT.indexOf('# Guide'));
    const guide = tokens(body);
    const tone = tokens(PROMPT.slice(PROMPT.indexOf('## Tone')));
    const lenses = provideCodeLenses(s, lensSettings);
    assert.deepEqual(
      lenses.map((l) => [l.range.start.line, l.command?.title]),
      [
        [0, `${guide.toLocaleString('en-US')} / 128k tokens · gpt-4o`],
        [5, `${guide} tokens · ${Math.round((guide / 500) * 100)}% of budget 500`],
        [8, `${tone} tokens`],
      ],
    );
    for (const lens of lenses) assert.deepEqual(lens.command?.arguments, ['/w/a.prompt.md']);
    assert.ok(lenses.every((l) => l.command?.command === Commands.showTokenBreakdown));
  });

  it('marks approximate counts with ≈ and groups thousands', async () => {
    const text = `---\nmodel: claude-sonnet-4\n---\n# Big\n${'word '.repeat(2000)}\n`;
    const s = await snapshotOf('/w/a.prompt.md', text);
    const [file, section] = provideCodeLenses(s, lensSettings);
    const count = s.result.stats.sections[0].tokens;
    assert.ok(count > 1000);
    assert.equal(section.command?.title, `≈${count.toLocaleString('en-US')} tokens`);
    assert.equal(file.command?.title, `≈${s.result.stats.budget.input.toLocaleString('en-US')} / 200k tokens · claude-sonnet-4`);
  });

  it('gives role blocks lenses too, and nothing when the setting says otherwise', async () => {
    const s = await snapshotOf('/w/a.prompty', '---\nname: x\n---\nsystem:\nBe terse.\n\nuser:\nHi 😀\n');
    assert.deepEqual(
      provideCodeLenses(s, lensSettings).map((l) => l.range.start.line),
      [0, 3, 6],
    );
    assert.deepEqual(provideCodeLenses(s, hintSettings), []);
    assert.deepEqual(provideCodeLenses(s, offSettings), []);
  });
});

describe('inlay hints', () => {
  it('puts the counts at the end of heading lines (UTF-16 columns with emoji and CJK), within the asked range', async () => {
    const s = await snapshotOf('/w/a.prompt.md', PROMPT);
    const all = { start: { line: 0, character: 0 }, end: { line: 20, character: 0 } };
    const hints = provideInlayHints(s, all, hintSettings);
    assert.deepEqual(
      hints.map((h) => [h.position, h.label]),
      [
        [{ line: 0, character: 3 }, provideCodeLenses(s, lensSettings)[0].command?.title],
        [{ line: 5, character: '# Guide 指南 😀'.length }, provideCodeLenses(s, lensSettings)[1].command?.title],
        [{ line: 8, character: '## Tone 语气'.length }, provideCodeLenses(s, lensSettings)[2].command?.title],
      ],
    );
    assert.equal('# Guide 指南 😀'.length, 13);
    const some = provideInlayHints(s, { start: { line: 7, character: 0 }, end: { line: 9, character: 0 } }, hintSettings);
    assert.deepEqual(
      some.map((h) => h.position.line),
      [8],
    );
    assert.deepEqual(provideInlayHints(s, all, lensSettings), []);
  });
});
