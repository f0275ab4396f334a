// Checks every incoming message's params before any handler (ours or vscode-languageserver's) sees them: a request
// with `params: null` or a malformed position answers -32602 InvalidParams instead of a TypeError as -32603, and a
// malformed notification is dropped (docs/security.md).
import {
  ErrorCodes,
  ResponseError,
  type Connection,
  type ConnectionOptions,
  type Message,
  type RequestMessage,
} from 'vscode-languageserver';
import { isRecord } from '../core/plain-data';

/** What a param must look like; a failed check names the field. */
type Check = (value: unknown, at: string) => string | undefined;

const object: Check = (v, at) => (isRecord(v) ? undefined : `${at} must be an object`);
const string: Check = (v, at) => (typeof v === 'string' ? undefined : `${at} must be a string`);
const integer: Check = (v, at) =>
  typeof v === 'number' && Number.isInteger(v) && v >= 0 && v <= 0x7fffffff ? undefined : `${at} must be a non-negative integer`;
const anyInteger: Check = (v, at) => (typeof v === 'number' && Number.isInteger(v) ? undefined : `${at} must be an integer`);
const array: Check = (v, at) => (Array.isArray(v) ? undefined : `${at} must be an array`);

function shape(fields: Record<string, Check>, optional: Record<string, Check> = {}): Check {
  return (value, at) => {
    const problem = object(value, at);
    if (problem) return problem;
    const record = value as Record<string, unknown>;
    for (const [key, check] of Object.entries(fields)) {
      const found = check(record[key], `${at}.${key}`);
      if (found) return found;
    }
    for (const [key, check] of Object.entries(optional)) {
      if (record[key] === undefined || record[key] === null) continue;
      const found = check(record[key], `${at}.${key}`);
      if (found) return found;
    }
    return undefined;
  };
}

function arrayOf(item: Check): Check {
  return (value, at) =>
    array(value, at) ?? (value as unknown[]).map((v, i) => item(v, `${at}[${i}]`)).find((p) => p !== undefined);
}

const position = shape({ line: integer, character: integer });
const range = shape({ start: position, end: position });
const textDocument = shape({ uri: string });
const positionParams = shape({ textDocument, position });
const diagnostic = shape({ range, message: string });
const contentChange = shape({ text: string }, { range });

/** The params of every method the server handles; methods not listed are passed through unchecked. */
const PARAMS: Record<string, Check> = {
  initialize: object,
  'textDocument/didOpen': shape({ textDocument: shape({ uri: string, languageId: string, version: anyInteger, text: string }) }),
  'textDocument/didChange': shape({
    textDocument: shape({ uri: string, version: anyInteger }),
    contentChanges: arrayOf(contentChange),
  }),
  'textDocument/didSave': shape({ textDocument }),
  'textDocument/didClose': shape({ textDocument }),
  'textDocument/hover': positionParams,
  'textDocument/completion': positionParams,
  'textDocument/codeAction': shape({ textDocument, range, context: shape({ diagnostics: arrayOf(diagnostic) }) }),
  'textDocument/codeLens': shape({ textDocument }),
  'textDocument/inlayHint': shape({ textDocument, range }),
  'textDocument/documentSymbol': shape({ textDocument }),
  'textDocument/foldingRange': shape({ textDocument }),
  'textDocument/documentLink': shape({ textDocument }),
  'textDocument/definition': positionParams,
  'textDocument/diagnostic': shape({ textDocument }),
  'workspace/diagnostic': shape({}, { previousResultIds: arrayOf(shape({ uri: string, value: string })) }),
  'workspace/didChangeConfiguration': object,
  'workspace/didChangeWatchedFiles': shape({ changes: arrayOf(shape({ uri: string, type: integer })) }),
  'workspace/didChangeWorkspaceFolders': shape({
    event: shape({ added: arrayOf(shape({ uri: string })), removed: arrayOf(shape({ uri: string })) }),
  }),
  'promptbound/stats': shape({ uri: string }),
  'promptbound/countText': shape({ uri: string, text: string }),
  'promptbound/validateCompletion': shape({ uri: string, text: string }),
  'promptbound/setModelOverride': shape({ uri: string }, { model: string }),
  'promptbound/lintWorkspace': shape({}, { uris: arrayOf(string) }),
  'promptbound/preview': shape({ uri: string }, { set: integer }),
  '$/cancelRequest': shape({
    id: (v, at) => (typeof v === 'number' || typeof v === 'string' ? undefined : `${at} must be a number or string`),
  }),
};

/** The request an invalid one is turned into: same id, so its error answers the original. */
const INVALID_PARAMS = 'promptbound/$invalidParams';

/** Why `params` does not fit `method`, or undefined (also for methods we do not check). */
export function paramsProblem(method: string, params: unknown): string | undefined {
  const check = Object.hasOwn(PARAMS, method) ? PARAMS[method] : undefined;
  return check?.(params, 'params');
}

/**
 * Connection options whose message strategy checks params first; pass them to `createConnection` and call
 * `answerInvalidParams` on the connection.
 */
export function paramsGuard(): ConnectionOptions {
  return {
    messageStrategy: {
      handleMessage(message: Message, next: (message: Message) => void): void {
        const { method, params, id } = message as Partial<RequestMessage>;
        if (typeof method !== 'string') return next(message);
        const problem = paramsProblem(method, params);
        if (problem === undefined) return next(message);
        if (id === undefined || id === null) return; // a notification has no answer: dropping it is all we can do
        next({ jsonrpc: '2.0', id, method: INVALID_PARAMS, params: { method, problem } } as RequestMessage);
      },
    },
  };
}

/** Answers the rewritten requests with -32602 and the problem. */
export function answerInvalidParams(connection: Connection): void {
  connection.onRequest(
    INVALID_PARAMS,
    (params: { method: string; problem: string }) =>
      new ResponseError(ErrorCodes.InvalidParams, `${params.method}: ${params.problem}`),
  );
}
