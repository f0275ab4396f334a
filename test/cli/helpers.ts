// Shared by the CLI tests: run the real binary, make throw-away fixture folders, match output loosely or exactly.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

export const REPO = path.join(__dirname, '..', '..');
export const BIN = path.join(REPO, 'bin', 'promptbound.js');
export const FIXTURES = path.join(REPO, 'test', 'fixtures', 'cli');

export interface RunResult {
  status: number | null;
  stdout: string;
  stderr: string;
}

/** Runs `node bin/promptbound.js` as a user would; colour variables are removed so output is plain. */
export function runCli(
  args: readonly string[],
  options: { cwd: string; stdin?: string; env?: Record<string, string>; timeout?: number },
): RunResult {
  const env: NodeJS.ProcessEnv = { ...process.env, ...options.env };
  if (!options.env || !('FORCE_COLOR' in options.env)) delete env.FORCE_COLOR;
  if (!options.env || !('NO_COLOR' in options.env)) delete env.NO_COLOR;
  const result = spawnSync(process.execPath, [BIN, ...args], {
    cwd: options.cwd,
    input: options.stdin ?? '',
    env,
    encoding: 'utf8',
    timeout: options.timeout ?? 60_000,
    maxBuffer: 64 * 1024 * 1024,
  });
  if (result.error) throw result.error;
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** Exact text, or a list of substrings / patterns that must all occur. */
export type Expected = string | Array<string | RegExp>;

export function assertOutput(actual: string, expected: Expected, label: string): void {
  if (typeof expected === 'string') {
    assert.equal(actual, expected, label);
    return;
  }
  for (const part of expected) {
    if (typeof part === 'string') assert.ok(actual.includes(part), `${label} should contain ${JSON.stringify(part)}:\n${actual}`);
    else assert.match(actual, part, `${label}:\n${actual}`);
  }
}

/** A user-caused failure must never show a stack trace. */
export function assertNoStack(output: string): void {
  assert.doesNotMatch(output, /^\s+at .+:\d+:\d+\)?$/m, `no stack trace expected:\n${output}`);
  assert.doesNotMatch(output, /promptbound: internal error/, `no internal error expected:\n${output}`);
}

/** A temporary folder with the given files (`content` may be bytes); removed by the returned cleanup. */
export function tempTree(files: Record<string, string | Buffer>): { dir: string; cleanup: () => void } {
  const dir = mkdtempSync(path.join(tmpdir(), 'promptbound-cli-'));
  // A `.git` folder marks the repository root, so .gitignore files above the temp dir never apply.
  mkdirSync(path.join(dir, '.git'));
  for (const [name, content] of Object.entries(files)) {
    const file = path.join(dir, name);
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, content);
  }
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}
