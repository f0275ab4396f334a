// Shared by the CLI tests: run the CLI in-process or as the real binary, make throw-away fixture folders, match output
// loosely or exactly.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { main } from '../../cli/main';

export const REPO = path.join(__dirname, '..', '..');
export const BIN = path.join(REPO, 'bin', 'promptbound.js');
export const FIXTURES = path.join(REPO, 'test', 'fixtures', 'cli');

export interface RunResult {
  status: number | null;
  stdout: string;
  stderr: string;
}

export interface RunOptions {
  cwd: string;
  stdin?: string;
  env?: Record<string, string>;
  timeout?: number;
}

/** This process's environment plus `options.env`; colour variables are removed so output is plain. */
function cliEnv(options: RunOptions): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, ...options.env };
  if (!options.env || !('FORCE_COLOR' in options.env)) delete env.FORCE_COLOR;
  if (!options.env || !('NO_COLOR' in options.env)) delete env.NO_COLOR;
  return env;
}

/**
 * Runs the CLI's entry, `main` of cli/main.ts, in this process with its I/O injected: the arguments, working
 * folder, environment and standard input a spawned `promptbound` would get, standard output and error captured, not
 * a terminal. It is what bin/promptbound.js runs, without starting Node and loading the bundle (about half a second
 * of CPU a run). Work that the bundle sends to worker threads stays in this thread (cli/pool.ts), so tests of worker
 * threads, of the built bundle and of the process itself (exit code, pipes, signals) use `runCli`.
 */
export async function runMain(args: readonly string[], options: RunOptions): Promise<RunResult> {
  let stdout = '';
  let stderr = '';
  const status = await main([...args], {
    stdout: { write: (text: string) => (stdout += text) },
    stderr: { write: (text: string) => (stderr += text) },
    stdin: Readable.from(options.stdin ? [Buffer.from(options.stdin, 'utf8')] : []),
    cwd: options.cwd,
    env: cliEnv(options),
    isTTY: false,
    stderrIsTTY: false,
  });
  return { status, stdout, stderr };
}

/** Runs `node bin/promptbound.js` as a user would, in a process of its own; colour variables are removed so output is plain. */
export function runCli(args: readonly string[], options: RunOptions): RunResult {
  const env = cliEnv(options);
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
