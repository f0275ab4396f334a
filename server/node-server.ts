// Starts the server in a Node process: IPC for the VS Code desktop client, stdio for `promptbound lsp --stdio` and other editors.
import { setFlagsFromString } from 'node:v8';
import {
  createConnection,
  ProposedFeatures,
  StreamMessageReader,
  StreamMessageWriter,
  type Connection,
} from 'vscode-languageserver/node';
import { nodePlatform } from './node-platform';
import { backlogOf, ipcBacklog } from './output-backlog';
import { startServer } from './server';
import { answerInvalidParams, paramsGuard } from './params';

/**
 * `stdio` talks over standard input/output; otherwise the transport comes from the command line
 * (`--node-ipc`, `--stdio`, `--socket=N`, `--pipe=NAME`), as vscode-languageclient passes it.
 */
export function runLanguageServer(transport?: 'stdio'): Connection {
  // Every keystroke in a large prompt leaves its old text behind (megabytes); V8 by default lets the heap grow to
  // several times what is live before collecting it. A smaller growing factor keeps the server's memory near its
  // live size (docs/editor-performance.md).
  setFlagsFromString('--heap-growing-percent=50');
  if (transport === 'stdio' || process.argv.includes('--stdio')) {
    // Standard output carries the protocol: anything printed by accident would corrupt it.
    console.log = console.info = console.debug = (...args: unknown[]) => console.error(...args);
  }
  const connection =
    transport === 'stdio'
      ? createConnection(
          ProposedFeatures.all,
          new StreamMessageReader(process.stdin),
          new StreamMessageWriter(process.stdout),
          paramsGuard(),
        )
      : createConnection(ProposedFeatures.all, paramsGuard());
  answerInvalidParams(connection);
  const platform = nodePlatform();
  if (transport === 'stdio' || process.argv.includes('--stdio')) platform.outputBacklog = () => backlogOf(process.stdout);
  else if (process.argv.includes('--node-ipc')) platform.outputBacklog = ipcBacklog(process);
  startServer(connection, platform);
  return connection;
}
