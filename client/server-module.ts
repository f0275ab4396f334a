// Where each entry finds its language server bundle (built by esbuild.mjs); pure, so tests start the same file.

/** The desktop server, started over IPC (TransportKind.ipc: `--node-ipc`), relative to the extension folder. */
export const NODE_SERVER_MODULE = 'dist/server-node.js';

/** The web-worker server, as path segments under the extension's uri. */
export const BROWSER_SERVER_MODULE = ['dist', 'server-browser.js'] as const;
