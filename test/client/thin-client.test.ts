// docs/design/conventions.md: the client is thin — it starts the server, shows what it answers and runs commands; linting stays in core
// behind the server. The client imports only vscode, the language client, the shared protocol, the server's launch
// flags and its own modules.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

const CLIENT = path.resolve(__dirname, '..', '..', 'client');
const ALLOWED = [
  /^vscode$/,
  /^vscode-languageclient(\/node|\/browser)?$/,
  /^\.\.\/server\/protocol$/,
  /^\.\.\/server\/launch-flags$/,
  /^\.\/[a-z-]+$/,
  /^picomatch$/,
];
/** Modules with no vscode import, so they are unit-tested directly. */
const PURE = ['format.ts', 'breakdown-chart.ts', 'validation-report.ts', 'workspace-files.ts', 'selector.ts', 'server-module.ts'];

function imports(file: string): string[] {
  const text = readFileSync(path.join(CLIENT, file), 'utf8');
  return [...text.matchAll(/^(?:import|export)\s[^'"]*?from\s+'([^']+)'|^import\s+'([^']+)'/gm)].map((m) => (m[1] ?? m[2])!);
}

describe('client: thin', () => {
  const files = readdirSync(CLIENT).filter((f) => f.endsWith('.ts'));

  it('imports nothing of core, cli, node or the server beyond server/protocol.ts and server/launch-flags.ts', () => {
    assert.ok(files.length >= 10);
    for (const file of files) {
      for (const specifier of imports(file))
        assert.ok(
          ALLOWED.some((pattern) => pattern.test(specifier)),
          `${file} imports ${specifier}`,
        );
    }
  });

  it('keeps its formatting, chart, reports and globbing free of vscode', () => {
    for (const file of PURE) {
      assert.ok(files.includes(file), file);
      assert.deepEqual(
        imports(file).filter((s) => s === 'vscode' || s.startsWith('vscode-languageclient/')),
        [],
        file,
      );
    }
  });
});
