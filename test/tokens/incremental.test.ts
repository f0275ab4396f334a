// Incremental counting (issue deliverable 3): over random edit sequences, counts through the editor's IncrementalCounterPool
// (chunk tallies cached across lints) equal a fresh whole-document count with a plain BpeTokenCounter, total and per section.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { countDocument, type EngineHost } from '../../core/engine';
import { DocumentSession } from '../../core/analysis/session';
import { defaultConfig } from '../../core/config/types';
import { ChunkTallies, IncrementalCounterPool } from '../../core/tokens/incremental';
import { tallyingCounter } from '../../core/analysis/session';
import { SegmentedText } from '../../core/analysis/segments';
import type { TallyingCounter } from '../../core/tokens/counter';
import { TokenizerPool } from '../../core/tokens/pool';
import { nodeRankLoader } from '../../node/ranks';
import { EXACTNESS_CORPUS, generateCjk, generateProse, pick, seededRandom } from './corpus';

const plain = new TokenizerPool(nodeRankLoader);

/** Building blocks of a Markdown prompt: headings start sections; paragraphs, lists, code, CJK, emoji, CRLF, comments. */
const BLOCKS = [
  ...Object.values(EXACTNESS_CORPUS),
  '# Role\n',
  '## Rules 规则\n',
  '### Examples 😀\n',
  '<!-- promptbound budget: 50 -->\n',
  '{{! a template comment }}\n',
  'Use {{document}} and {{ question }}.\n',
  '- one\n- two\n  - nested\n',
  '```ts\nconst x = 1;\n```\n',
  '\n',
  '\n\n',
  '\r\n',
];
const SNIPPETS = [
  'a',
  ' ',
  '\n',
  '\n\n',
  '# ',
  '## H\n',
  '/',
  '😀',
  '日本',
  '{{x}}',
  '<!--',
  '-->',
  '---\n',
  '\t',
  "'s",
  '\r\n',
  '...',
];

function generateDocument(random: () => number, blocks: number): string {
  let body = '';
  for (let i = 0; i < blocks; i++) body += pick(random, BLOCKS) + (random() < 0.5 ? '\n' : '');
  return `---\nmodel: gpt-4o\nbudget:\n  output: 500\n---\n# Intro\n\n${generateProse(400, Math.floor(random() * 1000))}\n\n${body}`;
}

/** A keystroke-like edit: type or delete a few characters, break a line, paste a block, or delete a range. */
function randomEdit(random: () => number, text: string): string {
  const at = Math.floor(random() * (text.length + 1));
  const roll = random();
  if (roll < 0.45) return text.slice(0, at) + pick(random, SNIPPETS) + text.slice(at);
  if (roll < 0.75) return text.slice(0, at) + text.slice(Math.min(text.length, at + 1 + Math.floor(random() * 3)));
  if (roll < 0.9) return text.slice(0, at) + pick(random, BLOCKS) + text.slice(at);
  return text.slice(0, at) + text.slice(Math.min(text.length, at + Math.floor(random() * 400)));
}

function summary(stats: Awaited<ReturnType<typeof countDocument>>['stats']) {
  return {
    promptTokens: stats.promptTokens,
    approximate: stats.approximate,
    messages: stats.messages,
    sections: stats.sections.map((s) => ({
      title: s.section.title,
      offset: s.section.span.offset,
      tokens: s.tokens,
      approximate: s.approximate,
    })),
    estimated: stats.estimated,
    input: stats.budget.input,
  };
}

async function assertSameCounts(
  uri: string,
  text: string,
  model: string,
  incremental: EngineHost,
  session?: DocumentSession,
): Promise<void> {
  const config = { ...defaultConfig(), modelOverride: model };
  const fresh = await countDocument({ uri, text, config }, { tokenizers: plain });
  const cached = await countDocument({ uri, text, config, session }, incremental);
  assert.deepEqual(summary(cached.stats), summary(fresh.stats), `counts differ for ${JSON.stringify(text.slice(0, 200))}…`);
}

const MODELS = ['gpt-4o', 'gpt-4', 'claude-sonnet-4', 'gemini-2.5-pro'];

describe('incremental counting equals a whole-document count', () => {
  for (const [model, seed] of [
    ['gpt-4o', 101],
    ['gpt-4', 202],
    ['claude-sonnet-4', 303],
  ] as const) {
    it(`random edit sequences, ${model}`, async () => {
      const random = seededRandom(seed);
      // Small chunks and a small cache, so boundaries move and entries are evicted often.
      const maxChunkLength = 1 + Math.floor(random() * 300);
      const pool = new IncrementalCounterPool(plain, { maxChunkLength, maxEntries: 64 });
      const host: EngineHost = { tokenizers: pool };
      for (let sequence = 0; sequence < 6; sequence++) {
        // The editor's session keeps chunk tallies between versions of one document.
        const session = new DocumentSession({ maxChunkLength });
        let text = generateDocument(random, 8 + Math.floor(random() * 20));
        for (let step = 0; step < 25; step++) {
          await assertSameCounts('file:///w/p.prompt.md', text, model, host, session);
          // Now and then the same session counts for another model (the status bar's picker): tallies must not mix.
          if (random() < 0.2) await assertSameCounts('file:///w/p.prompt.md', text, pick(random, MODELS), host, session);
          text = randomEdit(random, text);
        }
      }
    });
  }

  it('chat formats too: a Dotprompt with role blocks under random edits', async () => {
    const random = seededRandom(404);
    const pool = new IncrementalCounterPool(plain);
    const host: EngineHost = { tokenizers: pool };
    const session = new DocumentSession({ maxChunkLength: 40 });
    let text = `---\nmodel: gpt-4o\n---\n{{role "system"}}\n${generateProse(300, 9)}\n\n{{role "user"}}\n${generateCjk(200, 4)}\n{{question}}\n`;
    for (let step = 0; step < 60; step++) {
      await assertSameCounts('file:///w/p.prompt', text, 'gpt-4o', host, session);
      text = randomEdit(random, text);
    }
  });
});

describe('a keystroke re-tokenizes only what it touched', () => {
  it('one character typed in a ~200 KB prompt re-counts the one chunk holding it and keeps the rest', async () => {
    const pool = new IncrementalCounterPool(plain);
    const host: EngineHost = { tokenizers: pool };
    const session = new DocumentSession();
    const sections = Array.from({ length: 40 }, (_, i) => `## Part ${i}\n\n${generateProse(5000, i + 1)}\n\n`).join('');
    const text = `---\nmodel: gpt-4o\n---\n# Big\n\n${sections}`;
    const config = defaultConfig();
    await countDocument({ uri: 'file:///w/big.prompt.md', text, config, session }, host);
    assert.equal(session.chunkWork.tallied, session.chunkWork.chunks, 'the first count tallies every chunk');
    const at = text.indexOf('## Part 20') + 20;
    const edited = text.slice(0, at) + 'x' + text.slice(at);
    const after = await countDocument({ uri: 'file:///w/big.prompt.md', text: edited, config, session }, host);
    // The message and every section over the edit (#, ## Part 20) are sums of chunks: only the edited chunk is tallied again.
    const { tallied, chunks } = session.chunkWork;
    assert.equal(tallied, 1, `tallied ${tallied} chunks`);
    assert.ok(chunks > 50, `only ${chunks} chunks`);
    const fresh = await countDocument({ uri: 'file:///w/big.prompt.md', text: edited, config }, { tokenizers: plain });
    assert.deepEqual(summary(after.stats), summary(fresh.stats));
  });
});

describe('a cold text is cut into chunks in slices (docs/editor-performance.md, "Never blocking")', () => {
  it('awaits checkpoints while cutting, before tallying any chunk, and cuts the same chunks as in one go', async () => {
    const counter = tallyingCounter(await plain.counterFor({ encoding: 'o200k_base' }));
    assert.ok(counter);
    // About 1.2 MB: paragraphs, long runs of lines without a blank one, and one 300 KB line (a chunk longer than a window).
    const parts: string[] = [];
    for (let i = 0; i < 60; i++) parts.push(`## Part ${i}\n\n${generateProse(12_000, i + 1)}\n\n`, 'line\n'.repeat(1000));
    parts.splice(30, 0, `${'word '.repeat(60_000)}\n\n`);
    const text = parts.join('');
    let tallied = 0;
    const counting: TallyingCounter = Object.assign(Object.create(counter) as TallyingCounter, {
      tally: (t: string) => {
        tallied++;
        return counter.tally(t);
      },
    });
    const sliced = new ChunkTallies(counting);
    let beforeFirstTally = 0;
    await sliced.update(text, [], async () => void (tallied === 0 && beforeFirstTally++));
    const whole = new ChunkTallies(counter);
    await whole.update(text, []);
    assert.ok(beforeFirstTally >= 3, `${beforeFirstTally} checkpoints while cutting ${text.length} characters`);
    assert.equal(sliced.chunkCount, whole.chunkCount);
    assert.deepEqual(sliced.total(), whole.total());
  });

  it('SegmentedText.updateAsync makes the segments update makes, for any window', async () => {
    const random = seededRandom(7);
    // A policy whose ends depend only on the text around them: after every line that ends in a period.
    const policy = {
      margin: 2,
      make: () => ({}),
      split: (text: string, from: number, to: number) => {
        const ends: number[] = [];
        for (let at = text.indexOf('.\n', from); at !== -1 && at + 2 < to; at = text.indexOf('.\n', at + 1)) ends.push(at + 2);
        ends.push(to);
        return ends;
      },
    };
    let text = Array.from({ length: 400 }, (_, i) => (i % 3 === 0 ? `line ${i}.\n` : `more ${'x'.repeat(i % 50)}\n`)).join('');
    const sync = new SegmentedText(policy);
    const sliced = new SegmentedText(policy);
    for (let step = 0; step < 30; step++) {
      let checkpoints = 0;
      const window = 1 + Math.floor(random() * 200);
      const expected = sync.update(text).map((s) => s.length);
      const got = (await sliced.updateAsync(text, async () => void checkpoints++, window)).map((s) => s.length);
      assert.deepEqual(got, expected, `step ${step}, window ${window}`);
      assert.equal(sliced.made, sync.made);
      if (step === 0) assert.ok(checkpoints > 10, `${checkpoints} checkpoints cutting ${text.length} characters`);
      text = randomEdit(random, text);
    }
  });
});
