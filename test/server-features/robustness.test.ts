// Every feature on broken, odd and hostile documents at every position: answers (maybe nothing), never throws.
// The unguarded implementations are called, so a throw fails here instead of being swallowed by index.ts.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { hoverAt } from '../../server/features/hover';
import { completionItems } from '../../server/features/completion';
import { codeActions } from '../../server/features/code-actions';
import { codeLenses, inlayHints } from '../../server/features/lenses';
import { documentSymbols } from '../../server/features/symbols';
import { foldingRanges } from '../../server/features/folding';
import { documentLinks } from '../../server/features/links';
import { definitionAt } from '../../server/features/definition';
import { renderPreview } from '../../server/features/preview';
import { TokenizerPool } from '../../core/tokens/pool';
import { nodeRankLoader } from '../../node/ranks';
import { DEFAULT_SETTINGS } from '../../server/protocol';
import { diagnosticsIn, hostOf, snapshotOf } from './harness';

const TEXTS = [
  '',
  '---',
  '---\n',
  '---\n---\n',
  '---\nmodel: [gpt-4o\nbudget:\n  output: x\n',
  '---\nmodel: gpt-4o\n---',
  '\ufeff---\r\nmodel: gpt-4o\r\nbudget:\r\n  warnAt: 2\r\n---\r\n# T\r\nHi {{x}}\r\n',
  '---\n: :\n- - -\n? [a]\n: b\n---\n# \n#\n',
  '---\nbudget: 5\nconstraints: [a, b]\nsamples: {x: 1}\n---\n{{',
  '---\na: &a [*a]\nmodel: *a\n---\nHi\n',
  '---\nconstraints:\n  words: {max: 3\n  frequency:\n    - word:\n      count: "~"\n---\n<!--\n',
  '---\nmodel:\n  configuration:\n    name: 5\n---\nsystem:\n{# unclosed\nuser:\n{{ x',
  '{{role "system"}}\n{{! promptbound-disable-next-line }}\n{{role}}\n{{#if}}',
  'model: gpt-4o\nmessages:\n  - role: user\n    content: "{{a}} 😀"\n  - [\n',
  '\r\r\n\n\t---\n😀角色\ud800\n# 😀\n<!-- promptbound budget: -1 -->\n<!-- promptbound-disable-file -->',
  '---\n"": 1\n" ":\n  "": x\nsamples: ["", "*", 3]\nconstraints:\n  schema: ""\n---\n{{#if}}{{/if}}{{> }}{% for %}{% endfor %}{{#each x as ||}}{{/each}}',
];
const URIS = ['/w/a.prompt.md', '/w/a.prompt', '/w/a.prompty', '/w/a.prompt.yml', '/w/a.txt'];
/** Files for links and the preview: every read misses (missing partials, samples, `${file:…}`). */
const NO_FILES = { readText: async () => undefined, glob: async () => [] };
const pool = new TokenizerPool(nodeRankLoader);

/** The outline, folding, links and preview on a document, checked for well-formed answers. */
async function documentFeatures(s: Awaited<ReturnType<typeof snapshotOf>>): Promise<void> {
  const lines = s.textDocument.lineCount;
  for (const range of foldingRanges(s))
    assert.ok(range.startLine < range.endLine && range.endLine < lines, JSON.stringify(range));
  const walk = (symbols: ReturnType<typeof documentSymbols>): void => {
    for (const symbol of symbols) {
      assert.ok(symbol.name !== '', 'every symbol has a name (the protocol requires one)');
      walk(symbol.children ?? []);
    }
  };
  walk(documentSymbols(s));
  await documentLinks(s, NO_FILES);
  await renderPreview(s, 0, pool, NO_FILES);
}

describe('robustness', () => {
  for (const uri of URIS) {
    it(`never throws on odd ${uri.slice(uri.indexOf('.'))} files, at any position`, async () => {
      for (const text of TEXTS) {
        const s = await snapshotOf(uri, text);
        const doc = s.textDocument;
        const diagnostics = diagnosticsIn(s, doc);
        const host = hostOf([s], { [uri]: [s] });
        for (const settings of [DEFAULT_SETTINGS, { ...DEFAULT_SETTINGS, sectionCounts: 'inlayHints' as const }]) {
          codeLenses(s, settings);
          inlayHints(s, { start: { line: 0, character: 0 }, end: { line: 1000, character: 0 } }, settings);
        }
        await documentFeatures(s);
        for (let offset = 0; offset <= text.length; offset++) {
          const position = doc.positionAt(offset);
          definitionAt(s, position);
          hoverAt(s, position);
          const items = completionItems(s, position);
          for (const item of items) assert.ok(item.textEdit && 'range' in item.textEdit, 'every item replaces a range');
          const range = { start: position, end: doc.positionAt(offset + 3) };
          codeActions(doc, s, { textDocument: { uri }, range, context: { diagnostics } }, host);
          // The same text as a sample file of the prompt (snapshot undefined).
          const sample = TextDocument.create('/w/a.samples/x.json', 'json', 1, text);
          codeActions(sample, undefined, { textDocument: { uri: sample.uri }, range, context: { diagnostics } }, host);
        }
      }
    });
  }

  it('never throws on random edits of a realistic prompt (seeded)', async () => {
    const base =
      '---\nmodel: gpt-4o\nbudget:\n  output: 500\n  variables:\n    q: 20\nconstraints:\n  words: {max: 50}\n  frequency:\n    - word: refund\n      count: 2\nsamples: [./x/*.json]\n---\n# Task 😀\n<!-- promptbound budget: 30 -->\nAnswer {{q}} 角色.\n## More\n<!-- promptbound-disable-next-line template -->\nUse {{d}}.\n';
    const pieces = [
      '',
      '\n',
      ' ',
      ':',
      '-',
      '{',
      '}',
      '[',
      '#',
      '---',
      '{{',
      '}}',
      '<!--',
      '-->',
      '😀',
      '\r\n',
      '"',
      "'",
      '  - ',
      'budget:',
      '\t',
    ];
    let seed = 42;
    const random = (n: number) => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed % n;
    };
    for (let round = 0; round < 120; round++) {
      let text = base;
      for (let k = 0; k < 1 + random(4); k++) {
        const at = random(text.length + 1);
        const cut = random(6);
        text = text.slice(0, at) + pieces[random(pieces.length)] + text.slice(Math.min(text.length, at + cut));
      }
      const uri = URIS[round % URIS.length];
      const s = await snapshotOf(uri, text);
      const doc = s.textDocument;
      const diagnostics = diagnosticsIn(s, doc);
      codeLenses(s, DEFAULT_SETTINGS);
      inlayHints(
        s,
        { start: { line: 0, character: 0 }, end: { line: 1000, character: 0 } },
        { ...DEFAULT_SETTINGS, sectionCounts: 'inlayHints' },
      );
      await documentFeatures(s);
      for (let p = 0; p < 12; p++) {
        const position = doc.positionAt(random(text.length + 1));
        definitionAt(s, position);
        hoverAt(s, position);
        completionItems(s, position);
        codeActions(
          doc,
          s,
          { textDocument: { uri }, range: { start: position, end: position }, context: { diagnostics } },
          hostOf([s]),
        );
      }
      // Every disable action offered re-parses to a document that no longer reports that diagnostic's rule on that line.
      for (const d of diagnostics.slice(0, 3)) {
        for (const action of codeActions(
          doc,
          s,
          { textDocument: { uri }, range: d.range, context: { diagnostics: [d] } },
          hostOf([s]),
        )) {
          if (!action.title.endsWith('for this line') || !action.edit) continue;
          const next = TextDocument.applyEdits(doc, action.edit.changes?.[uri] ?? []);
          const after = await snapshotOf(uri, next);
          const line = d.range.start.line + 1;
          assert.ok(
            !after.result.diagnostics.some(
              (x) => x.ruleId === d.code && x.uri === undefined && after.textDocument.positionAt(x.offset).line === line,
            ),
            `${String(d.code)} still reported on line ${line} after "${action.title}" in ${JSON.stringify(next)}`,
          );
        }
      }
    }
  });

  it('answers nothing from a snapshot of another version of the document', async () => {
    const s = await snapshotOf('/w/a.prompt.md', '---\nmodel: gpt-4o-mni\n---\nHi {{x}}\n');
    const newer = TextDocument.create(s.textDocument.uri, 'markdown', 2, 'changed');
    const diagnostics = diagnosticsIn(s, s.textDocument);
    const range = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
    assert.deepEqual(
      codeActions(newer, s, { textDocument: { uri: newer.uri }, range, context: { diagnostics } }, hostOf([s])),
      [],
    );
  });
});
