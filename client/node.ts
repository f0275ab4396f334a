// The desktop extension (package.json "main"): the language server runs as a Node process over IPC.
import type * as vscode from 'vscode';
import { LanguageClient, TransportKind, type ServerOptions } from 'vscode-languageclient/node';
import { activate as activateShared, deactivate as deactivateShared } from './extension';
import { NODE_SERVER_MODULE } from './server-module';
import { SERVER_NODE_FLAGS, serverEnvironment } from '../server/launch-flags';

/**
 * How the server process is started: forked with the server's Node flags and allocator settings (values already in
 * the extension host's environment win; docs/editor-performance.md, "Memory").
 */
export function serverOptions(module: string, processEnv: NodeJS.ProcessEnv = process.env): ServerOptions {
  const env = serverEnvironment(processEnv);
  return {
    run: { module, transport: TransportKind.ipc, options: { execArgv: [...SERVER_NODE_FLAGS], env } },
    debug: {
      module,
      transport: TransportKind.ipc,
      options: { execArgv: ['--nolazy', '--inspect=6009', ...SERVER_NODE_FLAGS], env },
    },
  };
}

export function activate(context: vscode.ExtensionContext): Promise<void> {
  const options = serverOptions(context.asAbsolutePath(NODE_SERVER_MODULE));
  return activateShared(context, (id, name, clientOptions) => new LanguageClient(id, name, options, clientOptions));
}

export function deactivate(): Promise<void> {
  return deactivateShared();
}
