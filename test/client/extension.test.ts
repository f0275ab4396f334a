// The shared activation against a stand-in vscode: the client it creates, what it wires to the server's notifications,
// and the restart when `promptbound.files` changes (the document selector holds those globs).
import { fake, editor, fakeClient, Uri } from './fake-vscode';
import { beforeEach, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { LanguageClientOptions } from 'vscode-languageclient';
import {
  Commands,
  DocumentStatsNotification,
  DocumentStatsRequest,
  GlobRequest,
  ReadFileRequest,
  ReadRanksRequest,
} from '../../server/protocol';
import { CLIENT_ID, activate, deactivate } from '../../client/extension';
import { stats } from './stats-fixture';

const URI = 'file:///work/support.prompt.md';

describe('client/extension: activate', () => {
  let created: Array<{ id: string; name: string; options: LanguageClientOptions; client: ReturnType<typeof fakeClient> }>;
  let context: { subscriptions: Array<{ dispose(): unknown }>; extensionUri: Uri };

  beforeEach(async () => {
    fake.reset();
    fake.workspaceFolders = [{ uri: Uri.parse('file:///work'), name: 'work', index: 0 }];
    fake.configuration = { files: ['prompts/**/*.txt'] };
    created = [];
    context = { subscriptions: [], extensionUri: Uri.parse('file:///ext') };
    await activate(context as never, (id, name, options) => {
      const client = fakeClient({ [DocumentStatsRequest.method]: () => null });
      created.push({ id, name, options, client });
      return client as never;
    });
  });

  it('starts one client with id promptbound, the prompt document selector and an output channel', () => {
    assert.equal(created.length, 1);
    const [{ id, name, options, client }] = created as [(typeof created)[0]];
    assert.equal(id, CLIENT_ID);
    assert.equal(id, 'promptbound', 'VS Code reads promptbound.trace.server for this id');
    assert.equal(name, 'promptbound');
    assert.deepEqual(client.lifecycle, ['start']);
    const selector = options.documentSelector as Array<Record<string, unknown>>;
    assert.deepEqual(selector.slice(0, 4), [
      { language: 'prompt' },
      { language: 'dotprompt' },
      { language: 'prompty' },
      { language: 'prompt-yaml' },
    ]);
    assert.deepEqual(selector.at(-1), { pattern: { baseUri: 'file:///work', pattern: 'prompts/**/*.txt' } });
    assert.equal(options.synchronize, undefined, 'the server registers settings and file watchers itself');
    assert.ok(options.outputChannel);
  });

  it('answers the server file requests and registers every command', () => {
    const { client } = created[0]!;
    assert.deepEqual(
      [...client.requestHandlers.keys()].sort(),
      [GlobRequest, ReadFileRequest, ReadRanksRequest].map((m) => m.method).sort(),
    );
    assert.deepEqual([...fake.commands.keys()].sort(), Object.values(Commands).sort());
  });

  it("shows the server's stats notifications in the status bar", () => {
    fake.activeTextEditor = editor(URI);
    created[0]!.client.notificationHandlers.get(DocumentStatsNotification.method)!(stats({ uri: URI }));
    const item = fake.statusBarItems[0]!;
    assert.equal(item.visible, true);
    assert.equal(item.text, '1,741 / 128k tokens · gpt-4o');
  });

  it('tells the server whether the workspace is trusted, and restarts when trust is granted', async () => {
    const trustOf = (i: number) => (created[i]!.options.initializationOptions as { workspaceTrusted?: boolean }).workspaceTrusted;
    assert.equal(trustOf(0), true);
    fake.trusted = false;
    fake.configurationChanged.fire({ affectsConfiguration: (section) => section === 'promptbound.files' });
    await new Promise((resolve) => setTimeout(resolve, 20));
    assert.equal(trustOf(1), false, 'Restricted Mode reaches the server');
    fake.trusted = true;
    fake.trustGranted.fire();
    await new Promise((resolve) => setTimeout(resolve, 20));
    assert.equal(created.length, 3, 'granting trust restarts the server');
    assert.deepEqual(created[1]!.client.lifecycle, ['start', 'stop', 'dispose']);
    assert.equal(trustOf(2), true);
  });

  it('restarts with a new selector when promptbound.files changes, and stops on deactivate', async () => {
    fake.configuration = { files: ['more/*.md'] };
    fake.configurationChanged.fire({ affectsConfiguration: (section) => section === 'promptbound.files' });
    await new Promise((resolve) => setTimeout(resolve, 20));
    assert.equal(created.length, 2);
    assert.deepEqual(created[0]!.client.lifecycle, ['start', 'stop', 'dispose']);
    assert.deepEqual(created[1]!.client.lifecycle, ['start']);
    assert.deepEqual((created[1]!.options.documentSelector as unknown[]).at(-1), {
      pattern: { baseUri: 'file:///work', pattern: 'more/*.md' },
    });
    fake.configurationChanged.fire({ affectsConfiguration: (section) => section === 'promptbound.debounce' });
    await new Promise((resolve) => setTimeout(resolve, 20));
    assert.equal(created.length, 2, 'other settings reach the server without a restart');
    await deactivate();
    assert.deepEqual(created[1]!.client.lifecycle, ['start', 'stop', 'dispose']);
  });
});
