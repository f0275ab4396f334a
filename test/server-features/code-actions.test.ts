// Code actions on prompts: core fixes, disable comments per format (applied, re-linted), validate selection, `only`.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { CodeAction } from 'vscode-languageserver';
import { provideCodeActions } from '../../server/features';
import { Commands } from '../../server/protocol';
import { applied, diagnosticsIn, hostOf, paramsFor, snapshotOf } from './harness';
import type { DocumentSnapshot } from '../../server/snapshot';

function actionsFor(s: DocumentSnapshot, ruleId: string, nth = 0): { actions: CodeAction[]; line: number } {
  const diagnostics = diagnosticsIn(s, s.textDocument).filter((d) => d.code === ruleId);
  const diagnostic = diagnostics[nth];
  assert.ok(diagnostic, `expected a ${ruleId} diagnostic`);
  return {
    actions: provideCodeActions(s.textDocument, s, paramsFor(s.textDocument, [diagnostic]), hostOf([s])),
    line: diagnostic.range.start.line,
  };
}

function titled(actions: CodeAction[], title: string): CodeAction {
  const action = actions.find((a) => a.title === title);
  assert.ok(action, `no action "${title}" among ${JSON.stringify(actions.map((a) => a.title))}`);
  return action;
}

async function relint(s: DocumentSnapshot, text: string): Promise<DocumentSnapshot> {
  return snapshotOf(s.textDocument.uri, text, { files: {} }, s.textDocument.version + 1);
}

const rules = (s: DocumentSnapshot) => s.result.diagnostics.map((d) => d.ruleId);

describe('code actions: fixes core attached', () => {
  it('applies the did-you-mean of frontmatter/schema and the result lints clean of it', async () => {
    const s = await snapshotOf('/w/a.prompt.md', '---\nbudget:\n  wranAt: 0.5\n---\nHi\n');
    const { actions } = actionsFor(s, 'frontmatter/schema');
    const fix = titled(actions, "Replace 'wranAt' with 'warnAt'");
    assert.equal(fix.kind, 'quickfix');
    const text = applied(s.textDocument, fix);
    assert.equal(text, '---\nbudget:\n  warnAt: 0.5\n---\nHi\n');
    assert.ok(!rules(await relint(s, text)).includes('frontmatter/schema'));
  });

  it('offers the model/unknown suggestions, the first one preferred only when core marks it safe', async () => {
    const s = await snapshotOf('/w/a.prompt.md', '---\nmodel: gpt-4o-mni\n---\nHi 😀\n');
    const { actions } = actionsFor(s, 'model/unknown');
    const fix = titled(actions, "Replace with 'gpt-4o-mini'");
    const core = s.result.diagnostics.find((d) => d.ruleId === 'model/unknown')!;
    assert.equal(fix.isPreferred === true, core.fixes!.length === 1 && core.fixes![0].safe === true);
    const text = applied(s.textDocument, fix);
    assert.equal(text, '---\nmodel: gpt-4o-mini\n---\nHi 😀\n');
    assert.ok(!rules(await relint(s, text)).includes('model/unknown'));
  });

  it('drops fixes of a diagnostic computed on another version of the document', async () => {
    const s = await snapshotOf('/w/a.prompt.md', '---\nbudget:\n  wranAt: 0.5\n---\nHi\n');
    const diagnostic = diagnosticsIn(s, s.textDocument).find((d) => d.code === 'frontmatter/schema')!;
    const stale = { ...diagnostic, data: { ...(diagnostic.data as object), version: s.textDocument.version - 1 } };
    const actions = provideCodeActions(s.textDocument, s, paramsFor(s.textDocument, [stale]), hostOf([s]));
    assert.deepEqual(
      actions.filter((a) => a.kind === 'quickfix'),
      [],
    );
  });

  it('ignores diagnostics that are not ours or carry edits outside the text', async () => {
    const s = await snapshotOf('/w/a.prompt.md', '---\nmodel: gpt-4o\n---\nHi\n');
    const foreign = {
      range: { start: { line: 0, character: 0 }, end: { line: 0, character: 1 } },
      message: 'x',
      code: 'other',
      data: 'nope',
    };
    const broken = {
      ...foreign,
      code: 'model/unknown',
      data: {
        ruleId: 'model/unknown',
        version: 1,
        fixes: [{ title: 'Bad', edits: [{ offset: 1000, length: 1, newText: 'x' }] }],
      },
    };
    const actions = provideCodeActions(s.textDocument, s, paramsFor(s.textDocument, [foreign, broken]), hostOf([s]));
    assert.ok(!actions.some((a) => a.title === 'Bad'));
    assert.ok(!actions.some((a) => a.title.includes('other')));
  });
});

const MARKDOWN = `---
model: gpt-4o
---
# Task 任务 😀

  - Use {{document}} and 😀 {{notes}}.
`;

describe('code actions: disable comments', () => {
  it('Markdown: a disable-next-line HTML comment above the line, with its indentation', async () => {
    const s = await snapshotOf('/w/a.prompt.md', MARKDOWN);
    const { actions } = actionsFor(s, 'template/undefined-variable', 1);
    const text = applied(s.textDocument, titled(actions, 'Disable template/undefined-variable for this line'));
    assert.equal(
      text,
      MARKDOWN.replace('  - Use', '  <!-- promptbound-disable-next-line template/undefined-variable -->\n  - Use'),
    );
    const after = await relint(s, text);
    assert.deepEqual(
      rules(after).filter((r) => r === 'template/undefined-variable'),
      [],
    );
  });

  it('Markdown: a disable-file comment at the top of the body', async () => {
    const s = await snapshotOf('/w/a.prompt.md', MARKDOWN);
    const { actions } = actionsFor(s, 'template/undefined-variable');
    const text = applied(s.textDocument, titled(actions, 'Disable template/undefined-variable for this file'));
    assert.equal(
      text,
      MARKDOWN.replace('---\n# Task', '---\n<!-- promptbound-disable-file template/undefined-variable -->\n# Task'),
    );
    assert.ok(!rules(await relint(s, text)).includes('template/undefined-variable'));
  });

  it('offers only the file-level comment for a diagnostic in the frontmatter (core reads no YAML comments)', async () => {
    const s = await snapshotOf('/w/a.prompt.md', '---\nmodel: gpt-4o-mni\n---\nHi\n');
    const { actions } = actionsFor(s, 'model/unknown');
    assert.ok(!actions.some((a) => a.title === 'Disable model/unknown for this line'));
    const text = applied(s.textDocument, titled(actions, 'Disable model/unknown for this file'));
    assert.equal(text, '---\nmodel: gpt-4o-mni\n---\n<!-- promptbound-disable-file model/unknown -->\nHi\n');
    assert.ok(!rules(await relint(s, text)).includes('model/unknown'));
  });

  it('adds the rule to a disable-next-line comment already above the line', async () => {
    const text = '# T\n<!-- promptbound-disable-next-line tokens/special-token -->\nUse {{x}} <|endoftext|>\n';
    const s = await snapshotOf('/w/a.prompt.md', text);
    assert.ok(rules(s).includes('template/undefined-variable'));
    const { actions } = actionsFor(s, 'template/undefined-variable');
    const next = applied(s.textDocument, titled(actions, 'Disable template/undefined-variable for this line'));
    assert.equal(
      next,
      '# T\n<!-- promptbound-disable-next-line tokens/special-token template/undefined-variable -->\nUse {{x}} <|endoftext|>\n',
    );
    const after = await relint(s, next);
    assert.ok(!rules(after).includes('template/undefined-variable'));
    assert.ok(!rules(after).includes('tokens/special-token'));
  });

  it('Dotprompt uses {{! }} and Prompty {# #}, and keeps CRLF line ends', async () => {
    const dot = await snapshotOf(
      '/w/a.prompt',
      '---\nmodel: gpt-4o\ninput:\n  schema:\n    tone: string\n---\n{{role "user"}}\r\nUse {{topic}} in a {{tone}} tone.\r\n',
    );
    const dotText = applied(
      dot.textDocument,
      titled(actionsFor(dot, 'template/undefined-variable').actions, 'Disable template/undefined-variable for this line'),
    );
    assert.equal(
      dotText,
      '---\nmodel: gpt-4o\ninput:\n  schema:\n    tone: string\n---\n{{role "user"}}\r\n{{! promptbound-disable-next-line template/undefined-variable }}\r\nUse {{topic}} in a {{tone}} tone.\r\n',
    );
    assert.ok(!rules(await relint(dot, dotText)).includes('template/undefined-variable'));

    const prompty = await snapshotOf(
      '/w/a.prompty',
      '---\nname: x\ninputs:\n  tone:\n    type: string\n---\nsystem:\nUse {{ topic }} 😀 {{ tone }}.\n',
    );
    const { actions } = actionsFor(prompty, 'template/undefined-variable');
    const lineText = applied(prompty.textDocument, titled(actions, 'Disable template/undefined-variable for this line'));
    assert.equal(
      lineText,
      '---\nname: x\ninputs:\n  tone:\n    type: string\n---\nsystem:\n{# promptbound-disable-next-line template/undefined-variable #}\nUse {{ topic }} 😀 {{ tone }}.\n',
    );
    const fileText = applied(prompty.textDocument, titled(actions, 'Disable template/undefined-variable for this file'));
    assert.equal(
      fileText,
      '---\nname: x\ninputs:\n  tone:\n    type: string\n---\n{# promptbound-disable-file template/undefined-variable #}\nsystem:\nUse {{ topic }} 😀 {{ tone }}.\n',
    );
    for (const text of [lineText, fileText]) {
      const after = await relint(prompty, text);
      assert.ok(!rules(after).includes('template/undefined-variable'));
      // The comment is not sent; only the line end it sits on is (core does not model Jinja whitespace control).
      assert.ok(after.result.stats.promptTokens - prompty.result.stats.promptTokens <= 1);
    }
  });

  it('plain-text prompts (config globs) take HTML comments, as core reads them there', async () => {
    const s = await snapshotOf('/w/prompts/a.txt', 'Intro\nUse {{x}} 😀\n');
    const text = applied(
      s.textDocument,
      titled(actionsFor(s, 'template/undefined-variable').actions, 'Disable template/undefined-variable for this line'),
    );
    assert.equal(text, 'Intro\n<!-- promptbound-disable-next-line template/undefined-variable -->\nUse {{x}} 😀\n');
    assert.ok(!rules(await relint(s, text)).includes('template/undefined-variable'));
  });

  it('offers no line comment where it would land inside another comment', async () => {
    const text = '# T\n<!--\n<|endoftext|>\n-->\n';
    const s = await snapshotOf('/w/a.prompt.md', text);
    const { actions } = actionsFor(s, 'tokens/special-token');
    assert.ok(!actions.some((a) => a.title.endsWith('for this line')));
    assert.ok(actions.some((a) => a.title === 'Disable tokens/special-token for this file'));
  });

  it('in a document too large to re-parse per request, still inserts correctly and still refuses to split a comment', async () => {
    const filler = 'Plain filler text for a long prompt.\n'.repeat(9000);
    const text = `# Big\n${filler}Use {{late}} here.\n<!--\n<|endoftext|>\n-->\n`;
    assert.ok(text.length > 256 * 1024);
    const s = await snapshotOf('/w/a.prompt.md', text);
    const { actions } = actionsFor(s, 'template/undefined-variable');
    const next = applied(s.textDocument, titled(actions, 'Disable template/undefined-variable for this line'));
    assert.equal(
      next,
      text.replace('Use {{late}}', '<!-- promptbound-disable-next-line template/undefined-variable -->\nUse {{late}}'),
    );
    assert.ok(!rules(await relint(s, next)).includes('template/undefined-variable'));
    assert.ok(!actionsFor(s, 'tokens/special-token').actions.some((a) => a.title.endsWith('for this line')));
  });

  it('offers no disable comments in GitHub Models files (they have no body comments)', async () => {
    const s = await snapshotOf('/w/a.prompt.yml', 'model: gpt-4o-mni\nmessages:\n  - role: user\n    content: hi\n');
    const { actions } = actionsFor(s, 'model/unknown');
    assert.ok(!actions.some((a) => a.title.startsWith('Disable')));
    assert.ok(actions.some((a) => a.title === "Replace with 'gpt-4o-mini'"));
  });
});

describe('code actions: validate selection, only', () => {
  const PROMPT = '---\nconstraints:\n  words: {max: 5}\n---\nAnswer briefly 😀.\n';

  it('offers "Validate selection as a completion" for a non-empty selection in a prompt with constraints', async () => {
    const s = await snapshotOf('/w/a.prompt.md', PROMPT);
    const range = { start: { line: 4, character: 0 }, end: { line: 4, character: 17 } }; // the emoji is two UTF-16 units
    const actions = provideCodeActions(s.textDocument, s, paramsFor(s.textDocument, [], range), hostOf([s]));
    const action = titled(actions, 'Validate selection as a completion');
    assert.deepEqual(action.command, {
      title: 'Validate selection as a completion',
      command: Commands.validateSelection,
      arguments: ['/w/a.prompt.md', 'Answer briefly 😀'],
    });
    const empty = { start: range.start, end: range.start };
    assert.ok(!provideCodeActions(s.textDocument, s, paramsFor(s.textDocument, [], empty), hostOf([s])).some((a) => a.command));
    const plain = await snapshotOf('/w/b.prompt.md', 'No declarations.\n');
    assert.deepEqual(
      provideCodeActions(
        plain.textDocument,
        plain,
        paramsFor(plain.textDocument, [], { start: { line: 0, character: 0 }, end: { line: 0, character: 2 } }),
        hostOf(),
      ),
      [],
    );
  });

  it('honours context.only', async () => {
    const s = await snapshotOf('/w/a.prompt.md', '---\nmodel: gpt-4o-mni\nconstraints:\n  words: 3\n---\nHi there\n');
    const diagnostics = diagnosticsIn(s, s.textDocument);
    const range = { start: { line: 5, character: 0 }, end: { line: 5, character: 2 } };
    const params = { ...paramsFor(s.textDocument, diagnostics, range), context: { diagnostics, only: ['quickfix'] } };
    const actions = provideCodeActions(s.textDocument, s, params, hostOf([s]));
    assert.ok(actions.length > 0);
    assert.ok(actions.every((a) => a.kind === 'quickfix'));
    const refactors = provideCodeActions(
      s.textDocument,
      s,
      { ...params, context: { diagnostics, only: ['refactor'] } },
      hostOf([s]),
    );
    assert.deepEqual(
      refactors.map((a) => a.title),
      ['Validate selection as a completion'],
    );
  });
});
