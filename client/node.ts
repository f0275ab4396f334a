// The desktop extension (package.json "main"): the language server runs as a Node process over IPC.
import type * as vscode from 'vscode';
import { LanguageClient, TransportKind, type ServerOptions } from 'vscode-languageclient/node';
import { activate as activateShared, deactivate as deactivateShared } from './extension';
import { NODE_SERVER_MODULE, nodeServerOptions } from './server-module';

export function activate(context: vscode.ExtensionContext): Promise<void> {
  // Forked with the server's Node flags and allocator settings (docs/editor-performance.md, "Memory").
  const serverOptions: ServerOptions = nodeServerOptions(
    context.asAbsolutePath(NODE_SERVER_MODULE),
    TransportKind.ipc,
    process.env,
  );
  return activateShared(context, (id, name, options) => new LanguageClient(id, name, serverOptions, options));
}

export function deactivate(): Promise<void> {
  return deactivateShared();
}
