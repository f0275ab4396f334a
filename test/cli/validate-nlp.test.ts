// The NLP-based constraint keys through the real binary: their rules and word lists live in dist/lazy/nlp.js,
// loaded only when a declared key needs them. Each verdict below is IFBench's reference checker's answer on
// the same completion (ratio:sentence_type, words:start_verb, count:pronouns with N 2, format:emoji).
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { BIN, REPO, assertNoStack, assertOutput, runCli, tempTree } from './helpers';

const NLP = path.join(REPO, 'dist', 'lazy', 'nlp.js');

let tree: { dir: string; cleanup: () => void };
before(() => {
  tree = tempTree({
    'story.prompt.md':
      '---\nmodel: gpt-4o\nconstraints:\n  compat: ifbench\n  sentenceRatio: {statements: 2, questions: 1}\n  startsWithVerb: true\n  pronouns: {min: 2}\n  sentenceEmoji: true\n---\nTell a story.\n',
    'words.prompt.md': '---\nmodel: gpt-4o\nconstraints:\n  words: {max: 50}\n---\nTell a story.\n',
    'story.txt': 'Write a story. It is short. Is it?\n',
    // Reports every module file loaded from dist/lazy, on stderr.
    'trace.cjs':
      "const Module = require('node:module');\nconst load = Module._load;\nModule._load = function (request, parent, isMain) {\n  if (/lazy[\\\\/]nlp/.test(request)) process.stderr.write('loaded lazy/nlp.js\\n');\n  return load.call(this, request, parent, isMain);\n};\n",
  });
});
after(() => tree.cleanup());

describe('validate with NLP-based keys', () => {
  it('checks sentences, the first verb, pronouns and emoji', () => {
    const r = runCli(['validate', '--prompt', 'story.prompt.md', 'story.txt'], { cwd: tree.dir });
    assertNoStack(r.stderr);
    assert.equal(r.status, 1);
    assertOutput(
      r.stdout,
      [
        '  sentenceRatio   ✓  2 statements, 1 question: in the ratio 2:1 (statements:questions)',
        '  startsWithVerb  ✓  starts with the verb "Write"',
        '  pronouns        ✓  2 pronouns; at least 2 required',
        '  sentenceEmoji   ✗  sentence 1 does not end with an emoji',
      ],
      'stdout',
    );
  });

  it('keeps the NLP rules out of the main bundle, and loads them only for keys that need them', () => {
    assert.ok(existsSync(NLP), 'dist/lazy/nlp.js is built');
    assert.doesNotMatch(readFileSync(path.join(REPO, 'dist', 'cli.js'), 'utf8'), /mightn|brainstorm/);
    const loads = (prompt: string): boolean => {
      const r = spawnSync(process.execPath, ['--require', './trace.cjs', BIN, 'validate', '--prompt', prompt, 'story.txt'], {
        cwd: tree.dir,
        encoding: 'utf8',
      });
      assertNoStack(r.stderr);
      return r.stderr.includes('loaded lazy/nlp.js');
    };
    assert.equal(loads('words.prompt.md'), false);
    assert.equal(loads('story.prompt.md'), true);
  });
});
