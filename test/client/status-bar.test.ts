// The status bar item against a stand-in vscode: what it shows for the active prompt, its colours, stale stats, selections.
import { fake, editor, fakeClient, ThemeColor, MarkdownString } from './fake-vscode';
import { afterEach, beforeEach, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { Commands, CountTextRequest, DocumentStatsRequest, type DocumentStatsPayload } from '../../server/protocol';
import { PromptStatusBar } from '../../client/status-bar';
import { stats } from './stats-fixture';

const URI = 'file:///work/support.prompt.md';
const OTHER = 'file:///work/other.prompt.md';
const tick = (ms = 0) => new Promise((resolve) => setTimeout(resolve, ms));

describe('client/status-bar', () => {
  let bar: PromptStatusBar;
  let client: ReturnType<typeof fakeClient>;
  let answers: Map<string, DocumentStatsPayload | null>;

  beforeEach(() => {
    fake.reset();
    answers = new Map();
    client = fakeClient({
      [DocumentStatsRequest.method]: (params: { uri: string }) => answers.get(params.uri) ?? null,
      [CountTextRequest.method]: (params: { text: string }) => ({
        tokens: params.text.length,
        approximate: false,
        model: 'gpt-4o',
      }),
    });
    bar = new PromptStatusBar(() => client as never);
  });
  afterEach(() => bar.dispose());

  const item = () => fake.statusBarItems[0]!;

  it('is the promptbound.status item, named promptbound, hidden until there are stats', () => {
    assert.equal(fake.statusBarItems.length, 1);
    assert.equal(item().id, 'promptbound.status');
    assert.equal(item().name, 'promptbound');
    assert.equal(item().visible, false);
  });

  it("shows the active prompt's stats: text, tooltip, click to pick a model", () => {
    fake.activeTextEditor = editor(URI);
    bar.update(stats({ uri: URI }));
    assert.equal(item().visible, true);
    assert.equal(item().text, '1,741 / 128k tokens · gpt-4o');
    assert.equal(item().backgroundColor, undefined);
    assert.ok(item().tooltip instanceof MarkdownString);
    assert.equal(item().tooltip!.supportThemeIcons, true, 'the tooltip renders $(error) / $(warning)');
    assert.match(item().tooltip!.value, /\| Output reserve \| 4,096 \|/);
    assert.deepEqual(item().command, { title: 'Select model', command: Commands.selectModel, arguments: [URI] });
  });

  it('colours warnings and errors with the status bar theme colours', () => {
    fake.activeTextEditor = editor(URI);
    bar.update(stats({ uri: URI, version: 4, state: 'warning' }));
    assert.deepEqual(item().backgroundColor, new ThemeColor('statusBarItem.warningBackground'));
    bar.update(stats({ uri: URI, version: 5, state: 'error' }));
    assert.deepEqual(item().backgroundColor, new ThemeColor('statusBarItem.errorBackground'));
    assert.match(item().accessibilityInformation!.label, /over budget/);
    bar.update(stats({ uri: URI, version: 6, state: 'ok' }));
    assert.equal(item().backgroundColor, undefined);
  });

  it('drops stats older than the ones it has (a slow lint finishing late)', () => {
    fake.activeTextEditor = editor(URI);
    bar.update(stats({ uri: URI, version: 7, promptTokens: 10, inputTokens: 10 }));
    bar.update(stats({ uri: URI, version: 6, promptTokens: 99, inputTokens: 99 }));
    assert.match(item().text, /^10 \//);
    assert.equal(bar.statsFor(URI)?.version, 7);
  });

  it("keeps another document's stats without showing them, and shows them when that editor becomes active", async () => {
    fake.activeTextEditor = editor(URI);
    bar.update(stats({ uri: URI }));
    bar.update(stats({ uri: OTHER, inputTokens: 5, model: 'gpt-4.1', context: 1_047_576 }));
    assert.match(item().text, /gpt-4o$/);
    answers.set(OTHER, stats({ uri: OTHER, inputTokens: 5, model: 'gpt-4.1', context: 1_047_576 }));
    fake.activeTextEditor = editor(OTHER);
    fake.activeEditorChanged.fire(fake.activeTextEditor);
    await tick(10);
    assert.deepEqual(client.sent.at(-1), { method: DocumentStatsRequest.method, params: { uri: OTHER } });
    assert.equal(item().text, '5 / 1.05M tokens · gpt-4.1');
  });

  it('hides for a document the server says is not a prompt, and with no editor', async () => {
    fake.activeTextEditor = editor(URI);
    bar.update(stats({ uri: URI }));
    fake.activeTextEditor = editor('file:///work/notes.txt');
    fake.activeEditorChanged.fire(fake.activeTextEditor);
    await tick(10);
    assert.equal(item().visible, false);
    fake.activeTextEditor = undefined;
    fake.activeEditorChanged.fire(undefined);
    await tick(10);
    assert.equal(item().visible, false);
  });

  it('adds the count of a non-empty selection, counted by the server, and drops it when the selection is empty', async () => {
    fake.activeTextEditor = editor(URI, 'whole', 'selected text');
    bar.update(stats({ uri: URI }));
    fake.selectionChanged.fire({ textEditor: fake.activeTextEditor });
    await tick(250);
    assert.deepEqual(client.sent.at(-1), { method: CountTextRequest.method, params: { uri: URI, text: 'selected text' } });
    assert.equal(item().text, 'sel 13 · 1,741 / 128k tokens · gpt-4o');
    assert.match(item().tooltip!.value, /Selection: 13 tokens/);
    fake.activeTextEditor = editor(URI, 'whole', '');
    fake.selectionChanged.fire({ textEditor: fake.activeTextEditor });
    await tick(250);
    assert.equal(item().text, '1,741 / 128k tokens · gpt-4o');
  });

  it('counts a selection once it settles, not on every change', async () => {
    fake.activeTextEditor = editor(URI, 'whole', 'a');
    bar.update(stats({ uri: URI }));
    for (let i = 0; i < 5; i++) fake.selectionChanged.fire({ textEditor: fake.activeTextEditor });
    await tick(250);
    assert.equal(client.sent.filter((s) => s.method === CountTextRequest.method).length, 1);
  });
});
