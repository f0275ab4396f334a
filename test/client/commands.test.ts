// The commands, the breakdown panel and the file requests against a stand-in vscode and language client.
import { fake, editor, fakeClient, Uri } from './fake-vscode';
import { beforeEach, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  Commands,
  CountTextRequest,
  DocumentStatsRequest,
  GlobRequest,
  LintWorkspaceRequest,
  ModelsRequest,
  ReadFileRequest,
  ReadRanksRequest,
  SetModelOverrideNotification,
  ValidateCompletionRequest,
  type ValidateCompletionResult,
} from '../../server/protocol';
import { registerCommands } from '../../client/commands';
import { BreakdownPanel, BREAKDOWN_VIEW_TYPE } from '../../client/breakdown-panel';
import { PreviewPanel } from '../../client/preview-panel';
import { registerFileRequests } from '../../client/file-requests';
import { stats } from './stats-fixture';

const URI = 'file:///work/support.prompt.md';
const MODELS = [
  { id: 'gpt-4o', context: 128000, output: 16384, encoding: 'o200k_base', tokenizer: 'exact', family: 'openai' },
  {
    id: 'claude-sonnet-4',
    context: 200000,
    output: 64000,
    encoding: 'o200k_base',
    tokenizer: 'approximate',
    family: 'anthropic',
  },
];
const FAILING: ValidateCompletionResult = {
  prompt: URI,
  pass: false,
  results: [{ key: 'words', pass: false, message: '142 words; at most 120 allowed' }],
  schema: [],
};

function setup(handlers: Record<string, (params: any) => unknown> = {}) {
  fake.reset();
  const client = fakeClient({
    [DocumentStatsRequest.method]: (p: { uri: string }) => (p.uri === URI ? stats({ uri: URI }) : null),
    [ModelsRequest.method]: () => MODELS,
    [CountTextRequest.method]: (p: { text: string }) => ({ tokens: p.text.length, approximate: true, model: 'claude-sonnet-4' }),
    [ValidateCompletionRequest.method]: () => FAILING,
    [LintWorkspaceRequest.method]: (p: { uris: string[] }) => ({ files: p.uris.length, errors: 1, warnings: 0, infos: 2 }),
    ...handlers,
  });
  const breakdown = new BreakdownPanel();
  const output = { appendLine: (line: string) => void fake.output.push(line), show() {} };
  registerCommands({
    client: () => client as never,
    breakdown,
    preview: new PreviewPanel(() => client as never),
    output: output as never,
  });
  const run = (id: string, ...args: unknown[]) => fake.commands.get(id)!(...args) as Promise<void>;
  return { client, run, breakdown };
}

describe('client/commands', () => {
  beforeEach(() => fake.reset());

  it('registers every command id of server/protocol.ts', () => {
    setup();
    assert.deepEqual([...fake.commands.keys()].sort(), Object.values(Commands).sort());
  });

  it('select model: the models as a quick pick with the current one active; the pick is sent as the override', async () => {
    const { client, run } = setup();
    fake.activeTextEditor = editor(URI);
    fake.quickPickAnswer = 'claude-sonnet-4';
    await run(Commands.selectModel);
    const picker = fake.quickPicks[0]!;
    assert.equal(picker.items[0]!.label, "$(file) Use the file's own model");
    assert.deepEqual(
      picker.items.slice(2).map((i) => i.label),
      ['gpt-4o', 'claude-sonnet-4'],
    );
    assert.deepEqual(
      picker.activeItems.map((i) => i.label),
      ['gpt-4o'],
      'the model now in use is active',
    );
    assert.match(
      (picker.items[3] as { description?: string }).description!,
      /200k window · 64k output · o200k_base · ≈ approximate/,
    );
    assert.deepEqual(client.notified, [
      { method: SetModelOverrideNotification.method, params: { uri: URI, model: 'claude-sonnet-4' } },
    ]);
  });

  it("select model: the file's own model clears the override; dismissing sends nothing", async () => {
    const { client, run } = setup();
    fake.quickPickAnswer = "$(file) Use the file's own model";
    await run(Commands.selectModel, URI); // a uri argument, as the status bar passes it
    assert.deepEqual(client.notified, [{ method: SetModelOverrideNotification.method, params: { uri: URI, model: undefined } }]);
    fake.quickPickAnswer = undefined;
    await run(Commands.selectModel, URI);
    assert.equal(client.notified.length, 1);
  });

  it('count selection: the selected text counted with the prompt tokenizer, in a message', async () => {
    const { client, run } = setup();
    fake.activeTextEditor = editor(URI, 'all', 'forty-two characters of selected text here');
    await run(Commands.countSelection);
    assert.deepEqual(client.sent.at(-1), {
      method: CountTextRequest.method,
      params: { uri: URI, text: 'forty-two characters of selected text here' },
    });
    assert.deepEqual(
      fake.messages.map((m) => m.text),
      ['Selection: ≈42 tokens (claude-sonnet-4).'],
    );
  });

  it('count selection with nothing selected says so instead of throwing', async () => {
    const { run } = setup();
    fake.activeTextEditor = editor(URI, 'all', '');
    await run(Commands.countSelection);
    assert.deepEqual(fake.messages, [{ severity: 'error', text: 'promptbound: select some text first.', actions: [] }]);
  });

  it('validate clipboard: the clipboard checked against the active prompt, an error message and ✗ lines in the output', async () => {
    const { client, run } = setup();
    fake.activeTextEditor = editor(URI);
    fake.clipboard = 'A reply that is far too long …';
    await run(Commands.validateClipboard);
    assert.deepEqual(client.sent.at(-1), {
      method: ValidateCompletionRequest.method,
      params: { uri: URI, text: 'A reply that is far too long …' },
    });
    assert.deepEqual(fake.messages, [
      {
        severity: 'error',
        text: 'Clipboard fails 1 check of support.prompt.md: words: 142 words; at most 120 allowed',
        actions: ['Show Details'],
      },
    ]);
    assert.match(fake.output[0]!, /^\[.+\] Clipboard checked against support\.prompt\.md$/);
    assert.equal(fake.output[1], '  ✗ words: 142 words; at most 120 allowed');
  });

  it('validate clipboard with an empty clipboard asks for a completion', async () => {
    const { client, run } = setup();
    fake.activeTextEditor = editor(URI);
    fake.clipboard = '  ';
    await run(Commands.validateClipboard);
    assert.equal(client.sent.length, 0);
    assert.match(fake.messages[0]!.text, /clipboard is empty/);
  });

  it('validate selection: the [uri, text] a code action passes, else the active selection', async () => {
    const { client, run } = setup({
      [ValidateCompletionRequest.method]: () => ({
        pass: true,
        prompt: URI,
        results: [{ key: 'words', pass: true, message: 'ok' }],
        schema: [],
      }),
    });
    await run(Commands.validateSelection, 'file:///work/support.samples/a.txt', 'sample text');
    assert.deepEqual(client.sent.at(-1)!.params, { uri: 'file:///work/support.samples/a.txt', text: 'sample text' });
    assert.deepEqual(fake.messages.at(-1), {
      severity: 'info',
      text: 'Selection passes all 1 check of support.prompt.md.',
      actions: ['Show Details'],
    });
    fake.activeTextEditor = editor(URI, 'all', 'the selection');
    await run(Commands.validateSelection);
    assert.deepEqual(client.sent.at(-1)!.params, { uri: URI, text: 'the selection' });
  });

  it('lint workspace: the prompt files found are linted by the server and the counts reported', async () => {
    const { client, run } = setup();
    fake.workspaceFolders = [{ uri: Uri.parse('file:///work'), name: 'work', index: 0 }];
    fake.foundFiles = [Uri.parse('file:///work/b.prompt'), Uri.parse('file:///work/a.prompt.md')];
    fake.messageAnswer = 'Show Problems';
    await run(Commands.lintWorkspace);
    assert.deepEqual(client.sent.at(-1), {
      method: LintWorkspaceRequest.method,
      params: { uris: ['file:///work/a.prompt.md', 'file:///work/b.prompt'] },
    });
    assert.deepEqual(fake.messages, [
      {
        severity: 'error',
        text: 'promptbound: linted 2 prompt files: 1 error, 0 warnings, 2 infos.',
        actions: ['Show Problems'],
      },
    ]);
    assert.deepEqual(fake.executed, ['workbench.actions.view.problems']);
  });

  it('lint workspace walks the folder when the file system has no search provider', async () => {
    const { client, run } = setup();
    fake.workspaceFolders = [{ uri: Uri.parse('vscode-test-web://mount/'), name: 'mount', index: 0 }];
    fake.configuration = { files: ['prompts/*.txt'] };
    const text = new TextEncoder().encode('x');
    fake.files.set('vscode-test-web://mount/a.prompty', text);
    fake.files.set('vscode-test-web://mount/node_modules/x.prompt', text);
    fake.files.set('vscode-test-web://mount/prompts/p.txt', text);
    fake.files.set('vscode-test-web://mount/notes.txt', text);
    await run(Commands.lintWorkspace);
    assert.deepEqual(client.sent.at(-1)!.params, {
      uris: ['vscode-test-web://mount/a.prompty', 'vscode-test-web://mount/prompts/p.txt'],
    });
  });

  it('show token breakdown: a webview with the chart, redrawn by newer stats only', async () => {
    const { run, breakdown } = setup();
    fake.activeTextEditor = editor(URI);
    await run(Commands.showTokenBreakdown);
    const panel = fake.panels[0]!;
    assert.equal(panel.viewType, BREAKDOWN_VIEW_TYPE);
    assert.equal(panel.title, 'Token breakdown: support.prompt.md');
    assert.deepEqual(panel.options, { enableScripts: false, localResourceRoots: [] });
    assert.match(panel.html, /<svg id="token-breakdown"/);
    assert.match(panel.html, /data-title="Rules" data-tokens="520"/);
    breakdown.update(
      stats({
        uri: URI,
        version: 9,
        sections: [
          {
            title: 'Rules',
            kind: 'heading',
            level: 1,
            tokens: 610,
            approximate: false,
            budget: 300,
            header: { start: { line: 1, character: 0 }, end: { line: 1, character: 5 } },
          },
        ],
      }),
    );
    assert.match(panel.html, /data-title="Rules" data-tokens="610"/);
    breakdown.update(stats({ uri: URI, version: 8 }));
    assert.match(panel.html, /data-tokens="610"/, 'an older lint does not redraw');
    breakdown.update(stats({ uri: 'file:///work/other.prompt.md', version: 20, sections: [] }));
    assert.match(panel.html, /data-tokens="610"/, "another prompt's stats do not redraw");
    await run(Commands.showTokenBreakdown, 'file:///work/not-open.prompt.md');
    assert.match(fake.messages.at(-1)!.text, /not-open\.prompt\.md is not an open prompt file/);
  });

  it('token breakdown: stats sent without their sections are asked for in full before redrawing', async () => {
    fake.reset();
    const asked: string[] = [];
    const full = stats({
      uri: URI,
      version: 12,
      sections: [
        {
          title: 'Part 2499',
          kind: 'heading',
          level: 1,
          tokens: 42,
          approximate: false,
          header: { start: { line: 9999, character: 0 }, end: { line: 9999, character: 11 } },
        },
      ],
    });
    const breakdown = new BreakdownPanel(async (uri) => {
      asked.push(uri);
      return full;
    });
    breakdown.show(stats({ uri: URI, version: 11 }));
    const panel = fake.panels[0]!;
    assert.match(panel.html, /data-title="Rules" data-tokens="520"/);
    breakdown.update(stats({ uri: URI, version: 12, sections: [], sectionsOmitted: 2500 }));
    await new Promise((resolve) => setImmediate(resolve));
    assert.deepEqual(asked, [URI]);
    assert.match(panel.html, /data-title="Part 2499" data-tokens="42"/);
    assert.doesNotMatch(panel.html, /No headings or role blocks/, 'the empty list was never drawn');
    // Another prompt's notification asks nothing.
    breakdown.update(stats({ uri: 'file:///work/other.prompt.md', version: 30, sections: [], sectionsOmitted: 2500 }));
    await new Promise((resolve) => setImmediate(resolve));
    assert.deepEqual(asked, [URI]);
  });
});

describe('client/file-requests', () => {
  beforeEach(() => fake.reset());

  function requests() {
    const client = fakeClient();
    registerFileRequests(client as never, Uri.parse('file:///ext') as never);
    return (message: { method: string }, params: unknown) =>
      client.requestHandlers.get(message.method)!(params) as Promise<unknown>;
  }

  it('reads files as strict UTF-8 text, null when missing or not text', async () => {
    const request = requests();
    fake.files.set('file:///w/a.json', new TextEncoder().encode('{"a": "ü"}'));
    fake.files.set('file:///w/bad.txt', new Uint8Array([0xff, 0xfe, 0x00]));
    assert.equal(await request(ReadFileRequest, { uri: 'file:///w/a.json' }), '{"a": "ü"}');
    assert.equal(await request(ReadFileRequest, { uri: 'file:///w/bad.txt' }), null);
    assert.equal(await request(ReadFileRequest, { uri: 'file:///w/missing.txt' }), null);
  });

  it('globs under a workspace root named without a slash (vscode-test-web://mount)', async () => {
    const request = requests();
    const bytes = new TextEncoder().encode('x');
    fake.files.set('vscode-test-web://mount/support.samples/a.json', bytes);
    fake.files.set('vscode-test-web://mount/support.sample.md', bytes);
    fake.files.set('vscode-test-web://mount/support.prompt.md', bytes);
    assert.deepEqual(
      await request(GlobRequest, { baseUri: 'vscode-test-web://mount', patterns: ['support.samples/**', 'support.sample.*'] }),
      ['vscode-test-web://mount/support.sample.md', 'vscode-test-web://mount/support.samples/a.json'],
    );
  });

  it('reads rank files from the extension, refusing anything but an encoding name', async () => {
    const request = requests();
    fake.files.set('file:///ext/dist/ranks/o200k_base.json', new TextEncoder().encode('{"pat_str":"x","bpe_ranks":"y"}'));
    assert.equal(await request(ReadRanksRequest, { encoding: 'o200k_base' }), '{"pat_str":"x","bpe_ranks":"y"}');
    assert.equal(await request(ReadRanksRequest, { encoding: '../../package' }), null);
  });
});
