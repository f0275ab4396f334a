// The client's answers to the web server's file requests: strict text decoding and the bounded glob walk.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  MAX_FILE_BYTES,
  decodeText,
  globFiles,
  rankFileName,
  type DirectoryTree,
  type EntryKind,
} from '../../client/workspace-files';

describe('client/workspace-files: decodeText', () => {
  const bytes = (text: string) => new TextEncoder().encode(text);

  it('decodes UTF-8, CJK and emoji included', () => {
    assert.equal(decodeText(bytes('héllo 世界 👋')), 'héllo 世界 👋');
  });

  it('drops a byte-order mark', () => {
    assert.equal(decodeText(new Uint8Array([0xef, 0xbb, 0xbf, 0x68, 0x69])), 'hi');
  });

  it('refuses invalid UTF-8 instead of replacing bytes', () => {
    assert.equal(decodeText(new Uint8Array([0x68, 0xff, 0x69])), null);
  });

  it('refuses binary files (a NUL early on)', () => {
    assert.equal(decodeText(new Uint8Array([0x68, 0x00, 0x69])), null);
  });

  it('refuses files over 10 MB', () => {
    assert.equal(decodeText(new Uint8Array(MAX_FILE_BYTES + 1).fill(0x61)), null);
    assert.equal(decodeText(new Uint8Array(MAX_FILE_BYTES).fill(0x61))?.length, MAX_FILE_BYTES);
  });
});

/** An in-memory tree: paths with a trailing `/` are folders. Records which folders were listed. */
function memoryTree(paths: string[]): { tree: DirectoryTree<string>; listed: string[] } {
  const listed: string[] = [];
  const tree: DirectoryTree<string> = {
    async list(dir) {
      listed.push(dir);
      const prefix = dir === '' ? '' : `${dir}/`;
      const children = new Map<string, EntryKind>();
      for (const p of paths) {
        if (!p.startsWith(prefix) || p === prefix) continue;
        const rest = p.slice(prefix.length);
        const slash = rest.indexOf('/');
        children.set(slash < 0 ? rest : rest.slice(0, slash), slash < 0 ? 'file' : 'directory');
      }
      if (children.size === 0 && !paths.some((p) => p.startsWith(prefix))) throw new Error(`ENOENT ${dir}`);
      return [...children];
    },
    child: (dir, name) => (dir === '' ? name : `${dir}/${name}`),
  };
  return { tree, listed };
}

describe('client/workspace-files: globFiles', () => {
  const files = [
    'support.prompt.md',
    'support.samples/a.json',
    'support.samples/b.txt',
    'support.samples/deep/c.jsonl',
    'support.sample.md',
    'other/x.prompt',
    'other/node_modules/y.prompt',
    '.hidden/z.prompt',
    'a file.txt',
  ];

  it('matches relative globs in path order, without dot folders or node_modules', async () => {
    const { tree } = memoryTree(files);
    assert.deepEqual(await globFiles(tree, '', ['support.samples/**', 'support.sample.*']), [
      'support.sample.md',
      'support.samples/a.json',
      'support.samples/b.txt',
      'support.samples/deep/c.jsonl',
    ]);
    assert.deepEqual(await globFiles(tree, '', ['**/*.prompt']), ['other/x.prompt']);
  });

  it('walks a pattern from its static prefix only', async () => {
    const { tree, listed } = memoryTree(files);
    assert.deepEqual(await globFiles(tree, '', ['support.samples/*.json']), ['support.samples/a.json']);
    assert.deepEqual(listed, ['support.samples']); // not the root, not deep/: `*` does not recurse
  });

  it('never leaves the base: absolute, uri and .. patterns are ignored', async () => {
    const { tree, listed } = memoryTree(files);
    assert.deepEqual(await globFiles(tree, 'other', ['../support.prompt.md', '/etc/passwd', 'file:///etc/passwd', '']), []);
    assert.deepEqual(listed, []);
  });

  it('deduplicates files matched by several patterns and keeps names with spaces', async () => {
    const { tree } = memoryTree(files);
    assert.deepEqual(await globFiles(tree, '', ['*.txt', 'a file.txt', './a file.txt']), ['a file.txt']);
  });

  it('treats a missing folder as empty', async () => {
    const { tree } = memoryTree(files);
    assert.deepEqual(await globFiles(tree, '', ['missing/**']), []);
  });

  it('stops after the entry budget and the depth limit', async () => {
    const wide = Array.from({ length: 50 }, (_, i) => `s/${String(i).padStart(2, '0')}.json`);
    const { tree } = memoryTree(wide);
    assert.equal((await globFiles(tree, '', ['s/*.json'], { entries: 10, depth: 16 })).length, 10);
    const deep = memoryTree(['a/b/c/d/e.json']);
    assert.deepEqual(await globFiles(deep.tree, '', ['**/*.json'], { entries: 100, depth: 3 }), []);
    assert.deepEqual(await globFiles(deep.tree, '', ['**/*.json'], { entries: 100, depth: 4 }), ['a/b/c/d/e.json']);
  });
});

describe('client/workspace-files: rankFileName', () => {
  it('names a rank file only for a plain encoding name', () => {
    assert.equal(rankFileName('o200k_base'), 'o200k_base.json');
    assert.equal(rankFileName('../../package'), undefined);
    assert.equal(rankFileName('a/b'), undefined);
    assert.equal(rankFileName(''), undefined);
  });
});
