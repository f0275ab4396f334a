#!/usr/bin/env node
// `npm run test:pre-commit`: the pre-commit hook as users get it, with the real pre-commit — Debian's package (installed
// with apt-get when missing and running as root) and the current release from pip (in a virtualenv under
// node_modules/.cache; pip uses its configured indexes) — against a release tag of a local clone of this repository.
// Then runs hook.e2e.mjs under node:test with PB_PRE_COMMIT set to the pre-commit executables to test, ':'-separated.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.join(here, '..', '..');

function log(message) {
  process.stdout.write(`# pre-commit: ${message}\n`);
}

function fail(message) {
  process.stderr.write(`test:pre-commit: ${message}\n`);
  process.exit(1);
}

function run(command, args, options = {}) {
  const result = spawnSync(command, args, { stdio: 'inherit', ...options });
  return result.status === 0;
}

// 1. Debian's pre-commit.
const debian = '/usr/bin/pre-commit';
if (!existsSync(debian)) {
  if (process.getuid?.() !== 0 || !existsSync('/usr/bin/apt-get')) fail(`${debian} is missing: apt-get install -y pre-commit`);
  log("installing Debian's pre-commit (apt-get install -y pre-commit)");
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  if (!run('apt-get', ['install', '-y', '--no-install-recommends', 'pre-commit'], { env })) {
    run('apt-get', ['update'], { env });
    if (!run('apt-get', ['install', '-y', '--no-install-recommends', 'pre-commit'], { env }))
      fail('apt-get could not install pre-commit');
  }
}

// 2. pre-commit from pip, in a virtualenv of its own.
const venv = path.join(root, 'node_modules', '.cache', 'promptbound-pre-commit');
const pipPreCommit = path.join(venv, 'bin', 'pre-commit');
if (!existsSync(pipPreCommit)) {
  log(`installing pre-commit with pip in ${path.relative(root, venv)}`);
  mkdirSync(path.dirname(venv), { recursive: true });
  const python = ['python3', '/usr/bin/python3'].find(
    (p) => spawnSync(p, ['-c', 'import venv'], { stdio: 'ignore' }).status === 0,
  );
  if (!python) fail('no python3 with the venv module');
  if (!run(python, ['-m', 'venv', venv])) fail(`python3 -m venv ${venv} failed`);
  const pip = path.join(venv, 'bin', 'pip');
  if (!run(pip, ['install', '--disable-pip-version-check', '--retries', '0', '--timeout', '15', 'pre-commit']))
    fail('pip install pre-commit failed');
}

const binaries = [debian, pipPreCommit];
for (const binary of binaries) {
  const version = spawnSync(binary, ['--version'], { encoding: 'utf8' });
  if (version.status !== 0) fail(`${binary} --version failed: ${version.stderr}`);
  log(`${binary}: ${version.stdout.trim()}`);
}

// 3. The scenario, once per pre-commit.
const tests = spawnSync(
  process.execPath,
  ['--test', '--test-reporter=spec', ...process.argv.slice(2), path.join(here, 'hook.e2e.mjs')],
  {
    cwd: root,
    stdio: 'inherit',
    env: { ...process.env, PB_PRE_COMMIT: binaries.join(':') },
  },
);
process.exit(tests.status ?? 1);
