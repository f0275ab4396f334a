// V8 keeps each script's source for as long as its functions live, one byte a character only when every character is
// Latin-1: the build escapes the others (scripts/latin1-output.mjs; docs/editor-performance.md, "Memory").
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

const ROOT = path.join(__dirname, '..', '..');
const { latin1Source } = require('../../scripts/latin1-output.mjs') as {
  latin1Source(text: string, file?: string): string;
};

describe('Latin-1 bundles', () => {
  it('every JavaScript file in dist is Latin-1', () => {
    const files = [
      ...readdirSync(path.join(ROOT, 'dist')).map((name) => path.join('dist', name)),
      ...readdirSync(path.join(ROOT, 'dist', 'lazy')).map((name) => path.join('dist', 'lazy', name)),
    ].filter((file) => file.endsWith('.js'));
    assert.ok(files.includes(path.join('dist', 'server-node.js')) && files.includes(path.join('dist', 'lazy', 'node-server.js')));
    for (const file of files) {
      const wide = /[^\u0000-\u00ff]/.exec(readFileSync(path.join(ROOT, file), 'utf8'));
      assert.equal(wide, null, `${file} has ${JSON.stringify(wide?.[0])}`);
    }
  });

  it('escapes characters above U+00FF so that regular expressions match the same', () => {
    const source = 'const QUOTE = /[“”‘’]x/u; const DASH = /a[–-]b/; const EMOJI = /😀+/u; // → é';
    const escaped = latin1Source(source);
    assert.equal(
      escaped,
      String.raw`const QUOTE = /[\u201C\u201D\u2018\u2019]x/u; const DASH = /a[\u2013-]b/; const EMOJI = /\uD83D\uDE00+/u; // \u2192 é`,
    );
    const run = (code: string) =>
      new Function(
        `${code}\nreturn [QUOTE.test('’x'), QUOTE.test('"x'), DASH.test('a–b'), EMOJI.exec('a😀😀')?.[0]];`,
      )() as unknown[];
    assert.deepEqual(run(escaped), run(source));
    assert.deepEqual(run(escaped), [true, false, true, '😀😀']);
  });

  it('refuses a character after a backslash, naming its line', () => {
    assert.throws(() => latin1Source('const a = 1;\nconst B = /\\’/;', 'x.js'), /x\.js:2: an escaped "’"/);
    assert.equal(latin1Source('const B = /\\\\’/;'), String.raw`const B = /\\\u2019/;`);
  });
});
