// Where each entry finds its language server bundle (built by esbuild.mjs) and how the desktop one is started; pure,
// so tests start the same file the same way.
import { SERVER_NODE_FLAGS, serverEnvironment } from '../server/launch-flags';

/** The desktop server, started over IPC (TransportKind.ipc: `--node-ipc`), relative to the extension folder. */
export const NODE_SERVER_MODULE = 'dist/server-node.js';

/** The web-worker server, as path segments under the extension's uri. */
export const BROWSER_SERVER_MODULE = ['dist', 'server-browser.js'] as const;

/** How vscode-languageclient forks a Node module server: its transport and the process's Node options and environment. */
export interface NodeServerLaunch<T> {
  module: string;
  transport: T;
  options: { execArgv: string[]; env: Record<string, string | undefined> };
}

/**
 * The desktop server's launch (`transport` is TransportKind.ipc; passed in so this file needs no vscode): forked with the
 * server's Node flags and allocator settings, values already in the extension host's environment winning
 * (docs/editor-performance.md, "Memory"). The debug launch adds the inspector.
 */
export function nodeServerOptions<T>(
  module: string,
  transport: T,
  env: Readonly<Record<string, string | undefined>>,
): { run: NodeServerLaunch<T>; debug: NodeServerLaunch<T> } {
  const serverEnv = serverEnvironment(env);
  return {
    run: { module, transport, options: { execArgv: [...SERVER_NODE_FLAGS], env: serverEnv } },
    debug: { module, transport, options: { execArgv: ['--nolazy', '--inspect=6009', ...SERVER_NODE_FLAGS], env: serverEnv } },
  };
}
