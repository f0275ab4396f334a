// Answers the server's file requests through vscode.workspace.fs: the web server has no file system of its own (docs/design/conventions.md C5).
import * as vscode from 'vscode';
import type { BaseLanguageClient } from 'vscode-languageclient';
import {
  GlobRequest,
  ReadFileRequest,
  ReadRanksRequest,
  type GlobParams,
  type ReadFileParams,
  type ReadRanksParams,
} from '../server/protocol';
import { decodeText, globFiles, rankFileName, type DirectoryTree, type EntryKind } from './workspace-files';

export function registerFileRequests(client: BaseLanguageClient, extensionUri: vscode.Uri): vscode.Disposable[] {
  return [
    client.onRequest(ReadFileRequest, (params: ReadFileParams) => readText(vscode.Uri.parse(params.uri))),
    client.onRequest(GlobRequest, async (params: GlobParams) => {
      try {
        const found = await globFiles(workspaceTree, folderUri(params.baseUri), params.patterns);
        return found.map((uri) => uri.toString());
      } catch {
        return []; // an unreadable base reads as an empty folder, as in the Node FileAccess
      }
    }),
    client.onRequest(ReadRanksRequest, (params: ReadRanksParams) => {
      const name = rankFileName(params.encoding);
      return name ? readText(vscode.Uri.joinPath(extensionUri, 'dist', 'ranks', name)) : null;
    }),
  ];
}

/**
 * The server names folders without a trailing slash, so a workspace root arrives as `vscode-test-web://mount`
 * (an empty path), which `Uri.joinPath` refuses: the root of an authority is `/`.
 */
export function folderUri(text: string): vscode.Uri {
  const uri = vscode.Uri.parse(text);
  return uri.path === '' ? uri.with({ path: '/' }) : uri;
}

/** A file's text, or null when it is missing, a folder, binary, not UTF-8 or too large. */
async function readText(uri: vscode.Uri): Promise<string | null> {
  try {
    return decodeText(await vscode.workspace.fs.readFile(uri));
  } catch {
    return null;
  }
}

/** The workspace file system as the glob walk's tree. */
export const workspaceTree: DirectoryTree<vscode.Uri> = {
  async list(dir) {
    const entries = await vscode.workspace.fs.readDirectory(dir);
    return entries.map(([name, type]) => [name, entryKind(type)] as [string, EntryKind]);
  },
  child: (dir, name) => vscode.Uri.joinPath(dir, name),
};

/** Symbolic links to folders are not followed (no cycles); linked files are read like files. */
function entryKind(type: vscode.FileType): EntryKind {
  if (type & vscode.FileType.File) return 'file';
  if (type & vscode.FileType.Directory && !(type & vscode.FileType.SymbolicLink)) return 'directory';
  return 'other';
}
