// The CLI as a user runs it: a table of {args, cwd, exit code, output} against fixture folders, run in-process through
// the CLI's entry; the cases marked `binary` also through the real binary, so each exit code crosses the process boundary.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { FIXTURES, assertNoStack, assertOutput, runCli, runMain, type Expected, type RunResult } from './helpers';

interface Case {
  name: string;
  args: string[];
  /** Fixture folder under test/fixtures/cli/. */
  cwd: string;
  exitCode: number;
  stdout?: Expected;
  stderr?: Expected;
  /** Substrings that must not appear in stdout. */
  absent?: string[];
  /** Also run `node bin/promptbound.js` in a process of its own. */
  binary?: true;
}

const HINT = "Run 'promptbound --help' for usage.\n";

const CASES: Case[] = [
  {
    name: 'a clean folder exits 0 and prints nothing',
    args: [],
    cwd: 'clean',
    exitCode: 0,
    stdout: '',
    stderr: '',
    binary: true,
  },
  { name: 'explicit check command', args: ['check', '.'], cwd: 'clean', exitCode: 0, stdout: '' },
  {
    name: 'errors exit 1 with the ESLint-style report',
    args: [],
    cwd: 'errors',
    exitCode: 1,
    binary: true,
    stdout: [
      '\nbroken.prompt.md\n',
      /\n {2}\d+:\d+ +error +.+ {2}frontmatter\/syntax\n/,
      '✖ 1 problem (1 error, 0 warnings, 0 infos)',
    ],
  },
  {
    name: 'warnings alone exit 0; position is 1-based line:column',
    args: [],
    cwd: 'warnings',
    exitCode: 0,
    stdout: [
      'vars.prompt.md',
      /\n {2}3:13 +warning +Variable 'document'.+ {2}template\/undefined-variable\n/,
      '✖ 1 problem (0 errors, 1 warning, 0 infos)',
    ],
  },
  {
    name: 'warnings over --max-warnings 0 exit 1',
    args: ['--max-warnings', '0'],
    cwd: 'warnings',
    exitCode: 1,
    stdout: ['template/undefined-variable'],
    stderr: 'promptbound: too many warnings: 1 (maximum: 0)\n',
  },
  { name: 'warnings within --max-warnings exit 0', args: ['--max-warnings', '1'], cwd: 'warnings', exitCode: 0 },
  { name: '--max-warnings -1 means no limit', args: ['--max-warnings=-1'], cwd: 'warnings', exitCode: 0 },
  { name: '--quiet drops warnings', args: ['--quiet'], cwd: 'warnings', exitCode: 0, stdout: '' },
  {
    name: '--quiet with --max-warnings 0 ignores warnings',
    args: ['--quiet', '--max-warnings', '0'],
    cwd: 'warnings',
    exitCode: 0,
    stdout: '',
  },
  { name: '--quiet keeps errors', args: ['-q'], cwd: 'errors', exitCode: 1, stdout: ['frontmatter/syntax'] },
  {
    name: 'unknown flag is a usage error',
    args: ['--bogus'],
    cwd: 'clean',
    exitCode: 2,
    binary: true,
    stdout: '',
    stderr: `promptbound: unknown option '--bogus'\n${HINT}`,
  },
  {
    name: 'unknown format is a usage error',
    args: ['--format', 'xml'],
    cwd: 'clean',
    exitCode: 2,
    stdout: '',
    stderr: `promptbound: unknown format 'xml' (expected stylish, json, sarif, github, junit)\n${HINT}`,
  },
  {
    name: 'bad --max-warnings',
    args: ['--max-warnings', 'lots'],
    cwd: 'clean',
    exitCode: 2,
    stderr: ["--max-warnings needs a whole number, got 'lots'"],
  },
  {
    name: 'a flag without its value',
    args: ['--model'],
    cwd: 'clean',
    exitCode: 2,
    stderr: `promptbound: option '--model' needs a value\n${HINT}`,
  },
  {
    name: 'unknown command or missing path',
    args: ['frobnicate'],
    cwd: 'clean',
    exitCode: 2,
    stderr: `promptbound: no such file or directory, and no files match: 'frobnicate'\n${HINT}`,
  },
  {
    name: 'a glob matching nothing',
    args: ['**/*.nothing'],
    cwd: 'clean',
    exitCode: 2,
    stderr: ["no files match: '**/*.nothing'"],
  },
  { name: 'validate without --prompt', args: ['validate'], cwd: 'clean', exitCode: 2, stderr: ['validate needs --prompt FILE'] },
  {
    name: 'a broken config exits 2 with path:line:col',
    args: [],
    cwd: 'broken-config',
    exitCode: 2,
    binary: true,
    stdout: '',
    stderr: [/^\.promptbound\.yaml:[34]:\d+: \S.*\n/m],
  },
  {
    name: '--config FILE that does not exist',
    args: ['--config', 'missing.yaml'],
    cwd: 'clean',
    exitCode: 2,
    stderr: ['missing.yaml: cannot read config file (ENOENT)'],
  },
  {
    name: '--config FILE overrides discovery (a broken config elsewhere is not read)',
    args: ['--config', '../config-files/.promptbound.yaml'],
    cwd: 'broken-config',
    exitCode: 0,
  },
  {
    name: 'a directory finds prompt files only',
    args: ['.'],
    cwd: 'globs',
    exitCode: 0,
    stdout: [`prompts${path.sep}a.prompt.md`],
    absent: ['extra.txt', 'readme.md'],
  },
  {
    name: 'a glob selects exactly what it matches',
    args: ['notes/*.txt'],
    cwd: 'globs',
    exitCode: 0,
    stdout: [`notes${path.sep}extra.txt`, "Variable 'text'"],
    absent: ['a.prompt.md', 'readme.md'],
  },
  {
    name: 'a named file is linted whatever its name',
    args: ['notes/readme.md'],
    cwd: 'globs',
    exitCode: 0,
    stdout: ["Variable 'nothing'"],
  },
  {
    name: 'config files/ignore globs add and remove files',
    args: [],
    cwd: 'config-files',
    exitCode: 0,
    stdout: [`prompts${path.sep}extra.txt`, "Variable 'question'"],
    absent: ['wip.prompt.md'],
  },
  {
    name: '--model overrides the prompt and config',
    args: ['--model', 'no-such-model-xyz'],
    cwd: 'clean',
    exitCode: 0,
    stdout: ['model/unknown', "'no-such-model-xyz'"],
  },
  { name: '--version', args: ['--version'], cwd: 'clean', exitCode: 0, stdout: [/^\d+\.\d+\.\d+\n$/], binary: true },
  {
    name: '--help',
    args: ['--help'],
    cwd: 'clean',
    exitCode: 0,
    stdout: ['Usage: promptbound [check]', 'larger than 10 MB', '--max-warnings'],
  },
  { name: 'count --help', args: ['count', '--help'], cwd: 'clean', exitCode: 0, stdout: ['Usage: promptbound count', '--raw'] },
  {
    name: 'unknown flag of a subcommand',
    args: ['models', '--fix'],
    cwd: 'clean',
    exitCode: 2,
    stderr: `promptbound: unknown option '--fix'\n${HINT}`,
  },
];

describe('promptbound CLI (table)', () => {
  for (const c of CASES) {
    it(c.binary ? `${c.name} (in-process and the real binary)` : c.name, async () => {
      const options = { cwd: path.join(FIXTURES, c.cwd) };
      const runs: Array<[string, RunResult]> = [['in-process', await runMain(c.args, options)]];
      if (c.binary) runs.push(['binary', runCli(c.args, options)]);
      for (const [how, result] of runs) {
        assert.equal(
          result.status,
          c.exitCode,
          `exit code of ${c.args.join(' ')} (${how})\nstdout:\n${result.stdout}\nstderr:\n${result.stderr}`,
        );
        if (c.stdout !== undefined) assertOutput(result.stdout, c.stdout, `stdout (${how})`);
        if (c.stderr !== undefined) assertOutput(result.stderr, c.stderr, `stderr (${how})`);
        for (const text of c.absent ?? [])
          assert.ok(!result.stdout.includes(text), `stdout (${how}) should not contain ${text}:\n${result.stdout}`);
        assertNoStack(result.stdout + result.stderr);
      }
    });
  }
});
