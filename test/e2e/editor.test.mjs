// The promptbound extension in a real VS Code web workbench (1.91.1) in headless Chromium, fully offline.
// Started by test/e2e/run.mjs, which builds, serves VS Code on PB_E2E_URL and stops everything afterwards.
// Everything is read back from the page's DOM; each step also saves a screenshot in test-results/e2e/.
import { after, before, beforeEach, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
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
const WAIT = 15_000;

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

/** `promptbound check --stats -f json`'s stats for a workspace file (input = prompt + overhead + variables). */
function cliStats(file) {
  let out;
  try {
    out = execFileSync(process.execPath, [join(ROOT, 'bin', 'promptbound.js'), 'check', '--stats', '-f', 'json', join(ROOT, 'test', 'e2e', 'workspace', file)], { encoding: 'utf8' });
  } catch (error) {
    out = error.stdout; // exit 1: the file has errors
  }
  return JSON.parse(out)[0].stats;
}

function grouped(n) {
  return n.toLocaleString('en-US');
}

const manifest = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
/** A command's title as the palette shows it: `Category: Title`. */
function commandTitle(id) {
  const command = (manifest.contributes?.commands ?? []).find((c) => c.command === id);
  if (!command) throw new Error(`package.json contributes no command ${id}`);
  return command.category ? `${command.category}: ${command.title}` : command.title;
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
  await page.keyboard.press('Escape');
  await page.keyboard.press('Control+1'); // focus the editor group
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

beforeEach(async () => {
  // A failed step must not leave a menu, hover or quick input over the next one.
  if (!page) return;
  await page.mouse.move(5, 450).catch(() => {});
});

test('the workbench loads the workspace and the extension', STEP, async () => {
  await page.locator('.monaco-workbench').waitFor({ timeout: 60_000 });
  await page.locator('.explorer-folders-view .monaco-list-row').first().waitFor({ timeout: 60_000 });
  const rows = await page.locator('.explorer-folders-view .monaco-list-row').allInnerTexts();
  for (const name of [ANNUAL, PR, REFUND]) assert.ok(rows.some((r) => r.includes(name)), `explorer lists ${name}: ${rows}`);
  await page.locator('.tabs-container .tab.active', { hasText: ANNUAL }).waitFor({ timeout: WAIT });
  // The language mode is the extension's (contributed languages), and its status bar item appears once the server counted.
  const mode = page.locator('.statusbar-item[id="status.editor.mode"]');
  await assert.doesNotReject(mode.filter({ hasText: /prompty/i }).waitFor({ timeout: WAIT }), 'language mode is Prompty');
  await assert.doesNotReject(statusItem().waitFor({ timeout: 45_000 }), `the promptbound status bar item appears${dumpDiagnostics()}`);
  await shot('01-workbench');
});

test('budget/context-window: squiggle on the deployment line and a Problems entry with the rule id', STEP, async () => {
  const squiggle = editor().locator('.squiggly-error').first();
  await assert.doesNotReject(squiggle.waitFor({ timeout: 30_000 }), `an error squiggle appears${dumpDiagnostics()}`);
  // CLI: 14:23 error … budget/context-window — line 14 is `    azure_deployment: gpt-4o`.
  const line = viewLine('azure_deployment: gpt-4o');
  const [sq, ln] = [await squiggle.boundingBox(), await line.boundingBox()];
  assert.ok(sq && ln && Math.abs(sq.y - ln.y) < ln.height, `the squiggle (${JSON.stringify(sq)}) is on the azure_deployment line (${JSON.stringify(ln)})`);
  const panel = await problemsText();
  await panel.locator('.monaco-list-row', { hasText: 'budget/context-window' }).first().waitFor({ timeout: WAIT });
  const text = await panel.innerText();
  assert.match(text, /budget\/context-window/);
  assert.match(text, /128,000/);
  assert.match(text, /\[Ln 14, Col 23\]/);
  await shot('02-budget-error-problems');
  await page.keyboard.press('Control+Shift+M'); // close the panel again
});

test('hover on the budget squiggle shows the diagnostic', STEP, async () => {
  const squiggle = editor().locator('.squiggly-error').first();
  const box = await squiggle.boundingBox();
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  const hover = page.locator('.monaco-editor .monaco-hover:not(.hidden)').first();
  await hover.waitFor({ state: 'visible', timeout: WAIT });
  const text = await hover.innerText();
  assert.match(text, /context window is 128,000/);
  assert.match(text, /budget\/context-window/);
  await shot('03-hover-budget-error');
  await page.mouse.move(5, 450);
});

test('status bar: token count equal to the CLI, window and model, error colour, breakdown tooltip', STEP, async () => {
  const item = statusItem();
  const text = (await item.innerText()).trim();
  const stats = cliStats(ANNUAL);
  // `125,313 / 128k tokens · gpt-4o`: the input (prompt + overhead + variables) against the window.
  const m = /([\d,]+)\s*\/\s*([\d.]+[kM]?)\s*tokens\s*·\s*(\S+)/.exec(text);
  assert.ok(m, `status bar item "${text}" reads "N / W tokens · model"`);
  assert.equal(Number(m[1].replaceAll(',', '')), stats.input, `status bar count ${m[1]} = promptbound check --stats input ${stats.input}`);
  assert.equal(m[2], '128k');
  assert.equal(m[3], 'gpt-4o');
  const count = cliCount(ANNUAL);
  assert.equal(stats.tokens, count.tokens, 'count and check agree on the prompt tokens');
  // Over the window: the item is coloured as an error.
  const background = await item.evaluate((el) => getComputedStyle(el).backgroundColor);
  assert.notEqual(background, 'rgba(0, 0, 0, 0)', 'the item has an error background');
  await item.hover();
  const tooltip = page.locator('.monaco-hover:not(.hidden), .workbench-hover').filter({ hasText: /variables/i }).first();
  await tooltip.waitFor({ state: 'visible', timeout: WAIT });
  const tip = await tooltip.innerText();
  assert.match(tip, /variables/i);
  assert.match(tip, /output reserve/i);
  assert.match(tip, new RegExp(grouped(count.tokens + count.overhead) + '|' + grouped(count.tokens)), `tooltip shows the prompt's ${count.tokens} tokens: ${tip}`);
  await shot('04-status-bar-tooltip');
  await page.mouse.move(700, 450);
  await escape();
});

test('hover on the model: value shows the model facts', STEP, async () => {
  await openFile(PR);
  const value = viewLine('model: openai/gpt-4.1-mini').locator('span', { hasText: 'gpt-4.1-mini' }).last();
  const box = await value.boundingBox();
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  const hover = page.locator('.monaco-editor .monaco-hover:not(.hidden)').first();
  await hover.waitFor({ state: 'visible', timeout: WAIT });
  const text = await hover.innerText();
  assert.match(text, /gpt-4\.1-mini/);
  assert.match(text, /1,047,576|1\.05M/, `the hover gives the context window: ${text}`);
  assert.match(text, /o200k_base/);
  await shot('05-hover-model');
  await page.mouse.move(5, 450);
});

test('code actions on the wranAt line: did-you-mean, disable rule for the line and for the file', STEP, async () => {
  await editor().locator('.squiggly-error').first().waitFor({ timeout: 30_000 });
  // CLI: 57:3 error budget.wranAt is not a budget key; did you mean warnAt? frontmatter/schema
  await goTo(57, 3);
  await page.keyboard.press('Control+.');
  const menu = page.locator('.action-widget');
  await menu.waitFor({ state: 'visible', timeout: WAIT });
  const items = await menu.locator('.monaco-list-row').allInnerTexts();
  assert.ok(items.some((t) => /warnAt/.test(t)), `menu offers the warnAt fix: ${JSON.stringify(items)}`);
  assert.ok(items.some((t) => /disable/i.test(t) && /line/i.test(t)), `menu offers disabling for this line: ${JSON.stringify(items)}`);
  assert.ok(items.some((t) => /disable/i.test(t) && /file/i.test(t)), `menu offers disabling for the file: ${JSON.stringify(items)}`);
  await shot('06-code-actions-menu');
});

test('quick fix through the UI: warnAt replaces wranAt and the diagnostic disappears', STEP, async () => {
  const menu = page.locator('.action-widget');
  if (!(await menu.isVisible())) {
    await goTo(57, 3);
    await page.keyboard.press('Control+.');
  }
  await menu.locator('.monaco-list-row', { hasText: /warnAt/ }).first().click();
  await viewLine('warnAt: 0.7').waitFor({ timeout: WAIT });
  assert.equal(await editor().locator('.view-line', { hasText: 'wranAt: 0.7' }).count(), 0, 'no wranAt key is left');
  await assert.doesNotReject(editor().locator('.squiggly-error').first().waitFor({ state: 'detached', timeout: WAIT }), 'the frontmatter/schema error is gone');
  await shot('07-quick-fix-applied');
});

test('CodeLens: per-section token counts on the headings, equal to the CLI', STEP, async () => {
  await openFile(REFUND);
  const lens = editor().locator('.codelens-decoration');
  await assert.doesNotReject(lens.first().waitFor({ timeout: 30_000 }), 'CodeLens appear');
  const texts = await lens.allInnerTexts();
  const sections = cliCount(REFUND).sections;
  // Lenses are rendered for the lines on screen: Role, Tone and What you may decide at least.
  for (const s of sections.slice(0, 3)) {
    assert.ok(texts.some((t) => t.includes(grouped(s.tokens))), `a lens shows ${s.title}'s ${s.tokens} tokens: ${JSON.stringify(texts)}`);
  }
  assert.ok(texts.some((t) => /150/.test(t)), `the Tone lens shows its 150-token budget: ${JSON.stringify(texts)}`);
  await shot('08-codelens-sections');
});

test('hover on a heading shows section stats; on a {{variable}} its budget', STEP, async () => {
  const heading = viewLine('## Tone').locator('span', { hasText: 'Tone' }).last();
  let box = await heading.boundingBox();
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  let hover = page.locator('.monaco-editor .monaco-hover:not(.hidden)').first();
  await hover.waitFor({ state: 'visible', timeout: WAIT });
  let text = await hover.innerText();
  assert.match(text, /64/, `the Tone section's 64 tokens: ${text}`);
  assert.match(text, /150/, `its 150-token budget: ${text}`);
  await shot('09-hover-section');
  await page.mouse.move(5, 450);
  await hover.waitFor({ state: 'hidden', timeout: WAIT }).catch(() => {});
  const variable = viewLine('{{customer_name}}').locator('span', { hasText: 'customer_name' }).last();
  box = await variable.boundingBox();
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  hover = page.locator('.monaco-editor .monaco-hover:not(.hidden)').first();
  await hover.waitFor({ state: 'visible', timeout: WAIT });
  text = await hover.innerText();
  assert.match(text, /customer_name/);
  assert.match(text, /\b10\b/, `its 10-token budget: ${text}`);
  await shot('10-hover-variable');
  await page.mouse.move(5, 450);
});

test('completion in the frontmatter: budget keys and model ids', STEP, async () => {
  // A new line in `budget:` (line 4 is `  output: 400`): our keys are offered.
  await goTo(4, 1);
  await page.keyboard.press('Enter');
  await page.keyboard.press('ArrowUp');
  await page.keyboard.type('  ');
  await page.keyboard.press('Control+Space');
  const suggest = page.locator('.suggest-widget.visible, .editor-widget.suggest-widget:not([aria-hidden="true"])').first();
  await suggest.waitFor({ state: 'visible', timeout: WAIT });
  await suggest.locator('.monaco-list-row').first().waitFor({ timeout: WAIT });
  const keys = await suggest.locator('.monaco-list-row').allInnerTexts();
  assert.ok(keys.some((k) => /context|prompt/.test(k)), `budget keys offered: ${JSON.stringify(keys)}`);
  await shot('11-completion-keys');
  await page.keyboard.press('Escape');
  await page.keyboard.press('Control+z');
  await page.keyboard.press('Control+z');
  // The model value (line 2 `model: gpt-4o-mini`): model ids are offered.
  await goTo(2, 8);
  await page.keyboard.press('Shift+End');
  await page.keyboard.press('Delete');
  await page.keyboard.press('Control+Space');
  await suggest.waitFor({ state: 'visible', timeout: WAIT });
  await suggest.locator('.monaco-list-row').first().waitFor({ timeout: WAIT });
  const models = await suggest.locator('.monaco-list-row').allInnerTexts();
  assert.ok(models.some((k) => /gpt-4o/.test(k)), `model ids offered: ${JSON.stringify(models)}`);
  await shot('12-completion-models');
  await page.keyboard.press('Escape');
  await page.keyboard.press('Control+z');
  assert.ok(await viewLine('model: gpt-4o-mini').isVisible(), 'the model line is restored');
});

test('a failing sample: squiggles in the sample and sample/constraint in Problems', STEP, async () => {
  await openFile(`refund-assistant.samples/${SAMPLE}`);
  await assert.doesNotReject(editor().locator('.squiggly-error').first().waitFor({ timeout: 30_000 }), 'the sample has error squiggles');
  const panel = await problemsText();
  await panel.locator('.monaco-list-row', { hasText: 'sample/constraint' }).first().waitFor({ timeout: WAIT });
  const text = await panel.innerText();
  assert.match(text, /142 words; at most 120 allowed/);
  assert.match(text, /guarantee/);
  await shot('13-sample-diagnostics');
  await page.keyboard.press('Control+Shift+M');
});

test('the token-breakdown chart renders in a webview (command palette)', STEP, async () => {
  await openFile(REFUND);
  await runCommand(commandTitle('promptbound.showTokenBreakdown'));
  let chart;
  const deadline = Date.now() + 30_000;
  while (!chart && Date.now() < deadline) {
    for (const frame of page.frames()) {
      const bars = await frame.locator('svg rect, svg path.bar').count().catch(() => 0);
      if (bars > 0) chart = { frame, bars };
    }
    if (!chart) await page.waitForTimeout(500);
  }
  assert.ok(chart, `a webview frame holds an <svg> with bars (frames: ${page.frames().map((f) => f.url()).join(', ')})`);
  const sections = cliCount(REFUND).sections;
  assert.ok(chart.bars >= sections.length, `at least one bar per section (${chart.bars} for ${sections.length})`);
  const svgText = await chart.frame.locator('svg').first().textContent();
  assert.match(svgText, /Tone/, 'the chart labels the sections');
  await page.waitForTimeout(500);
  await shot('14-token-breakdown-chart');
});

test('select model: the status bar item opens a quick pick of model ids; picking one recounts', STEP, async () => {
  await openFile(ANNUAL);
  await statusItem().click();
  const quick = page.locator('.quick-input-widget');
  await quick.waitFor({ state: 'visible', timeout: WAIT });
  await quick.locator('.monaco-list-row').first().waitFor({ timeout: WAIT });
  const ids = await quick.locator('.monaco-list-row').allInnerTexts();
  assert.ok(ids.some((t) => /gpt-4o/.test(t)) && ids.some((t) => /gpt-4\.1/.test(t)), `model ids listed: ${JSON.stringify(ids.slice(0, 10))}`);
  await shot('15-select-model');
  await page.keyboard.type('gpt-4.1');
  const row = quick.locator('.monaco-list-row', { hasText: /^gpt-4\.1\b/ }).first();
  await row.click();
  // gpt-4.1's 1M window holds the 125k-token report: the status bar names it and the budget error is gone.
  await statusItem().filter({ hasText: 'gpt-4.1' }).waitFor({ timeout: WAIT });
  await assert.doesNotReject(editor().locator('.squiggly-error').waitFor({ state: 'detached', timeout: WAIT }), 'the context-window error goes away');
  await shot('16-model-picked');
});

test('offline: no request left this machine', () => {
  assert.deepEqual(blocked, [], `blocked non-localhost requests: ${blocked.join(', ')}`);
});
