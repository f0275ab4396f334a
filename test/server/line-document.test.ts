// The server's documents (server/line-document.ts) against the reference, vscode-languageserver-textdocument's:
// the same text and the same positions after any sequence of edits, and line starts found in windows.
import assert from 'node:assert/strict';
import { it } from 'node:test';
import { TextDocument, type Position, type Range } from 'vscode-languageserver-textdocument';
import { LineDocument, lineDocuments } from '../../server/line-document';
import { seededRandom } from '../tokens/corpus';

/** Pieces with every kind of line break, split pairs included, and a surrogate pair. */
const PIECES = ['a', 'bc', ' ', '\n', '\r', '\r\n', '\n\r', 'é', '😀', '\n\n', 'line\r\n', 'x\ry'];

function randomText(random: () => number, pieces: number): string {
  let text = '';
  for (let i = 0; i < pieces; i++) text += PIECES[Math.floor(random() * PIECES.length)];
  return text;
}

/** A position that may be past a line's end, past the last line, or negative, as clients send them. */
function randomPosition(random: () => number, lineCount: number): Position {
  const line = Math.floor(random() * (lineCount + 2)) - (random() < 0.05 ? 2 : 0);
  return { line, character: Math.floor(random() * 12) - (random() < 0.05 ? 3 : 0) };
}

function assertSame(ours: LineDocument, reference: TextDocument, context: string): void {
  const text = reference.getText();
  assert.equal(ours.getText(), text, context);
  assert.equal(ours.lineCount, reference.lineCount, context);
  for (let offset = -1; offset <= text.length + 1; offset++)
    assert.deepEqual(ours.positionAt(offset), reference.positionAt(offset), `${context}: positionAt(${offset})`);
  for (let line = -1; line <= reference.lineCount; line++) {
    assert.deepEqual(ours.getLineRange(line), reference.getLineRange(line), `${context}: getLineRange(${line})`);
    assert.equal(ours.getEOLCharacters(line), reference.getEOLCharacters(line), `${context}: getEOLCharacters(${line})`);
    for (let character = -1; character <= 6; character++) {
      const position = { line, character };
      assert.equal(ours.offsetAt(position), reference.offsetAt(position), `${context}: offsetAt(${line}:${character})`);
    }
  }
}

it('keeps the same text and positions as the library through random edits', () => {
  for (let seed = 1; seed <= 60; seed++) {
    const random = seededRandom(seed);
    const initial = randomText(random, Math.floor(random() * 30));
    const ours = new LineDocument('file:///p.md', 'markdown', 1, initial);
    let expected = initial;
    // Some documents get their line starts before the first edit, some at the first edit (as the server's do).
    if (random() < 0.5) assertSame(ours, TextDocument.create('file:///p.md', 'markdown', 1, initial), `seed ${seed} opened`);
    for (let step = 0; step < 25; step++) {
      // Each edit is applied by a library document made from the text before it: the library's own line starts
      // after an edit whose range starts past the last line have a hole, and its later edits land elsewhere.
      const reference = TextDocument.create('file:///p.md', 'markdown', step + 1, expected);
      const lineCount = reference.lineCount;
      let change: { range: Range; text: string } | { text: string };
      if (random() < 0.04) change = { text: randomText(random, Math.floor(random() * 10)) };
      else {
        const start = randomPosition(random, lineCount);
        // Mostly forwards, sometimes backwards (the library reads such a range the other way round).
        const end = random() < 0.3 ? start : randomPosition(random, lineCount);
        change = { range: { start, end }, text: random() < 0.3 ? '' : randomText(random, 1 + Math.floor(random() * 3)) };
      }
      lineDocuments.update(ours, [change], step + 2);
      TextDocument.update(reference, [change], step + 2);
      assert.equal(ours.version, step + 2);
      const context = `seed ${seed} step ${step} ${JSON.stringify(change)}`;
      expected = reference.getText();
      assert.equal(ours.getText(), expected, context);
      assertSame(ours, TextDocument.create('file:///p.md', 'markdown', step + 2, expected), context);
    }
  }
});

it('applies several changes of one notification in order', () => {
  const changes = [
    { range: { start: { line: 0, character: 1 }, end: { line: 1, character: 0 } }, text: 'X\r' },
    { range: { start: { line: 0, character: 2 }, end: { line: 0, character: 2 } }, text: '\n' },
    { text: 'whole\r\nnew' },
    { range: { start: { line: 1, character: 0 }, end: { line: 1, character: 1 } }, text: '\r\n\r\n' },
  ];
  const ours = lineDocuments.create('file:///p.md', 'markdown', 1, 'ab\ncd\r\nef');
  const reference = TextDocument.create('file:///p.md', 'markdown', 1, 'ab\ncd\r\nef');
  ours.positionAt(0);
  lineDocuments.update(ours, changes, 2);
  TextDocument.update(reference, changes, 2);
  assertSame(ours, TextDocument.create('file:///p.md', 'markdown', 2, reference.getText()), 'several changes');
});

it('finds line starts a window at a time, and gives up when the text changes meanwhile', async () => {
  const line = 'word '.repeat(30) + '\r\n';
  const text = line.repeat(20_000) + 'end'; // 3 MB: three windows
  let pauses = 0;
  const ours = new LineDocument('file:///p.md', 'markdown', 1, text);
  assert.equal(ours.linesFound, false);
  await ours.findLines(async () => void pauses++);
  assert.equal(ours.linesFound, true);
  assert.ok(pauses >= 2, `paused ${pauses} times`);
  const reference = TextDocument.create('file:///p.md', 'markdown', 1, text);
  for (const offset of [0, line.length - 1, line.length, text.length - 2, text.length])
    assert.deepEqual(ours.positionAt(offset), reference.positionAt(offset));
  assert.equal(ours.lineCount, reference.lineCount);

  // An edit while the windows are searched: the search stops, and positions are those of the edited text.
  const edited = new LineDocument('file:///p.md', 'markdown', 1, text);
  const change = { range: { start: { line: 3, character: 0 }, end: { line: 3, character: 0 } }, text: 'new\n' };
  await edited.findLines(async () => {
    if (edited.version === 1) edited.update([change], 2);
  });
  TextDocument.update(reference, [change], 2);
  assert.equal(edited.linesFound, true, 'the edit found them in one go');
  for (const offset of [0, 3 * line.length + 4, text.length + 4])
    assert.deepEqual(edited.positionAt(offset), reference.positionAt(offset));
  assert.equal(edited.lineCount, reference.lineCount);
});
