// The session's paragraph marks (core/analysis/paragraphs.ts) equal a split of the whole text from scratch, edit after edit.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ParagraphMemo } from '../../core/analysis/paragraphs';
import { parseDocument } from '../../core/document';
import type { PromptDocument } from '../../core/document/types';
import { middleInstructions } from '../../core/layout';
import { isInstructionParagraph } from '../../core/rules/placement/instructions';
import { TokenizerPool } from '../../core/tokens/pool';
import { nodeRankLoader } from '../../node/ranks';
import { pick, seededRandom } from '../tokens/corpus';

/**
 * The reference, written out line by line: a paragraph starts at a non-space character and runs to the end of
 * the first line that is followed by a blank line (only spaces or tabs, ended by a line break), or to the end of
 * the text. Marks: each paragraph through isInstructionParagraph, the fence state carried over paragraphs and pieces.
 */
function reference(document: PromptDocument): Array<{ piece: number; start: number; length: number; instruction: boolean }> {
  const out: Array<{ piece: number; start: number; length: number; instruction: boolean }> = [];
  let fence = false;
  let pieceIndex = 0;
  for (const message of document.messages) {
    for (const piece of message.pieces) {
      const text = piece.text;
      // Each line's start and end (the end before its line break and one \r before it).
      const lines: Array<{ start: number; end: number }> = [];
      for (let at = 0; ;) {
        const nl = text.indexOf('\n', at);
        if (nl === -1) {
          lines.push({ start: at, end: text.length });
          break;
        }
        lines.push({ start: at, end: nl > at && text[nl - 1] === '\r' ? nl - 1 : nl });
        at = nl + 1;
      }
      const separator = (i: number) => i < lines.length - 1 && /^[ \t]*$/.test(text.slice(lines[i].start, lines[i].end));
      let line = 0;
      for (let at = 0; ;) {
        while (at < text.length && /\s/.test(text[at])) at++;
        if (at >= text.length) break;
        while (lines[line].end <= at) line++;
        let last = line;
        while (last + 1 < lines.length && !separator(last + 1)) last++;
        const end = last + 1 < lines.length ? lines[last].end : text.length;
        const marked = isInstructionParagraph(text.slice(at, end), fence);
        fence = marked.inFence;
        out.push({ piece: pieceIndex, start: at, length: end - at, instruction: marked.instruction });
        at = end;
        line = last;
      }
      pieceIndex++;
    }
  }
  return out;
}

const SNIPPETS = ['a', ' ', '\n', '\n\n', '  \n', '\t\n', '\r\n', '```', '~~~\n', 'Answer briefly.', 'Use JSON.', 'x', '\n\n\n'];
const BLOCKS = [
  'Material about the topic, with no directive in it.\n',
  'Answer in one line.\n',
  '```\nUse this inside a fence.\n```\n',
  '~~~\n',
  '  \n',
  'Several lines\nof one paragraph\r\nending here.\r\n\r\n',
  'You must cite sources.\n\n',
  '\n',
];

function generate(random: () => number): string {
  let text = '';
  const blocks = 5 + Math.floor(random() * 40);
  for (let i = 0; i < blocks; i++) text += pick(random, BLOCKS) + (random() < 0.5 ? '\n' : '');
  return text;
}

function edit(random: () => number, text: string): string {
  const at = Math.floor(random() * (text.length + 1));
  const roll = random();
  if (roll < 0.5) return text.slice(0, at) + pick(random, SNIPPETS) + text.slice(at);
  if (roll < 0.8) return text.slice(0, at) + text.slice(Math.min(text.length, at + 1 + Math.floor(random() * 4)));
  if (roll < 0.9) return text.slice(0, at) + pick(random, BLOCKS) + text.slice(at);
  return text.slice(0, at) + text.slice(Math.min(text.length, at + Math.floor(random() * 200)));
}

describe('paragraph marks kept across edits', () => {
  it('split the generated texts as the reference does', async () => {
    const document = parseDocument(
      'file:///w/p.md',
      'Intro line.\n  \nAnswer in one line.\n\n```\nUse x.\n\n```\nYou must go.\r\n\r\nThat is all.',
    );
    const table = await new ParagraphMemo().table(document);
    const spans = Array.from({ length: table.count }, (_, i) => [table.start[i], table.length[i], table.instruction[i]]);
    const text = document.messages[0].pieces[0].text;
    assert.deepEqual(
      spans.map(([start, length]) => text.slice(start, start + length)),
      ['Intro line.', 'Answer in one line.', '```\nUse x.', '```\nYou must go.', 'That is all.'],
    );
    // "Use x." is inside the fence; "You must go." follows the closing fence.
    assert.deepEqual(
      spans.map(([, , instruction]) => instruction),
      [0, 1, 0, 1, 0],
    );
  });

  for (const seed of [1, 2, 3, 4]) {
    it(`equal a split from scratch after random edits, seed ${seed}`, async () => {
      const random = seededRandom(seed);
      for (let sequence = 0; sequence < 4; sequence++) {
        const memo = new ParagraphMemo();
        let text = generate(random);
        for (let step = 0; step < 60; step++) {
          const document = parseDocument('file:///w/p.md', text);
          // A checkpoint that yields, as the editor's does.
          const kept = await memo.table(document, () => new Promise((resolve) => setImmediate(resolve)));
          const fresh = await new ParagraphMemo().table(document);
          const rows = (t: typeof kept) =>
            Array.from({ length: t.count }, (_, i) => ({
              piece: t.piece[i],
              start: t.start[i],
              length: t.length[i],
              instruction: t.instruction[i] === 1,
            }));
          const where = `seed ${seed}, sequence ${sequence}, step ${step}: ${JSON.stringify(text)}`;
          assert.deepEqual(rows(fresh), reference(document), where);
          assert.deepEqual(rows(kept), rows(fresh), where);
          text = edit(random, text);
        }
      }
    });
  }

  for (const seed of [4, 5]) {
    it(`finds the paragraphs before the first instruction as the reference does, seed ${seed}`, async () => {
      const random = seededRandom(seed);
      for (let sequence = 0; sequence < 6; sequence++) {
        const memo = new ParagraphMemo();
        let text = generate(random);
        for (let step = 0; step < 40; step++) {
          const document = parseDocument('file:///w/p.md', text);
          const all = reference(document);
          const first = all.findIndex((p) => p.instruction);
          const expected =
            first === -1 ? undefined : all.slice(0, first).map(({ piece, start, length }) => ({ piece, start, length }));
          // Every other step reads the leading rows before the whole table, the others after it.
          if (step % 2 === 1) await memo.table(document);
          // With a checkpoint (as in a lint) every third step: a cold piece is then cut window by window.
          const lead = await memo.leading(document, Infinity, step % 3 === 0 ? async () => undefined : undefined);
          assert.deepEqual(lead?.rows, expected, `seed ${seed}, sequence ${sequence}, step ${step}`);
          text = edit(random, text);
        }
      }
    });
  }

  it('lays out the same with and without kept marks', async () => {
    const c = await new TokenizerPool(nodeRankLoader).counterFor({ encoding: 'o200k_base' });
    const random = seededRandom(9);
    const memo = new ParagraphMemo();
    // Material, instructions in the middle, material: a layout is found and must be the same both ways.
    let text = `${'Material line of the knowledge base.\n\n'.repeat(60)}Answer in one line.\n\n${'More material here.\n\n'.repeat(60)}`;
    let laidOut = 0;
    for (let step = 0; step < 40; step++) {
      const document = parseDocument('file:///w/p.md', text);
      const kept = await middleInstructions(document, c, [], c.count(text).tokens, { memo });
      const fresh = await middleInstructions(document, c, [], c.count(text).tokens);
      assert.deepEqual(kept, fresh, `step ${step}`);
      if (kept) laidOut++;
      text = edit(random, text);
    }
    assert.ok(laidOut > 0, 'no step found the instruction in the middle');
  });
});
