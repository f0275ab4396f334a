import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseDocument } from '../../core/document';
import { assertWellFormed } from './helpers';
import { withCpuTime } from '../support/cpu-time';
import { FORMAT_URIS, openerRuns } from './hostile-inputs';

const URIS = FORMAT_URIS;

/** Deterministic pseudo-random text with the characters every scanner reacts to. */
function junk(length: number, seed: number): string {
  const alphabet = '{}#%!-<>$:|~\n\r \t"\'`@.()[]=/\\abcxyz\u0000\uFEFF\uD800\uDC00';
  let state = seed;
  let out = '';
  for (let i = 0; i < length; i++) {
    state = (state * 1103515245 + 12345) & 0x7fffffff;
    out += state % 7 === 0 ? String.fromCharCode(state % 0xffff) : alphabet[state % alphabet.length];
  }
  return out;
}

function parseQuickly(uri: string, text: string, budgetMs: number): void {
  const { result: doc, ms: elapsed } = withCpuTime(() => parseDocument(uri, text));
  assertWellFormed(doc);
  assert.ok(elapsed < budgetMs, `${uri}: ${Math.round(elapsed)} ms for ${text.length} characters`);
}

test('binary junk parses without throwing in every format', () => {
  for (const [seed, uri] of Object.values(URIS).entries()) {
    parseQuickly(uri, junk(200_000, seed + 1), 3000);
    parseQuickly(uri, `---\n${junk(20_000, seed + 7)}\n---\n${junk(50_000, seed + 9)}`, 3000);
  }
});

test('250,000-character single lines and unbalanced openers stay linear', () => {
  // A quarter of the size the benchmark parses, a third of its 3,000 ms budget: about 10× what the slowest line needs.
  for (const text of openerRuns(250_000)) {
    for (const uri of Object.values(URIS)) parseQuickly(uri, text, 1000);
  }
});

test('a 10 MB prompt parses', () => {
  const paragraph = '# Heading\nSome text with {{var}} and <!-- a comment --> 日本語 👩‍💻.\n\n';
  const text = paragraph.repeat(Math.ceil(10_000_000 / paragraph.length));
  parseQuickly('big.prompt.md', text, 10_000);
});

test('deeply nested YAML does not overflow into a throw', () => {
  const depth = 50_000;
  const yaml = `x: ${'['.repeat(depth)}${']'.repeat(depth)}`;
  parseQuickly('deep.prompt.yml', yaml, 5000);
  parseQuickly('deep.prompt.md', `---\n${yaml}\n---\nbody`, 5000);
});

test('a 1 MB line inside frontmatter and inside a .prompt.yml content string', () => {
  const long = 'word '.repeat(200_000);
  parseQuickly('a.prompt.md', `---\nmodel: gpt-4o\ndescription: ${long}\n---\nHi`, 5000);
  parseQuickly('a.prompt.yml', `messages:\n  - role: user\n    content: ${long}{{x}}\n`, 5000);
});
