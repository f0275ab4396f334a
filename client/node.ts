// The desktop extension (package.json "main"): the language server runs as a Node process over IPC.
import type * as vscode from 'vscode';
import { LanguageClient, TransportKind, type ServerOptions } from 'vscode-languageclient/node';
import { activate as activateShared, deactivate as deactivateShared } from './extension';
import { NODE_SERVER_MODULE } from './server-module';

export function activate(context: vscode.ExtensionContext): Promise<void> {
  const module = context.asAbsolutePath(NODE_SERVER_MODULE);
  const serverOptions: ServerOptions = {
    run: { module, transport: TransportKind.ipc },
    debug: { module, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6009'] } },
  };
  return activateShared(context, (id, name, options) => new LanguageClient(id, name, serverOptions, options));
}

export function deactivate(): Promise<void> {
  return deactivateShared();
}
