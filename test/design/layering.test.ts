// The layering of docs/design/architecture.md is enforced by eslint.config.mjs: these imports must be refused.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { ESLint } from 'eslint';

const root = path.resolve(__dirname, '..', '..');
const eslint = new ESLint({ cwd: root });

async function restricted(file: string, source: string): Promise<string[]> {
  const [result] = await eslint.lintText(source, { filePath: path.join(root, file) });
  return result!.messages.filter((m) => m.ruleId === 'no-restricted-imports').map((m) => m.message);
}

describe('layering (eslint no-restricted-imports)', () => {
  const refused: Array<[string, string]> = [
    ['core/rules/x.ts', "import { readFileSync } from 'node:fs';"],
    ['core/x.ts', "import path from 'path';"],
    ['core/x.ts', "import type { Connection } from 'vscode-languageserver';"],
    ['core/x.ts', "import * as vscode from 'vscode';"],
    ['core/document/x.ts', "import { Commands } from '../../server/protocol';"],
    ['core/x.ts', "import { nodeFileAccess } from '../node/file-access';"],
    ['core/x.ts', "import { main } from '../cli/main';"],
    ['node/x.ts', "import { startServer } from '../server/server';"],
    ['cli/x.ts', "import * as vscode from 'vscode';"],
    ['server/x.ts', "import * as vscode from 'vscode';"],
    ['client/x.ts', "import { lintDocument } from '../core/engine';"],
    ['client/x.ts', "import { readFileSync } from 'node:fs';"],
  ];
  for (const [file, source] of refused) {
    it(`refuses in ${file}: ${source}`, async () => {
      assert.equal((await restricted(file, `${source}\nexport {};\n`)).length, 1);
    });
  }

  const allowed: Array<[string, string]> = [
    ['core/rules/x.ts', "import { parseDocument } from '../document';"],
    ['core/x.ts', "import { parse } from 'yaml';"],
    ['node/x.ts', "import { promises } from 'node:fs';"],
    ['server/x.ts', "import { TextDocuments } from 'vscode-languageserver';"],
    ['client/x.ts', "import { Commands } from '../server/protocol';"],
    ['client/x.ts', "import * as vscode from 'vscode';"],
  ];
  for (const [file, source] of allowed) {
    it(`allows in ${file}: ${source}`, async () => {
      assert.deepEqual(await restricted(file, `${source}\nexport {};\n`), []);
    });
  }
});
