// Entry of dist/server-browser.js, the server in a web worker (vscode.dev): files and rank tables come from the client.
import { BrowserMessageReader, BrowserMessageWriter, createConnection, type Connection } from 'vscode-languageserver/browser';
import type { FileAccess } from '../core/files';
import type { RankFile, RankLoader } from '../core/tokens/types';
import { GlobRequest, ReadFileRequest, ReadRanksRequest } from './protocol';
import type { ServerPlatform } from './platform';
import { startServer } from './server';
import { answerInvalidParams, paramsGuard } from './params';

/** Every read is a request to the client (`vscode.workspace.fs`); a failed request reads as a missing file. */
function clientFileAccess(connection: Connection): FileAccess {
  return {
    async readText(uri) {
      const text = await connection.sendRequest(ReadFileRequest, { uri }).catch(() => null);
      return typeof text === 'string' ? text : undefined;
    },
    async glob(baseUri, patterns) {
      const found = await connection.sendRequest(GlobRequest, { baseUri, patterns: [...patterns] }).catch(() => []);
      return Array.isArray(found) ? found.filter((u): u is string => typeof u === 'string').sort() : [];
    },
  };
}

function clientRankLoader(connection: Connection): RankLoader {
  return async (encoding) => {
    const text = await connection.sendRequest(ReadRanksRequest, { encoding });
    if (typeof text !== 'string') throw new Error(`The client sent no rank file for ${encoding}.`);
    const parsed = JSON.parse(text) as RankFile;
    if (typeof parsed.pat_str !== 'string' || typeof parsed.bpe_ranks !== 'string')
      throw new Error(`The rank file for ${encoding} is malformed.`);
    return parsed;
  };
}

// The worker global (typed from the reader, since this project compiles without the DOM libraries).
declare const self: ConstructorParameters<typeof BrowserMessageReader>[0];

const connection = createConnection(new BrowserMessageReader(self), new BrowserMessageWriter(self), paramsGuard());
answerInvalidParams(connection);
const platform: ServerPlatform = { files: clientFileAccess(connection), ranks: clientRankLoader(connection) };
startServer(connection, platform);
