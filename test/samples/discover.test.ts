// Sample discovery (docs/design/interop.md): `samples:` globs relative to the prompt, `samples: []` disables, else `<stem>.samples/**` and `<stem>.sample.*`.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { parseDocument } from '../../core/document';
import { discoverSamples, promptStem } from '../../core/samples/discover';
import { memoryFiles } from './memory-files';

const FILES = {
  '/p/support.prompt.md': '',
  '/p/support.samples/a.txt': 'a',
  '/p/support.samples/nested/b.jsonl': '"b"',
  '/p/support.samples/notes.png': '',
  '/p/support.sample.json': '{}',
  '/p/other.samples/c.txt': 'c',
  '/p/custom/d.json': '{}',
  '/p/custom/e.txt': 'e',
  '/q/outside.txt': 'x',
};

async function found(uri: string, frontmatter: string): Promise<string[]> {
  const doc = parseDocument(uri, `${frontmatter}\nBody.\n`);
  return discoverSamples(doc, memoryFiles(FILES));
}

describe('promptStem', () => {
  const cases: Array<[string, string]> = [
    ['/p/support.prompt.md', 'support'],
    ['/p/x.prompt', 'x'],
    ['/p/x.prompty', 'x'],
    ['/p/x.prompt.yml', 'x'],
    ['/p/x.prompt.yaml', 'x'],
    ['/p/Notes.PROMPT.MD', 'Notes'],
    ['/p/plain.txt', 'plain'],
  ];
  for (const [uri, stem] of cases) it(`${uri} → ${stem}`, () => assert.equal(promptStem(uri), stem));
});

describe('discoverSamples', () => {
  it('defaults to <stem>.samples/** and <stem>.sample.*, sample file kinds only', async () => {
    assert.deepEqual(await found('/p/support.prompt.md', ''), [
      '/p/support.sample.json',
      '/p/support.samples/a.txt',
      '/p/support.samples/nested/b.jsonl',
    ]);
  });

  it('a `samples` list replaces the defaults; ./ is relative to the prompt folder', async () => {
    assert.deepEqual(await found('/p/support.prompt.md', '---\nsamples: [./custom/*.json]\n---'), ['/p/custom/d.json']);
  });

  it('a single string works too', async () => {
    assert.deepEqual(await found('/p/support.prompt.md', '---\nsamples: custom/*\n---'), ['/p/custom/d.json', '/p/custom/e.txt']);
  });

  it('`samples: []` disables samples', async () => {
    const files = memoryFiles(FILES);
    const doc = parseDocument('/p/support.prompt.md', '---\nsamples: []\n---\nBody.\n');
    assert.deepEqual(await discoverSamples(doc, files), []);
    assert.deepEqual(files.globs, [], 'no glob is even asked for');
  });

  it('finds nothing for a prompt without samples', async () => {
    assert.deepEqual(await found('/p/lonely.prompt', ''), []);
  });
});
