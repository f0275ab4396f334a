// The web extension (package.json "browser", vscode.dev): the language server runs in a web worker.
import * as vscode from 'vscode';
import {
  BrowserMessageReader,
  BrowserMessageWriter,
  LanguageClient,
  type MessageTransports,
} from 'vscode-languageclient/browser';
import { activate as activateShared, deactivate as deactivateShared } from './extension';
import { BROWSER_SERVER_MODULE } from './server-module';

/** The extension host is a web worker, so `Worker` exists; the project's lib is ES2022 without DOM types. */
interface ServerWorker {
  terminate(): void;
}
const WorkerConstructor = (globalThis as unknown as { Worker: new (url: string, options?: { name?: string }) => ServerWorker })
  .Worker;

let worker: ServerWorker | undefined;

export function activate(context: vscode.ExtensionContext): Promise<void> {
  const url = vscode.Uri.joinPath(context.extensionUri, ...BROWSER_SERVER_MODULE).toString(true);
  // A fresh worker on every (re)start: the client restarts a crashed server by asking for transports again.
  // Transports are built here, not left to the client: the extension host's `Worker` is a wrapper, so the
  // client's `instanceof Worker` check fails on the worker it returns.
  const serverOptions = async (): Promise<MessageTransports> => {
    worker?.terminate();
    worker = new WorkerConstructor(url, { name: 'promptbound language server' });
    const port = worker as ConstructorParameters<typeof BrowserMessageReader>[0];
    return { reader: new BrowserMessageReader(port), writer: new BrowserMessageWriter(port) };
  };
  return activateShared(context, (id, name, options) => new LanguageClient(id, name, serverOptions, options));
}

export async function deactivate(): Promise<void> {
  await deactivateShared();
  worker?.terminate();
  worker = undefined;
}
