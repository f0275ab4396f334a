// The promptbound extension in a real VS Code web workbench (1.91.1) in headless Chromium, fully offline.
// Started by test/e2e/run.mjs, which builds, serves VS Code on PB_E2E_URL and stops everything afterwards.
// Everything is read back from the page's DOM; each step also saves a screenshot in test-results/e2e/.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';

const BASE = process.env.PB_E2E_URL;
const ROOT = process.env.PB_E2E_ROOT ?? process.cwd();
const CHROMIUM = process.env.PB_E2E_CHROMIUM ?? '/usr/bin/chromium';
if (!BASE) throw new Error('PB_E2E_URL is not set: run this file through `npm run test:e2e` (test/e2e/run.mjs)');
const SHOTS = join(ROOT, 'test-results', 'e2e');
const MOUNT = 'vscode-test-web://mount';
const STEP = { timeout: 60_000 };
const WAIT = 20_000;

const ANNUAL = 'annual-report-summary.prompty';
const PR = 'pr-description.prompt.yml';
const REFUND = 'refund-assistant.prompt.md';
const SAMPLE = 'too-long-reply.txt';

/** @type {import('playwright-core').BrowserContext} */
let context;
/** @type {import('playwright-core').Page} */
let page;
let profile;
const blocked = [];
const consoleLines = [];
const pageErrors = [];

function isLocal(url) {
  let u;
  try {
    u = new URL(url);
  } catch {
    return false;
  }
  if (u.protocol === 'data:' || u.protocol === 'blob:' || u.protocol === 'about:') return true;
  return u.hostname === 'localhost' || u.hostname.endsWith('.localhost') || u.hostname === '127.0.0.1' || u.hostname === '[::1]';
}

/** The CLI's own numbers for a workspace file (`promptbound count --json`). */
function cliCount(file) {
  const out = execFileSync(process.execPath, [join(ROOT, 'bin', 'promptbound.js'), 'count', '--json', join(ROOT, 'test', 'e2e', 'workspace', file)], { encoding: 'utf8' });
  const [entry] = JSON.parse(out);
  return entry;
}

async function shot(name) {
  await page.screenshot({ path: join(SHOTS, `${name}.png`) });
}

function dumpDiagnostics() {
  const tail = consoleLines.slice(-40).join('\n');
  return `\n--- last console lines ---\n${tail}\n--- page errors ---\n${pageErrors.join('\n')}`;
}

async function escape(times = 2) {
  for (let i = 0; i < times; i++) await page.keyboard.press('Escape');
}

/** Opens a workspace file from the Explorer (Quick Open does not see test-web's file system). */
async function openFile(name) {
  const explorer = page.locator('.explorer-folders-view');
  if (!(await explorer.isVisible())) await page.keyboard.press('Control+Shift+E');
  let row = page.locator(`.explorer-folders-view .monaco-list-row[aria-label^="${name}"]`);
  if (!(await row.count()) && name.includes('/')) {
    const [dir, file] = name.split('/');
    const dirRow = page.locator(`.explorer-folders-view .monaco-list-row[aria-label^="${dir}"]`);
    if ((await dirRow.getAttribute('aria-expanded')) !== 'true') await dirRow.click();
    row = page.locator(`.explorer-folders-view .monaco-list-row[aria-label^="${file}"]`);
  }
  await row.first().click();
  await page.locator(`.tabs-container .tab.active[aria-label^="${name.split('/').pop()}"]`).waitFor({ timeout: WAIT });
  await page.locator('.editor-instance .monaco-editor .view-lines').first().waitFor({ timeout: WAIT });
}

/** The active editor. */
function editor() {
  return page.locator('.editor-group-container.active .monaco-editor').first();
}

/** Go to line:column with Ctrl+G (1-based). */
async function goTo(line, column = 1) {
  await editor().locator('.view-lines').click({ position: { x: 5, y: 5 } });
  await page.keyboard.press('Control+g');
  await page.locator('.quick-input-widget').waitFor({ state: 'visible', timeout: WAIT });
  await page.keyboard.type(`${line}:${column}`);
  await page.keyboard.press('Enter');
  await page.locator('.quick-input-widget').waitFor({ state: 'hidden', timeout: WAIT });
}

/** The rendered line of the active editor whose text contains `text`. */
function viewLine(text) {
  return editor().locator('.view-line', { hasText: text }).first();
}

/** Runs a command from the palette (F1) by its title. */
async function runCommand(title) {
  await page.keyboard.press('F1');
  const input = page.locator('.quick-input-widget input.input');
  await input.waitFor({ state: 'visible', timeout: WAIT });
  await page.keyboard.type(title);
  const row = page.locator('.quick-input-widget .monaco-list-row', { hasText: title }).first();
  await row.waitFor({ timeout: WAIT });
  await row.click();
}

function statusItem() {
  return page.locator('.part.statusbar .statusbar-item', { hasText: /tokens/ }).first();
}

async function problemsText() {
  await page.keyboard.press('Control+Shift+M');
  const panel = page.locator('.markers-panel');
  await panel.waitFor({ state: 'visible', timeout: WAIT });
  return panel;
}

before(async () => {
  rmSync(SHOTS, { recursive: true, force: true });
  mkdirSync(SHOTS, { recursive: true });
  profile = mkdtempSync(join(tmpdir(), 'promptbound-e2e-'));
  mkdirSync(join(profile, 'Default'), { recursive: true });
  // Webviews (the token-breakdown chart) live in iframes on another origin: allow their storage.
  writeFileSync(join(profile, 'Default', 'Preferences'), JSON.stringify({ profile: { cookie_controls_mode: 0, block_third_party_cookies: false } }));
  context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    viewport: { width: 1400, height: 900 },
    timeout: 60_000,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync',
      '--disable-dev-shm-usage'],
  });
  context.setDefaultTimeout(WAIT);
  // Offline: every request that is not to this machine is aborted, and recorded so a test can fail on it.
  await context.route('**/*', (route) => {
    const url = route.request().url();
    if (isLocal(url)) return route.continue();
    blocked.push(url);
    return route.abort('blockedbyclient');
  });
  context.on('request', (request) => {
    if (!isLocal(request.url()) && !blocked.includes(request.url())) blocked.push(request.url());
  });
  page = context.pages()[0] ?? (await context.newPage());
  page.on('console', (message) => consoleLines.push(`[${message.type()}] ${message.text()}`));
  page.on('pageerror', (error) => pageErrors.push(String(error?.stack ?? error)));
  page.on('worker', (worker) => consoleLines.push(`[worker] ${worker.url()}`));
  await page.goto(`${BASE}/?payload=${encodeURIComponent(JSON.stringify([['openFile', `${MOUNT}/${ANNUAL}`]]))}`);
});

after(async () => {
  if (process.env.PB_E2E_CONSOLE) process.stdout.write(consoleLines.join('\n') + '\n');
  await context?.close().catch(() => {});
  if (profile) rmSync(profile, { recursive: true, force: true });
});

test('the workbench loads the workspace and the extension', STEP, async () => {
  await page.locator('.monaco-workbench').waitFor({ timeout: 60_000 });
  await page.locator('.explorer-folders-view .monaco-list-row').first().waitFor({ timeout: 60_000 });
  const rows = await page.locator('.explorer-folders-view .monaco-list-row').allInnerTexts();
  for (const name of [ANNUAL, PR, REFUND]) assert.ok(rows.some((r) => r.includes(name)), `explorer lists ${name}: ${rows}`);
  await page.locator('.tabs-container .tab.active', { hasText: ANNUAL }).waitFor({ timeout: WAIT });
  await shot('01-workbench');
});
