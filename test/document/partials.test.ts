// Dotprompt partials resolved through the engine's file access: counted where the tag stands, names used, missing ones reported.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { lintDocument, type EngineHost } from '../../core/engine';
import { defaultConfig } from '../../core/config/types';
import type { FileAccess } from '../../core/files';
import { TokenizerPool } from '../../core/tokens/pool';
import { nodeRankLoader } from '../../node/ranks';
import { getEncoding } from 'js-tiktoken';

function memoryFiles(files: Record<string, string>): FileAccess {
  return {
    readText: async (uri) => files[uri],
    glob: async (base, patterns) =>
      Object.keys(files).filter((uri) => uri.startsWith(`${base}/`) && patterns.some((p) => uri.endsWith(p.replace('**/', '/')))),
  };
}

const PROMPT =
  '---\nmodel: gpt-4o\ninput:\n  schema:\n    topic: string\n    tone: string\n---\nWrite about {{topic}}.\n{{> voice}}\n';
const PARTIAL = '---\ndescription: shared voice\n---\nKeep a {{tone}} voice.\n';

test('a partial beside the prompt is counted where its tag stands, and its names count as used', async () => {
  const tokenizers = new TokenizerPool(nodeRankLoader);
  const host: EngineHost = { tokenizers, files: memoryFiles({ '/p/a.prompt': PROMPT, '/p/_voice.prompt': PARTIAL }) };
  const { stats, diagnostics, document } = await lintDocument(
    { uri: '/p/a.prompt', text: PROMPT, config: defaultConfig() },
    host,
  );
  // o200k_base, counted independently of the engine: the body with the partial's body (not its frontmatter) after the tag.
  const expected = getEncoding('o200k_base').encode('Write about {{topic}}.\n{{> voice}}Keep a {{tone}} voice.\n\n').length;
  assert.equal(stats.promptTokens, expected);
  assert.deepEqual(
    diagnostics.map((d) => d.ruleId),
    [],
  );
  assert.equal(document.partials[0].resolved?.uri, '/p/_voice.prompt');
});

test('a partial in a folder above is found; a missing one is reported only when files can be read', async () => {
  const tokenizers = new TokenizerPool(nodeRankLoader);
  const nested = { '/p/sub/a.prompt': PROMPT, '/p/_voice.prompt': PARTIAL };
  const found = await lintDocument(
    { uri: '/p/sub/a.prompt', text: PROMPT, config: defaultConfig() },
    { tokenizers, files: memoryFiles(nested) },
  );
  assert.deepEqual(
    found.diagnostics.map((d) => d.ruleId),
    [],
  );

  const missing = await lintDocument(
    { uri: '/p/a.prompt', text: PROMPT, config: defaultConfig() },
    { tokenizers, files: memoryFiles({ '/p/a.prompt': PROMPT }) },
  );
  // `tone` may be used by the partial that could not be read: not reported unused.
  assert.deepEqual(
    missing.diagnostics.map((d) => [d.ruleId, PROMPT.slice(d.offset, d.offset + d.length)]),
    [['template/syntax', 'voice']],
  );

  const blind = await lintDocument({ uri: '/p/a.prompt', text: PROMPT, config: defaultConfig() }, { tokenizers });
  assert.deepEqual(
    blind.diagnostics.map((d) => d.ruleId),
    [],
  );
});

test('partials that include each other are expanded once', async () => {
  const tokenizers = new TokenizerPool(nodeRankLoader);
  const files = { '/p/a.prompt': PROMPT, '/p/_voice.prompt': 'A {{> loop}}', '/p/_loop.prompt': 'B {{> voice}}' };
  const { stats } = await lintDocument(
    { uri: '/p/a.prompt', text: PROMPT, config: defaultConfig() },
    { tokenizers, files: memoryFiles(files) },
  );
  const expected = getEncoding('o200k_base').encode('Write about {{topic}}.\n{{> voice}}A {{> loop}}B {{> voice}}\n').length;
  assert.equal(stats.promptTokens, expected);
});
