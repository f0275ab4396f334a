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
import { poll, WAIT } from './poll.mjs';

const BASE = process.env.PB_E2E_URL;
const ROOT = process.env.PB_E2E_ROOT ?? process.cwd();
const CHROMIUM = process.env.PB_E2E_CHROMIUM ?? '/usr/bin/chromium';
if (!BASE) throw new Error('PB_E2E_URL is not set: run this file through `npm run test:e2e` (test/e2e/run.mjs)');
const SHOTS = process.env.PB_E2E_SHOTS ?? join(ROOT, 'test-results', 'e2e');
const MOUNT = 'vscode-test-web://mount';
const STEP = { timeout: 60_000 };

const ANNUAL = 'annual-report-summary.prompty';
const PR = 'pr-description.prompt.yml';
const REFUND = 'refund-assistant.prompt.md';
const SAMPLE = 'too-long-reply.txt';
const NOTES = 'customer-release-notes.prompt.md';
const INVOICE = 'extract-invoice.prompt';
const BAD_INVOICE = 'extract-invoice.samples/bad-invoice.json';
const TRIAGE = 'ticket-triage.prompt.md';
const HR = 'hr-policy-answerer.prompt.md';
const FAQ = 'faq-answer.prompt.md';
const TRIAGE_SAMPLE = 'ticket-triage.samples/late-parcel.json';
const PASSING_REPLY =
  'Hi Dana,\n\nYour boots are inside the 30-day return window, so I have emailed you a prepaid return label. Your refund goes to your card once the parcel reaches us.\n\nIs there anything else I can help with?';

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
  const out = execFileSync(
    process.execPath,
    [join(ROOT, 'bin', 'promptbound.js'), 'count', '--json', join(ROOT, 'test', 'e2e', 'workspace', file)],
    { encoding: 'utf8' },
  );
  const [entry] = JSON.parse(out);
  return entry;
}

/** `promptbound check --stats -f json`'s stats for a workspace file (input = prompt + overhead + variables). */
function cliStats(file) {
  let out;
  try {
    out = execFileSync(
      process.execPath,
      [join(ROOT, 'bin', 'promptbound.js'), 'check', '--stats', '-f', 'json', join(ROOT, 'test', 'e2e', 'workspace', file)],
      { encoding: 'utf8' },
    );
  } catch (error) {
    out = error.stdout; // exit 1: the file has errors
  }
  return JSON.parse(out)[0].stats;
}

/** `promptbound count --raw -m MODEL -`: a text's tokens as the CLI counts them. */
function cliCountText(text, model) {
  const out = execFileSync(
    process.execPath,
    [join(ROOT, 'bin', 'promptbound.js'), 'count', '--raw', '--json', '-m', model, '-'],
    { encoding: 'utf8', input: text },
  );
  return JSON.parse(out)[0];
}

/** `promptbound check --stats` of a prompt text saved as `name` in a fresh folder (the editor's unsaved text). */
function cliStatsOfText(name, text) {
  const dir = mkdtempSync(join(tmpdir(), 'promptbound-e2e-text-'));
  try {
    writeFileSync(join(dir, name), text);
    let out;
    try {
      out = execFileSync(
        process.execPath,
        [join(ROOT, 'bin', 'promptbound.js'), 'check', '--stats', '--no-samples', '-f', 'json', join(dir, name)],
        { encoding: 'utf8' },
      );
    } catch (error) {
      out = error.stdout;
    }
    return JSON.parse(out)[0].stats;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** `promptbound check --stats -m MODEL`: the stats with another model. */
function cliStatsWith(file, model) {
  let out;
  try {
    out = execFileSync(
      process.execPath,
      [
        join(ROOT, 'bin', 'promptbound.js'),
        'check',
        '--stats',
        '-f',
        'json',
        '-m',
        model,
        join(ROOT, 'test', 'e2e', 'workspace', file),
      ],
      { encoding: 'utf8' },
    );
  } catch (error) {
    out = error.stdout;
  }
  return JSON.parse(out)[0].stats;
}

/** The prompt files `promptbound check test/e2e/workspace` lints (samples are reported under their own paths). */
function cliPromptFiles() {
  let out;
  try {
    out = execFileSync(
      process.execPath,
      [join(ROOT, 'bin', 'promptbound.js'), 'check', '--stats', '-f', 'json', join(ROOT, 'test', 'e2e', 'workspace')],
      { encoding: 'utf8' },
    );
  } catch (error) {
    out = error.stdout;
  }
  return JSON.parse(out)
    .filter((f) => f.stats)
    .map((f) => f.filePath);
}

/** `promptbound validate --prompt FILE -f json -`: the CLI's verdict on a completion text. */
function cliValidate(prompt, text) {
  let out;
  try {
    out = execFileSync(
      process.execPath,
      [
        join(ROOT, 'bin', 'promptbound.js'),
        'validate',
        '--prompt',
        join(ROOT, 'test', 'e2e', 'workspace', prompt),
        '-f',
        'json',
        '-',
      ],
      { encoding: 'utf8', input: text },
    );
  } catch (error) {
    out = error.stdout;
  }
  // JSON Lines: one result per completion, then a summary line.
  return JSON.parse(out.split('\n')[0]);
}

/** Every diagnostic `promptbound check -f json test/e2e/workspace` reports (prompts and samples). */
function cliDiagnostics() {
  let out;
  try {
    out = execFileSync(
      process.execPath,
      [join(ROOT, 'bin', 'promptbound.js'), 'check', '-f', 'json', join(ROOT, 'test', 'e2e', 'workspace')],
      { encoding: 'utf8' },
    );
  } catch (error) {
    out = error.stdout;
  }
  const severity = { error: 'error', warning: 'warning', info: 'info', 2: 'error', 1: 'warning', 0: 'info' };
  return JSON.parse(out).flatMap((f) =>
    f.messages.map((m) => ({
      file: f.filePath,
      severity: severity[m.severity] ?? String(m.severity),
      line: m.line,
      column: m.column,
      message: m.message,
      rule: m.ruleId,
    })),
  );
}

function workspaceLines(file, from, to) {
  return readFileSync(join(ROOT, 'test', 'e2e', 'workspace', file), 'utf8')
    .split('\n')
    .slice(from - 1, to)
    .join('\n');
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

/**
 * Waits until no short animation or transition runs in the page or its webviews (hovers, menus and toasts have faded
 * in), then for two painted frames. Endless or long animations (progress bars, a blinking cursor) are not waited for.
 */
async function settled() {
  const calm = () =>
    document.getAnimations().every((a) => {
      if (a.playState !== 'running') return true;
      const end = a.effect?.getComputedTiming().endTime;
      return typeof end !== 'number' || end === Infinity || end > 2000;
    });
  await poll('the page to finish its animations (fade-ins, transitions)', async () => {
    for (const frame of page.frames()) {
      // A webview's frame may go away while it is read: only the main frame counts as not calm then.
      const ok = await frame.evaluate(calm).catch(() => frame !== page.mainFrame());
      if (!ok) return false;
    }
    return true;
  });
  await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
}

async function shot(name) {
  await settled();
  await page.screenshot({ path: join(SHOTS, `${name}.png`) });
}

/** A line in the run's output when a step had to ask VS Code again (how often is worth knowing). */
function note(message) {
  process.stdout.write(`# e2e retry: ${message}\n`);
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
  openedInStep.add(name);
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
/** The cursor position in the status bar ("Ln 8, Col 5"). */
function cursorAt(line, column) {
  return page.locator('.statusbar-item[id="status.editor.selection"]').filter({ hasText: `Ln ${line}, Col ${column}` });
}

async function goTo(line, column = 1) {
  // On a loaded machine the Go to Line box can take the keys before it is ready: check where the cursor went, and
  // ask again (at most 3 times) when it did not get there.
  for (let attempt = 1; ; attempt++) {
    await page.keyboard.press('Escape');
    await page.keyboard.press('Control+1'); // focus the editor group
    await page.keyboard.press('Control+g');
    await page.locator('.quick-input-widget').waitFor({ state: 'visible', timeout: WAIT });
    await page.keyboard.type(`${line}:${column}`);
    await page.keyboard.press('Enter');
    await page.locator('.quick-input-widget').waitFor({ state: 'hidden', timeout: WAIT });
    // The line is what Go to Line can miss; a column past the line's end is clamped by VS Code (`goTo(2, 200)`).
    const there = await page
      .locator('.statusbar-item[id="status.editor.selection"]')
      .filter({ hasText: new RegExp(`\\bLn ${line}, Col `) })
      .waitFor({ timeout: 5_000 })
      .then(() => true)
      .catch(() => false);
    if (there || attempt === 3) return;
    console.log(`# e2e retry: go to ${line}:${column} (attempt ${attempt + 1})`);
  }
}

/** The rendered line of the active editor whose text contains `text`. */
function viewLine(text) {
  return editor().locator('.view-line', { hasText: text }).first();
}

/**
 * The token holding `word` (a token without spaces) on the rendered line holding `line`, once the line is tokenized:
 * until then the whole line is one span, and a hover aimed at it lands on the line's first word instead.
 */
function token(line, word) {
  const escaped = word.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return viewLine(line)
    .locator('span > span')
    .filter({ hasText: new RegExp(`^\\S*${escaped}\\S*$`) })
    .last();
}

/** Moves the mouse onto `target` (retrying while the editor re-renders its tokens) and returns the visible hover. */
async function hoverOver(target, hover = page.locator('.monaco-editor .monaco-hover:not(.hidden)').first()) {
  const deadline = Date.now() + WAIT;
  for (;;) {
    await target.waitFor({ state: 'visible', timeout: WAIT });
    const box = await target.boundingBox();
    if (box) {
      await page.mouse.move(box.x + Math.min(box.width / 2, 20), box.y + box.height / 2, { steps: 2 });
      if (
        await hover.waitFor({ state: 'visible', timeout: 3000 }).then(
          () => true,
          () => false,
        )
      ) {
        await settled(); // the hover fades in: let the screenshot see it
        return hover;
      }
    }
    if (Date.now() > deadline) throw new Error(`no hover appeared over ${target} within ${WAIT} ms`);
    // Off the target, so that the next move onto it starts a new hover.
    await page.mouse.move(5, 450);
    await hover.waitFor({ state: 'hidden', timeout: WAIT }).catch(() => {});
  }
}

/** Picks the code action whose label matches, with the keyboard (the menu blocks pointer events while it animates). */
async function pickAction(menu, label) {
  await menu.locator('.monaco-list-row.focused').waitFor({ timeout: WAIT });
  for (let i = 0; i < 12; i++) {
    const focused = (await menu.locator('.monaco-list-row.focused').getAttribute('aria-label')) ?? '';
    if (label.test(focused)) break;
    await page.keyboard.press('ArrowDown');
  }
  const focused = (await menu.locator('.monaco-list-row.focused').getAttribute('aria-label')) ?? '';
  assert.match(focused, label, 'the code action to apply is focused');
  await page.keyboard.press('Enter');
}

/** Clicks the quick pick row whose label is exactly `label`. */
async function pickQuick(quick, label) {
  const row = quick
    .locator('.monaco-list-row')
    .filter({ has: page.locator('.label-name', { hasText: new RegExp(`^${label.replace(/[.]/g, '\\.')}$`) }) })
    .first();
  await row.waitFor({ timeout: WAIT });
  await row.click();
}

/** Opens the code action menu at line:column and returns its rows' labels. */
async function codeActionsAt(line, column) {
  const menu = page.locator('.action-widget');
  // Right after an edit the server may still be linting the new version and answer with nothing
  // ("No code actions available"): ask again, as a person would, a few times.
  for (let attempt = 1; ; attempt++) {
    await goTo(line, column);
    await page.keyboard.press('Control+.');
    if (
      await menu.waitFor({ state: 'visible', timeout: attempt < 3 ? 4000 : WAIT }).then(
        () => true,
        () => false,
      )
    )
      break;
    assert.ok(attempt < 3, `no code action menu at ${line}:${column} after ${attempt} tries`);
    note(`Ctrl+. again at ${line}:${column}: no code action menu`);
    // The editor says "No code actions available" in an overlay: let it go before asking again.
    await page.keyboard.press('Escape');
    await page
      .locator('.monaco-editor-overlaymessage')
      .first()
      .waitFor({ state: 'hidden', timeout: WAIT })
      .catch(() => {});
  }
  await menu.locator('.monaco-list-row.focused').waitFor({ timeout: WAIT });
  return { menu, items: await menu.locator('.monaco-list-row').allInnerTexts() };
}

/**
 * Asks for code actions at the cursor and waits for the answer (the menu, or "No code actions available"), then closes it.
 * The server answers only once the document (or, for a sample, the prompts checking it) is linted at its current
 * version, and it sends that lint's diagnostics first: afterwards the squiggles are the current ones.
 */
async function serverAnsweredCodeActions() {
  const answer = page.locator('.action-widget:visible, .monaco-editor-overlaymessage:visible');
  await page.keyboard.press('Control+1');
  await page.keyboard.press('Control+.');
  await answer
    .first()
    .waitFor({ state: 'visible', timeout: WAIT })
    .catch(() => {
      throw new Error(`neither a code action menu nor "No code actions available" appeared within ${WAIT} ms`);
    });
  await page.keyboard.press('Escape');
  await poll(
    'the code action answer to close',
    () => answer.count(),
    (n) => n === 0,
  );
  // The markers reach the editor's decorations through the workbench's own events: let it render twice.
  await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
}

/** The suggest widget on screen (every editor that ever suggested keeps a hidden one in the page). */
function suggestWidget() {
  return page.locator('.editor-widget.suggest-widget:visible').first();
}

/**
 * Ctrl+Space, then the suggestion rows once `ok(rows)` holds. A server still linting the edit that came just before
 * (for longer than it keeps a request waiting, on a loaded machine) answers nothing and VS Code falls back to the
 * document's words: ask again, as a person would, up to three times. The rows of the last try are returned either way.
 */
async function suggestions(what, ok) {
  const widget = suggestWidget();
  const rows = () => widget.locator('.monaco-list-row').allInnerTexts();
  // Read without waiting: a quick-suggest widget may close between two reads (then there is nothing to fix here).
  const inlineDetails = async () =>
    !/\bshows-details\b/.test((await widget.getAttribute('class', { timeout: 500 }).catch(() => null)) ?? '');
  for (let attempt = 1; ; attempt++) {
    // Typing may have opened the widget already (quick suggestions), and Ctrl+Space on an open widget moves the
    // focused row's details into a side pane (which VS Code remembers) instead: the rows then lose their details.
    if (!(await widget.isVisible())) await page.keyboard.press('Control+Space');
    const patience = attempt < 3 ? 5000 : WAIT;
    // A quick-suggest widget can close just as Ctrl+Space would have opened one: then it is asked for again.
    const opened = await widget.waitFor({ state: 'visible', timeout: patience }).then(
      () => true,
      () => false,
    );
    if (opened && !(await inlineDetails())) {
      await page.keyboard.press('Control+Space');
      await poll('the suggestion details back in the rows', inlineDetails);
    }
    const shown = opened
      ? await poll(`${what} among the suggestions`, rows, ok, { timeout: patience }).catch(() => undefined)
      : undefined;
    if (shown) return shown;
    if (attempt === 3) {
      assert.ok(opened, `no suggest widget opened after ${attempt} Ctrl+Space`);
      return rows();
    }
    note(`Ctrl+Space again: ${opened ? `${what} not among the suggestions` : 'no suggest widget opened'}`);
    await page.keyboard.press('Escape');
    await widget.waitFor({ state: 'hidden', timeout: WAIT });
  }
}

/**
 * The bounding boxes of `mark` and `line` once `mark` sits on `line` (both are re-rendered while the editor scrolls and
 * decorations are republished, so a box read once may be of an element just replaced); the last boxes read otherwise.
 */
async function sameLine(what, mark, line) {
  const boxes = async () => [await mark.boundingBox(), await line.boundingBox()];
  return poll(what, boxes, ([sq, ln]) => sq && ln && Math.abs(sq.y - ln.y) < ln.height).catch(() => boxes());
}

/** A notification toast containing `text`. */
function toast(text) {
  return page.locator('.notifications-toasts .notification-toast', { hasText: text }).first();
}

async function clearNotifications() {
  await runCommand('Notifications: Clear All Notifications').catch(() => {});
}

/** Whether the element's background is the theme colour `--vscode-<name>` (e.g. statusBarItem-errorBackground). */
async function hasThemeBackground(locator, name) {
  return locator.evaluate((el, variable) => {
    const probe = document.createElement('div');
    probe.style.backgroundColor = `var(--vscode-${variable})`;
    document.querySelector('.monaco-workbench').appendChild(probe);
    const want = getComputedStyle(probe).backgroundColor;
    probe.remove();
    const got = getComputedStyle(el).backgroundColor;
    return { ok: want !== 'rgba(0, 0, 0, 0)' && want === got, want, got };
  }, name);
}

/** The rendered text of the active editor, lines in order (Monaco reuses line elements out of DOM order). */
async function editorText() {
  const lines = await editor()
    .locator('.view-line')
    .evaluateAll((els) => els.map((el) => ({ top: parseFloat(el.style.top) || 0, text: el.textContent ?? '' })));
  return lines
    .sort((a, b) => a.top - b.top)
    .map((l) => l.text.replace(/\u00a0/g, ' '))
    .join('\n');
}

/**
 * Puts a workspace file back to its text on disk. VS Code web saves edits after a delay (files.autoSave defaults to
 * afterDelay there) into test-web's file system, which keeps them in memory: File: Revert File finds nothing to
 * revert a second later, so the editor's whole text is replaced with the file on disk instead. Files a step created
 * (not on disk) are left alone.
 */
async function restoreFromDisk(name) {
  let text;
  try {
    text = readFileSync(join(ROOT, 'test', 'e2e', 'workspace', name), 'utf8');
  } catch {
    return;
  }
  await escape();
  await openFile(name);
  await page.evaluate((t) => navigator.clipboard.writeText(t), text);
  await page.keyboard.press('Control+1');
  await page.keyboard.press('Control+a');
  await page.keyboard.press('Control+v');
  // The view shows the lines around the cursor (at the end after the paste), wrapped: compare with spaces collapsed.
  const flat = (t) => t.replace(/\s+/g, ' ').trim();
  await poll(`${name} in the editor to read as on disk again`, editorText, (shown) => {
    const visible = flat(shown);
    return visible.length > 0 && flat(text).endsWith(visible);
  });
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

/**
 * Shows the Problems panel (Ctrl+Shift+M toggles it, so only when it is not already shown), filtered to `filter`
 * (e.g. a file name; '' shows everything): the list is virtual, so rows far down are not in the DOM.
 */
async function problemsText(filter) {
  const panel = page.locator('.markers-panel');
  if (!(await panel.isVisible())) await page.keyboard.press('Control+Shift+M');
  await panel.waitFor({ state: 'visible', timeout: WAIT });
  const input = page.locator('.part.panel').getByPlaceholder(/^Filter \(e\.g\./);
  await input.fill(filter);
  // The filter applies after a debounce: until then the list is the previous one. Applied means: no "Showing n of m"
  // badge without a filter; with one, the badge is shown and every file row left names the filter (or none is left).
  await poll(
    `the Problems panel filtered to "${filter}"`,
    () =>
      panel.evaluate((el, f) => {
        const badge = document.querySelector('.part.panel .viewpane-filter-badge');
        const counted = /Showing \d+ of \d+/.test(badge?.textContent ?? '') && badge?.checkVisibility() === true;
        if (f === '') return { applied: !counted };
        const files = [...el.querySelectorAll('.monaco-list-row[aria-level="1"]')].map((r) => r.getAttribute('aria-label') ?? '');
        return { applied: counted && files.every((label) => label.includes(f)), files };
      }, filter),
    (state) => state.applied,
  );
  return panel;
}

/** Hides the bottom panel if it is shown (Ctrl+J toggles its visibility). */
async function closePanel() {
  const panel = page.locator('.part.panel');
  if (await panel.isVisible()) await page.keyboard.press('Control+j');
  await panel.waitFor({ state: 'hidden', timeout: WAIT });
}

before(async () => {
  rmSync(SHOTS, { recursive: true, force: true });
  mkdirSync(SHOTS, { recursive: true });
  profile = process.env.PB_E2E_PROFILE ?? mkdtempSync(join(tmpdir(), 'promptbound-e2e-'));
  mkdirSync(join(profile, 'Default'), { recursive: true });
  // Webviews (the token-breakdown chart) live in iframes on another origin: allow their storage.
  writeFileSync(
    join(profile, 'Default', 'Preferences'),
    JSON.stringify({ profile: { cookie_controls_mode: 0, block_third_party_cookies: false } }),
  );
  context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    viewport: { width: 1400, height: 900 },
    timeout: 60_000,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--disable-dev-shm-usage',
    ],
  });
  context.setDefaultTimeout(WAIT);
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: BASE });
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
  else if (failures > 0) {
    // For diagnosis in CI: the browser's errors (the extension host forwards the extension's console.error).
    const errors = consoleLines.filter(
      (l) => /^\[error\]/.test(l) && !/Failed to load resource: the server responded with a status of 404/.test(l),
    );
    process.stdout.write(
      `# browser console errors (${errors.length}; PB_E2E_CONSOLE=1 prints everything):\n${errors
        .slice(-30)
        .map((l) => `#   ${l.slice(0, 400)}`)
        .join('\n')}\n`,
    );
    if (pageErrors.length)
      process.stdout.write(`# page errors:\n${pageErrors.map((l) => `#   ${l.slice(0, 400)}`).join('\n')}\n`);
  }
  await context?.close().catch(() => {});
  if (profile) rmSync(profile, { recursive: true, force: true });
});

let failures = 0;
let stepsDeclared = 0;
/** The workspace files the running step opened (it may have edited them). */
const openedInStep = new Set();
/** A test that saves a screenshot of the page as it was when it failed (test-results/e2e/FAILED-n-….png). */
let extensionStarted = false;
function step(name, fn) {
  const first = !stepsDeclared++;
  test(name, STEP, async () => {
    // Without a running extension every later step would only time out: fail them at once, pointing at the first.
    if (!first) assert.ok(extensionStarted, 'the workbench or the extension did not start: see the first step');
    openedInStep.clear();
    try {
      await fn();
      if (first) extensionStarted = true;
    } catch (error) {
      failures++;
      const slug = name.replace(/[^a-z0-9]+/gi, '-').slice(0, 40);
      await page?.screenshot({ path: join(SHOTS, `FAILED-${failures}-${slug}.png`) }).catch(() => {});
      // A step that failed halfway may leave its files edited: put them back so later steps start from the files on disk.
      for (const name of openedInStep)
        await restoreFromDisk(name).catch((e) => process.stdout.write(`# could not restore ${name}: ${e.message}\n`));
      throw error;
    }
  });
}

beforeEach(async () => {
  // A failed step must not leave a menu, hover or quick input over the next one.
  if (!page) return;
  await page.mouse.move(5, 450).catch(() => {});
  await escape().catch(() => {});
});

step('the workbench loads the workspace and the extension', async () => {
  await page.locator('.monaco-workbench').waitFor({ timeout: 60_000 });
  await page.locator('.explorer-folders-view .monaco-list-row').first().waitFor({ timeout: 60_000 });
  const rows = await page.locator('.explorer-folders-view .monaco-list-row').allInnerTexts();
  for (const name of [ANNUAL, PR, REFUND])
    assert.ok(
      rows.some((r) => r.includes(name)),
      `explorer lists ${name}: ${rows}`,
    );
  await page.locator('.tabs-container .tab.active', { hasText: ANNUAL }).waitFor({ timeout: WAIT });
  // The language mode is the extension's (contributed languages), and its status bar item appears once the server counted.
  const mode = page.locator('.statusbar-item[id="status.editor.mode"]');
  await assert.doesNotReject(mode.filter({ hasText: /prompty/i }).waitFor({ timeout: WAIT }), 'language mode is Prompty');
  await assert.doesNotReject(
    statusItem().waitFor({ timeout: 45_000 }),
    `the promptbound status bar item appears${dumpDiagnostics()}`,
  );
  await shot('01-workbench');
});

step('Lint All Prompt Files in Workspace: the Problems panel holds exactly the diagnostics of promptbound check', async () => {
  await clearNotifications();
  await runCommand(commandTitle('promptbound.lintWorkspace'));
  await toast(/linted \d+ prompt files/).waitFor({ timeout: 30_000 });
  const expected = cliDiagnostics();
  const panel = await problemsText('');
  await runCommand('View: Toggle Maximized Panel');
  await panel.locator('.monaco-list-row').first().waitFor({ timeout: WAIT });
  // Every file's markers, read from the rows' aria-labels: "Error: <message> at line L and character C. generated by …".
  const want = expected.map((d) => `${d.severity} ${d.line}:${d.column} ${d.message}`).sort();
  const markers = async () => {
    const labels = await panel
      .locator('.monaco-list-row')
      .evaluateAll((rows) => rows.map((r) => r.getAttribute('aria-label') ?? ''));
    return labels
      .map((l) => /^(Error|Warning|Info)[^:]*: ([\s\S]*) at line (\d+) and character (\d+)\./.exec(l))
      .filter(Boolean)
      .map((m) => `${m[1].toLowerCase()} ${m[3]}:${m[4]} ${m[2].trim()}`)
      .sort();
  };
  // The rows fill in as the markers arrive: wait for as many as the CLI reports (the comparison below says what differs).
  const shown = await poll(`${want.length} rows in the Problems panel`, markers, (rows) => rows.length >= want.length).catch(() =>
    markers(),
  );
  assert.ok(want.length >= 10, `the workspace has the CLI's diagnostics to compare (${want.length})`);
  assert.deepEqual(shown, want);
  // And the rule ids, as the rows show them: "… promptbound(rule) [Ln L, Col C]" (the brackets are CSS).
  const texts = await panel.locator('.monaco-list-row').allInnerTexts();
  const rules = texts
    .map((t) => /promptbound ?\(? ?([^)\s]+) ?\)? ?\[Ln (\d+), Col (\d+)\]/.exec(t.replace(/[\s\u00a0]+/g, ' ')))
    .filter(Boolean)
    .map((m) => `${m[1]} ${m[2]}:${m[3]}`)
    .sort();
  assert.deepEqual(
    rules,
    expected.map((d) => `${d.rule} ${d.line}:${d.column}`).sort(),
    `rows: ${JSON.stringify(texts.slice(0, 3))}`,
  );
  await shot('02-problems-equal-cli');
  await runCommand('View: Toggle Maximized Panel');
  await closePanel();
  await clearNotifications();
});

step('budget/context-window: squiggle on the deployment line and a Problems entry with the rule id', async () => {
  await openFile(ANNUAL);
  const squiggle = editor().locator('.squiggly-error').first();
  await assert.doesNotReject(squiggle.waitFor({ timeout: 30_000 }), `an error squiggle appears${dumpDiagnostics()}`);
  // CLI: 14:23 error … budget/context-window — line 14 is `    azure_deployment: gpt-4o`.
  const line = viewLine('azure_deployment: gpt-4o');
  const [sq, ln] = await sameLine('the error squiggle on the azure_deployment line', squiggle, line);
  assert.ok(
    sq && ln && Math.abs(sq.y - ln.y) < ln.height,
    `the squiggle (${JSON.stringify(sq)}) is on the azure_deployment line (${JSON.stringify(ln)})`,
  );
  const panel = await problemsText(ANNUAL);
  await panel.locator('.monaco-list-row', { hasText: 'budget/context-window' }).first().waitFor({ timeout: WAIT });
  const text = await panel.innerText();
  assert.match(text, /budget\/context-window/);
  assert.match(text, /128,000/);
  assert.match(text, /\[Ln 14, Col 23\]/);
  await shot('03-budget-error-problems');
  await closePanel();
});

step('hover on the budget squiggle shows the diagnostic', async () => {
  await openFile(ANNUAL);
  const hover = await hoverOver(editor().locator('.squiggly-error').first());
  const text = await hover.innerText();
  assert.match(text, /context window is 128,000/);
  assert.match(text, /budget\/context-window/);
  await shot('04-hover-budget-error');
  await page.mouse.move(5, 450);
});

step('status bar: token count equal to the CLI, window and model, error colour, breakdown tooltip', async () => {
  await openFile(ANNUAL);
  const item = statusItem();
  const text = (await item.innerText()).trim();
  const count = cliCount(ANNUAL);
  const stats = cliStats(ANNUAL);
  // `125,313 / 128k tokens · gpt-4o`: what counts against the window — the prompt's tokens and chat overhead
  // (`promptbound count --json`: tokens + overhead) plus the declared variable fill — as `check --stats` reports it.
  const m = /([\d,]+)\s*\/\s*([\d.]+[kM]?)\s*tokens\s*·\s*(\S+)/.exec(text);
  assert.ok(m, `status bar item "${text}" reads "N / W tokens · model"`);
  assert.equal(stats.tokens, count.tokens, 'count and check agree on the prompt tokens');
  assert.equal(stats.input, count.tokens + count.overhead + stats.variables);
  assert.equal(
    Number(m[1].replaceAll(',', '')),
    stats.input,
    `status bar count ${m[1]} = the CLI's input ${stats.input} (count ${count.tokens} + overhead ${count.overhead} + variables ${stats.variables})`,
  );
  assert.equal(m[2], '128k');
  assert.equal(m[3], count.model);
  // Over the window: the item is coloured as an error.
  const error = await hasThemeBackground(item, 'statusBarItem-errorBackground');
  assert.ok(error.ok, `the item has the theme's error background: ${JSON.stringify(error)}`);
  await item.hover();
  const tooltip = page
    .locator('.monaco-hover:not(.hidden), .workbench-hover')
    .filter({ hasText: /variables/i })
    .first();
  await tooltip.waitFor({ state: 'visible', timeout: WAIT });
  const tip = await tooltip.innerText();
  assert.match(tip, /variables/i);
  assert.match(tip, /output reserve/i);
  assert.match(tip, new RegExp(grouped(stats.variables)), `tooltip shows the variables' ${stats.variables} tokens: ${tip}`);
  assert.match(tip, new RegExp(grouped(stats.output)), `tooltip shows the ${stats.output}-token output reserve: ${tip}`);
  assert.match(
    tip,
    new RegExp(grouped(count.tokens + count.overhead) + '|' + grouped(count.tokens)),
    `tooltip shows the prompt's ${count.tokens} tokens: ${tip}`,
  );
  await shot('05-status-bar-tooltip');
  await page.mouse.move(700, 450);
  await escape();
});

step("status bar near the budget: ≈ for the prompt's approximate model, warning colour, equal to the CLI", async () => {
  await openFile(HR);
  const stats = cliStats(HR);
  assert.equal(stats.approximate, true);
  const item = statusItem();
  await item.filter({ hasText: stats.model }).waitFor({ timeout: WAIT });
  const text = (await item.innerText()).trim();
  // CLI: budget/near-limit — ≈167,099 of the 192,000-token input budget (87%, warnAt 80%).
  assert.equal(text, `≈${grouped(stats.input)} / 200k tokens · ${stats.model}`);
  const warning = await hasThemeBackground(item, 'statusBarItem-warningBackground');
  assert.ok(warning.ok, `the item has the theme's warning background: ${JSON.stringify(warning)}`);
  await shot('06-status-bar-warning');
});

step('hover on the model: value shows the model facts', async () => {
  await openFile(PR);
  const value = token('model: openai/gpt-4.1-mini', 'gpt-4.1-mini');
  const hover = await hoverOver(value);
  const text = await hover.innerText();
  assert.match(text, /gpt-4\.1-mini/);
  assert.match(text, /1,047,576|1\.05M/, `the hover gives the context window: ${text}`);
  assert.match(text, /o200k_base/);
  await shot('07-hover-model');
  await page.mouse.move(5, 450);
});

step('code actions on the wranAt line: the did-you-mean fix is offered', async () => {
  await openFile(PR);
  // CLI: 57:3 error budget.wranAt is not a budget key; did you mean warnAt? frontmatter/schema
  await goTo(57, 3);
  const squiggle = editor().locator('.squiggly-error').first();
  await assert.doesNotReject(squiggle.waitFor({ timeout: 30_000 }), 'the wranAt key has an error squiggle');
  const [sq, ln] = await sameLine('the error squiggle on the wranAt line', squiggle, viewLine('wranAt: 0.7'));
  assert.ok(sq && ln && Math.abs(sq.y - ln.y) < ln.height, 'the squiggle is on the wranAt line');
  await page.keyboard.press('Control+.');
  const menu = page.locator('.action-widget');
  await menu.waitFor({ state: 'visible', timeout: WAIT });
  const items = await menu.locator('.monaco-list-row').allInnerTexts();
  assert.ok(
    items.some((t) => /wranAt/.test(t) && /warnAt/.test(t)),
    `menu offers the warnAt fix: ${JSON.stringify(items)}`,
  );
  await shot('08-code-actions-did-you-mean');
});

step('quick fix through the UI: warnAt replaces wranAt and the diagnostic disappears', async () => {
  await openFile(PR);
  const { menu } = await codeActionsAt(57, 3);
  await pickAction(menu, /warnAt/);
  await viewLine('warnAt: 0.7').waitFor({ timeout: WAIT });
  assert.equal(await editor().locator('.view-line', { hasText: 'wranAt: 0.7' }).count(), 0, 'no wranAt key is left');
  await assert.doesNotReject(
    editor().locator('.squiggly-error').first().waitFor({ state: 'detached', timeout: WAIT }),
    'the frontmatter/schema error is gone',
  );
  await shot('09-quick-fix-applied');
});

step('code actions: disable a rule for this line / for this file; applying one silences the warning', async () => {
  await openFile(NOTES);
  // CLI: 40:3 warning Variable 'merged_prs' is not declared … template/undefined-variable
  await goTo(40, 3);
  const squiggle = editor().locator('.squiggly-warning').first();
  await assert.doesNotReject(squiggle.waitFor({ timeout: 30_000 }), 'the {{merged_prs}} line has a warning squiggle');
  await page.keyboard.press('Control+.');
  const menu = page.locator('.action-widget');
  await menu.waitFor({ state: 'visible', timeout: WAIT });
  const items = await menu.locator('.monaco-list-row').allInnerTexts();
  assert.ok(
    items.some((t) => /disable/i.test(t) && /template\/undefined-variable/.test(t) && /line/i.test(t)),
    `disable for this line: ${JSON.stringify(items)}`,
  );
  assert.ok(
    items.some((t) => /disable/i.test(t) && /template\/undefined-variable/.test(t) && /file/i.test(t)),
    `disable for this file: ${JSON.stringify(items)}`,
  );
  await shot('10-code-actions-disable');
  await pickAction(menu, /disable.*line/i);
  await viewLine('promptbound-disable-next-line')
    .waitFor({ timeout: WAIT })
    .catch(() => {});
  const lines = await editor().locator('.view-lines').innerText();
  assert.match(
    lines.replace(/\u00a0/g, ' '),
    /promptbound[- ]disable[- ]next[- ]line.*template\/undefined-variable/i,
    'a disable-next-line comment naming the rule was inserted',
  );
  await assert.doesNotReject(
    editor().locator('.squiggly-warning').first().waitFor({ state: 'detached', timeout: WAIT }),
    'the warning is gone',
  );
  await shot('11-disable-line-applied');
});

step('CodeLens: per-section token counts on the headings, equal to the CLI', async () => {
  await openFile(REFUND);
  const lens = editor().locator('.codelens-decoration');
  await assert.doesNotReject(lens.first().waitFor({ timeout: 30_000 }), 'CodeLens appear');
  const texts = await lens.allInnerTexts();
  const sections = cliCount(REFUND).sections;
  // Lenses are rendered for the lines on screen: Role, Tone and What you may decide at least.
  for (const s of sections.slice(0, 3)) {
    assert.ok(
      texts.some((t) => t.includes(grouped(s.tokens))),
      `a lens shows ${s.title}'s ${s.tokens} tokens: ${JSON.stringify(texts)}`,
    );
  }
  assert.ok(
    texts.some((t) => /150/.test(t)),
    `the Tone lens shows its 150-token budget: ${JSON.stringify(texts)}`,
  );
  await shot('12-codelens-sections');
});

step('hover on a heading shows section stats; on a {{variable}} its budget', async () => {
  await openFile(REFUND);
  let hover = await hoverOver(viewLine('## Tone').locator('span', { hasText: 'Tone' }).last());
  let text = await hover.innerText();
  assert.match(text, /64/, `the Tone section's 64 tokens: ${text}`);
  assert.match(text, /150/, `its 150-token budget: ${text}`);
  await shot('13-hover-section');
  await page.mouse.move(5, 450);
  await hover.waitFor({ state: 'hidden', timeout: WAIT }).catch(() => {});
  hover = await hoverOver(token('{{customer_name}}', 'customer_name'));
  text = await hover.innerText();
  assert.match(text, /customer_name/);
  assert.match(text, /\b10\b/, `its 10-token budget: ${text}`);
  await shot('14-hover-variable');
  await page.mouse.move(5, 450);
});

step('hover on one of our frontmatter keys shows its docs with a link', async () => {
  await openFile(REFUND);
  const hover = await hoverOver(token('warnAt: 0.8', 'warnAt'));
  const text = await hover.innerText();
  assert.match(text, /warnAt/);
  assert.match(text, /budget|input/i, `the key is explained: ${text}`);
  const links = await hover
    .locator('a')
    .evaluateAll((as) => as.map((a) => a.getAttribute('data-href') || a.getAttribute('href') || a.getAttribute('title') || ''));
  assert.ok(
    links.some((h) => /^https?:\/\//.test(h)),
    `the hover links to the docs: ${JSON.stringify(links)}`,
  );
  await shot('15-hover-key-docs');
});

step(
  'selection: the status bar adds the selection\'s count, equal to the CLI; "Count Tokens of Selection" reports it',
  async () => {
    await openFile(REFUND);
    // Within budget (4% of the input budget): no warning or error colour.
    for (const state of ['errorBackground', 'warningBackground']) {
      assert.equal(
        (await hasThemeBackground(statusItem(), `statusBarItem-${state}`)).ok,
        false,
        `no ${state} when the prompt is within budget`,
      );
    }
    // Lines 28–30: the Tone bullets (with {{customer_name}}), selected from 28:1 to 31:1.
    await goTo(28, 1);
    for (let i = 0; i < 3; i++) await page.keyboard.press('Shift+ArrowDown');
    const expected = cliCountText(workspaceLines(REFUND, 28, 30) + '\n', 'gpt-4o-mini');
    const item = page.locator('.part.statusbar .statusbar-item', { hasText: /^\s*sel / }).first();
    await assert.doesNotReject(item.waitFor({ timeout: WAIT }), 'the status bar shows a selection count');
    const text = (await item.innerText()).trim();
    const m = /^sel\s+(≈?)([\d,]+)\s*·\s*([\d,]+)\s*\/\s*128k tokens\s*·\s*gpt-4o-mini/.exec(text);
    assert.ok(m, `"${text}" reads "sel N · M / 128k tokens · gpt-4o-mini"`);
    assert.equal(
      Number(m[2].replaceAll(',', '')),
      expected.tokens,
      `selection ${m[2]} = promptbound count --raw -m gpt-4o-mini of the same text (${expected.tokens})`,
    );
    assert.equal(Number(m[3].replaceAll(',', '')), cliStats(REFUND).input, 'the document count is still shown');
    await shot('16-status-bar-selection');
    await runCommand(commandTitle('promptbound.countSelection'));
    const toast = page.locator('.notifications-toasts .notification-toast', { hasText: 'Selection:' }).first();
    await assert.doesNotReject(toast.waitFor({ timeout: WAIT }), 'a notification reports the count');
    assert.match(await toast.innerText(), new RegExp(`Selection: ${expected.tokens} tokens \\(gpt-4o-mini\\)`));
    await shot('17-count-selection-command');
    await page.keyboard.press('Escape');
    await page.keyboard.press('ArrowLeft'); // collapse the selection
  },
);

step(
  "live counts: typing updates the status bar and the section's CodeLens to the CLI's counts of the new text; a snippet",
  async () => {
    await openFile(REFUND);
    const lines = readFileSync(join(ROOT, 'test', 'e2e', 'workspace', REFUND), 'utf8').split('\n');
    const added = ' Keep it short and friendly.';
    const edited = [...lines.slice(0, 29), lines[29] + added, ...lines.slice(30)].join('\n');
    const before = cliStats(REFUND);
    const after = cliStatsOfText(REFUND, edited);
    const tone = after.sections.find((x) => x.title === 'Tone');
    assert.ok(after.input > before.input, 'the CLI counts more tokens after the edit');
    // Line 30 is the last Tone bullet: type at its end.
    await goTo(30, lines[29].length + 1);
    await page.keyboard.type(added);
    // The view lines render after the keystrokes land (a loaded machine can take a while).
    await poll('the edited Tone line in the editor', editorText, (text) => text.split('\n').includes(lines[29] + added));
    assert.ok((await editorText()).split('\n').includes(lines[29] + added), 'the editor holds the edited line');
    await assert.doesNotReject(
      statusItem()
        .filter({ hasText: new RegExp(`^\\s*${grouped(after.input)} / 128k tokens`) })
        .waitFor({ timeout: WAIT }),
      `the status bar shows the CLI's ${after.input} for the edited text (now "${await statusItem().innerText()}")`,
    );
    await assert.doesNotReject(
      editor()
        .locator('.codelens-decoration', { hasText: `${tone.tokens} tokens` })
        .first()
        .waitFor({ timeout: WAIT }),
      `the Tone lens shows the CLI's ${tone.tokens} tokens for the edited section`,
    );
    await shot('18-live-count');
    // A snippet from snippets/: the disable-in-file comment, on a new line after the edited one.
    await page.keyboard.press('End');
    await page.keyboard.press('Enter');
    await page.keyboard.type('pb-disable-fi');
    await suggestions('the pb-disable-file snippet', (rows) => rows.some((r) => r.includes('pb-disable-file')));
    const suggest = suggestWidget();
    const snippet = suggest.locator('.monaco-list-row', { hasText: 'pb-disable-file' }).first();
    await assert.doesNotReject(snippet.waitFor({ timeout: WAIT }), 'the pb-disable-file snippet is offered');
    await shot('19-snippet-offered');
    await snippet.click();
    await assert.doesNotReject(
      viewLine('<!-- promptbound-disable-file').waitFor({ timeout: WAIT }),
      'the snippet inserted a disable-file comment',
    );
    await page.keyboard.press('Escape');
    // Undo both edits: delete the snippet line, then the typed words.
    await page.keyboard.press('Control+Shift+K');
    await goTo(30, lines[29].length + 1);
    await page.keyboard.press('Shift+End');
    await page.keyboard.press('Delete');
    await assert.doesNotReject(
      statusItem()
        .filter({ hasText: new RegExp(`^\\s*${grouped(before.input)} / 128k tokens`) })
        .waitFor({ timeout: WAIT }),
      "the count is back to the saved file's",
    );
    assert.equal(await editor().locator('.view-line', { hasText: 'promptbound-disable-file' }).count(), 0);
  },
);

step('TextMate grammar: frontmatter highlighted as YAML, {{variables}} and annotations stand out', async () => {
  await openFile(REFUND);
  await goTo(1, 1);
  /** The class of the token span holding `text` on the line holding `line`. */
  const tokenClass = async (line, text) => viewLine(line).locator('span > span', { hasText: text }).first().getAttribute('class');
  const key = await tokenClass('model: gpt-4o-mini', 'model');
  const value = await tokenClass('model: gpt-4o-mini', 'gpt-4o-mini');
  assert.notEqual(key, value, 'a YAML key and its value are coloured differently');
  const variable = await tokenClass('{{customer_name}}', 'customer_name');
  const prose = await tokenClass('{{customer_name}}', 'Warm');
  assert.notEqual(variable, prose, 'a template variable is coloured differently from the prose');
  const annotation = await tokenClass('promptbound budget: 150', 'promptbound');
  const comment = await tokenClass('promptbound budget: 150', '<!--');
  assert.notEqual(annotation, comment, 'the annotation keyword stands out inside its comment');
  const mode = page.locator('.statusbar-item[id="status.editor.mode"]');
  assert.match(await mode.innerText(), /Prompt/);
  await shot('20-grammar');
});

step('completion in the frontmatter: budget keys, model ids and enum values', async () => {
  await openFile(REFUND);
  // A new line under `budget:` (line 4), indented as its keys: our keys are offered.
  await goTo(4, 8);
  await page.keyboard.press('Enter');
  await page.keyboard.press('Home');
  await page.keyboard.press('Shift+End');
  await page.keyboard.type('  ');
  const keys = await suggestions('the budget keys', (rows) => rows.some((k) => k.split(/\s/)[0] === 'context'));
  for (const key of ['context', 'prompt'])
    assert.ok(
      keys.some((k) => k.split(/\s/)[0] === key),
      `budget key ${key} offered: ${JSON.stringify(keys)}`,
    );
  await shot('21-completion-keys');
  await page.keyboard.press('Escape');
  await page.keyboard.press('Control+Shift+K'); // delete the added line again
  await assert.doesNotReject(viewLine('output: 400').waitFor({ timeout: WAIT }));
  assert.equal(await editor().locator('.view-line', { hasText: /^\s+$/ }).count(), 0, 'the added line is gone');
  // The model value (line 2 `model: gpt-4o-mini`): model ids are offered.
  await goTo(2, 8);
  await page.keyboard.press('Shift+End');
  await page.keyboard.press('Delete');
  const models = await suggestions(
    'model ids with their windows',
    (rows) => rows.some((k) => k.split(/\s/)[0] === 'gpt-4o') && rows.some((k) => /context/.test(k)),
  );
  for (const id of ['gpt-4o', 'gpt-4.1'])
    assert.ok(
      models.some((k) => k.split(/\s/)[0] === id),
      `model id ${id} offered: ${JSON.stringify(models)}`,
    );
  assert.ok(
    models.some((k) => /context/.test(k)),
    `model entries describe their window: ${JSON.stringify(models)}`,
  );
  await shot('22-completion-models');
  await page.keyboard.press('Escape');
  await page.keyboard.type('gpt-4o-mini');
  await page.keyboard.press('Escape');
  await assert.doesNotReject(viewLine('model: gpt-4o-mini').waitFor({ timeout: WAIT }), 'the model line is restored');
  // A value from the frontmatter schema's enum: constraints.format (line 9 of the triage prompt is `  format: json`).
  await openFile(TRIAGE);
  await goTo(9, 11);
  await page.keyboard.press('Shift+End');
  await page.keyboard.press('Delete');
  const values = (await suggestions('the format values', (rows) => rows.some((k) => k.split(/\s/)[0] === 'json'))).map(
    (k) => k.split(/\s/)[0],
  );
  for (const value of ['json', 'markdown', 'text'])
    assert.ok(values.includes(value), `format value ${value} offered: ${JSON.stringify(values)}`);
  await shot('23-completion-values');
  await page.keyboard.press('Escape');
  await page.keyboard.type('json');
  await page.keyboard.press('Escape');
  await assert.doesNotReject(viewLine('format: json').waitFor({ timeout: WAIT }), 'the format line is restored');
});

step('a failing sample: squiggles in the sample and sample/constraint in Problems', async () => {
  await openFile(`refund-assistant.samples/${SAMPLE}`);
  await assert.doesNotReject(
    editor().locator('.squiggly-error').first().waitFor({ timeout: 30_000 }),
    'the sample has error squiggles',
  );
  const panel = await problemsText(SAMPLE);
  await panel.locator('.monaco-list-row', { hasText: 'sample/constraint' }).first().waitFor({ timeout: WAIT });
  const text = await panel.innerText();
  assert.match(text, /142 words; at most 120 allowed/);
  assert.match(text, /guarantee/);
  await shot('24-sample-diagnostics');
  await closePanel();
});

step('a sample\'s diagnostics follow its prompt: raising words.max to 200 clears "142 words", and back', async () => {
  // Line 14 of the refund prompt is `  words: {max: 120}`; 120 starts at column 16.
  const setMax = async (from, to) => {
    await openFile(REFUND);
    await goTo(14, 16);
    for (let i = 0; i < from.length; i++) await page.keyboard.press('Shift+ArrowRight');
    await page.keyboard.type(to);
    await viewLine(`words: {max: ${to}}`).waitFor({ timeout: WAIT });
  };
  await setMax('120', '200');
  await openFile(`refund-assistant.samples/${SAMPLE}`);
  let panel = await problemsText(SAMPLE);
  await assert.doesNotReject(
    panel
      .locator('.monaco-list-row', { hasText: '142 words; at most 120 allowed' })
      .first()
      .waitFor({ state: 'detached', timeout: WAIT }),
    'the words error of the sample is gone',
  );
  const text = await panel.innerText();
  assert.match(text, /contains 'guarantee'/, 'the other checks still fail');
  assert.match(text, /does not end with/);
  await shot('25-sample-follows-prompt');
  await closePanel();
  await setMax('200', '120');
  await openFile(`refund-assistant.samples/${SAMPLE}`);
  panel = await problemsText(SAMPLE);
  await assert.doesNotReject(
    panel.locator('.monaco-list-row', { hasText: '142 words; at most 120 allowed' }).first().waitFor({ timeout: WAIT }),
    'the words error is back',
  );
  await closePanel();
});

step(
  'a constraint stated in the prose ("at most 50 words") is detected and can be declared (instructions/undeclared)',
  async () => {
    await openFile(FAQ);
    // docs/design/interop.md: instructions/undeclared (info) — "the prompt text states a checkable constraint that is not declared (fix: declare it)".
    await goTo(13, 76);
    const info = editor().locator('.squiggly-info, .squiggly-hint, .squiggly-warning').first();
    await assert.doesNotReject(info.waitFor({ timeout: WAIT }), '"at most 50 words" is flagged as an undeclared constraint');
    const { menu, items } = await codeActionsAt(13, 76);
    assert.ok(
      items.some((t) => /declare/i.test(t) && /words/i.test(t)),
      `a "declare" fix for words: ${JSON.stringify(items)}`,
    );
    await shot('26-declare-constraint-menu');
    await pickAction(menu, /declare/i);
    await assert.doesNotReject(viewLine('constraints:').waitFor({ timeout: WAIT }), 'a constraints block is added');
    const frontmatter = (await editorText()).split(/^---$/m)[1] ?? '';
    assert.match(frontmatter, /constraints:[\s\S]*words:[\s\S]*\b50\b/, `the frontmatter declares words ≤ 50: ${frontmatter}`);
    await assert.doesNotReject(
      editor().locator('.squiggly-info').first().waitFor({ state: 'detached', timeout: WAIT }),
      'the instructions/undeclared info is gone',
    );
    await shot('27-declare-constraint');
  },
);

step('sample quick fixes: convert "3" to 3, remove the disallowed property, add the missing required one', async () => {
  await openFile(BAD_INVOICE);
  await assert.doesNotReject(
    editor().locator('.squiggly-error').first().waitFor({ timeout: 30_000 }),
    'the sample has schema errors',
  );
  const panel = await problemsText(BAD_INVOICE.split('/').pop());
  await panel.locator('.monaco-list-row', { hasText: 'sample/schema' }).first().waitFor({ timeout: WAIT });
  const text = await panel.innerText();
  for (const message of [
    'missing required property "currency"',
    '"quantity" must be number; got string "3"',
    'property "notes" is not allowed',
  ])
    assert.ok(text.includes(message), `Problems: ${message}`);
  await closePanel();
  // CLI: 14:19 "quantity" must be number; got string "3" (at /line_items/0/quantity)
  let { menu, items } = await codeActionsAt(14, 19);
  assert.ok(
    items.some((t) => /Convert to 3/.test(t)),
    `coerce offered: ${JSON.stringify(items)}`,
  );
  await shot('28-sample-fix-menu');
  await pickAction(menu, /Convert to 3/);
  await viewLine('"quantity": 3,').waitFor({ timeout: WAIT });
  // CLI: 23:3 property "notes" is not allowed (at /notes)
  ({ menu, items } = await codeActionsAt(23, 3));
  assert.ok(
    items.some((t) => /Remove property "notes"/.test(t)),
    `remove offered: ${JSON.stringify(items)}`,
  );
  await pickAction(menu, /Remove property "notes"/);
  await editor().locator('.view-line', { hasText: '"notes"' }).first().waitFor({ state: 'detached', timeout: WAIT });
  // CLI: 1:1 missing required property "currency"
  ({ menu, items } = await codeActionsAt(1, 1));
  assert.ok(
    items.some((t) => /Add required property "currency"/.test(t)),
    `add offered: ${JSON.stringify(items)}`,
  );
  await pickAction(menu, /Add required property "currency"/);
  await viewLine('"currency"').waitFor({ timeout: WAIT });
  // The three errors the fixes were for are gone, and the added value fits the schema (`currency` has a pattern).
  const after = await problemsText(BAD_INVOICE.split('/').pop());
  await after
    .locator('.monaco-list-row', { hasText: 'missing required property "currency"' })
    .waitFor({ state: 'detached', timeout: WAIT });
  const remaining = await after.innerText();
  for (const message of [
    'missing required property "currency"',
    'must be number; got string "3"',
    'property "notes" is not allowed',
  ])
    assert.ok(!remaining.includes(message), `fixed: ${message}`);
  await closePanel();
  await goTo(1, 1);
  await assert.doesNotReject(
    editor().locator('.squiggly-error').first().waitFor({ state: 'detached', timeout: WAIT }),
    'no error is left in the sample',
  );
  await shot('29-sample-fixes-applied');
});

step('"Create sample from schema" writes an example that fits the prompt\'s output schema', async () => {
  await openFile(INVOICE);
  const { menu, items } = await codeActionsAt(1, 1);
  assert.ok(
    items.some((t) => /Create sample from schema/.test(t)),
    `offered: ${JSON.stringify(items)}`,
  );
  await shot('30-create-sample-menu');
  await pickAction(menu, /Create sample from schema/);
  const row = page.locator('.explorer-folders-view .monaco-list-row[aria-label^="example.json"]');
  await assert.doesNotReject(row.waitFor({ timeout: WAIT }), 'extract-invoice.samples/example.json appears in the Explorer');
  await openFile('extract-invoice.samples/example.json');
  const lines = await poll(
    "the example's text in the editor",
    () => editor().locator('.view-lines').innerText(),
    (t) => t.includes('"total"'),
  ).catch(() => editor().locator('.view-lines').innerText());
  for (const key of ['invoice_number', 'line_items', 'total']) assert.ok(lines.includes(`"${key}"`), `the example has ${key}`);
  // It is a sample of the prompt and it fits the schema: no error squiggles. Nothing in the page shows that a passing
  // sample was checked, so ask the server something about it first: it answers code actions on a sample only after
  // linting the prompts that check it, and publishes the sample's diagnostics before that answer.
  await serverAnsweredCodeActions();
  assert.equal(await editor().locator('.squiggly-error').count(), 0, 'the generated sample passes the schema');
  await shot('31-create-sample-created');
});

step('"Infer schema from sample" writes a schema and links it from the prompt', async () => {
  await openFile(TRIAGE_SAMPLE);
  const { menu, items } = await codeActionsAt(1, 1);
  assert.ok(
    items.some((t) => /Infer schema from sample/.test(t)),
    `offered: ${JSON.stringify(items)}`,
  );
  await shot('32-infer-schema-menu');
  await pickAction(menu, /Infer schema from sample/);
  const row = page.locator('.explorer-folders-view .monaco-list-row[aria-label^="ticket-triage.schema.json"]');
  await assert.doesNotReject(row.waitFor({ timeout: WAIT }), 'ticket-triage.schema.json appears in the Explorer');
  await openFile('ticket-triage.schema.json');
  const schema = await editor().locator('.view-lines').innerText();
  for (const key of ['"category"', '"urgent"', '"summary"', '"properties"'])
    assert.ok(schema.includes(key), `the schema has ${key}: ${schema}`);
  await openFile(TRIAGE);
  await assert.doesNotReject(
    viewLine('schema: ./ticket-triage.schema.json').waitFor({ timeout: WAIT }),
    'the prompt links the schema under constraints',
  );
  await shot('33-infer-schema-linked');
});

step('"Validate selection as a completion" (code action) and "Validate Clipboard as Completion" (command)', async () => {
  await openFile(`refund-assistant.samples/${SAMPLE}`);
  await clearNotifications();
  await page.keyboard.press('Control+1');
  await page.keyboard.press('Control+a');
  await page.keyboard.press('Control+.');
  const menu = page.locator('.action-widget');
  await menu.waitFor({ state: 'visible', timeout: WAIT });
  const items = await menu.locator('.monaco-list-row').allInnerTexts();
  assert.ok(
    items.some((t) => /Validate selection as a completion/i.test(t)),
    `offered: ${JSON.stringify(items)}`,
  );
  await pickAction(menu, /Validate selection as a completion/i);
  // The CLI on the same text: 3 failing checks (words, exclude, endsWith).
  const cli = cliValidate(
    REFUND,
    readFileSync(join(ROOT, 'test', 'e2e', 'workspace', 'refund-assistant.samples', SAMPLE), 'utf8'),
  );
  const failing = cli.results.filter((r) => !r.pass);
  assert.equal(cli.pass, false);
  const failed = toast(`Selection fails ${failing.length} checks of refund-assistant.prompt.md`);
  await assert.doesNotReject(
    failed.waitFor({ timeout: WAIT }),
    `a notification reports the ${failing.length} failing checks (toasts: ${JSON.stringify(await page.locator('.notifications-toasts .notification-toast').allInnerTexts())})`,
  );
  assert.match(await failed.innerText(), new RegExp(failing[0].key));
  await shot('34-validate-selection');
  await page.keyboard.press('ArrowLeft');
  await clearNotifications();
  // The clipboard holds a reply that meets every constraint of the refund prompt.
  await openFile(REFUND);
  await page.evaluate((text) => navigator.clipboard.writeText(text), PASSING_REPLY);
  await runCommand(commandTitle('promptbound.validateClipboard'));
  assert.equal(cliValidate(REFUND, PASSING_REPLY).pass, true, 'the CLI passes the clipboard text');
  const passed = toast(/Clipboard passes .* of refund-assistant\.prompt\.md/);
  await assert.doesNotReject(
    passed.waitFor({ timeout: WAIT }),
    `a notification reports that the clipboard passes (toasts: ${JSON.stringify(await page.locator('.notifications-toasts .notification-toast').allInnerTexts())})`,
  );
  await shot('35-validate-clipboard');
  await clearNotifications();
});

step('"Lint All Prompt Files in Workspace" lints every prompt file the CLI finds', async () => {
  await clearNotifications();
  await runCommand(commandTitle('promptbound.lintWorkspace'));
  const prompts = cliPromptFiles();
  const done = page.locator('.notifications-toasts .notification-toast', { hasText: /linted/ }).first();
  await assert.doesNotReject(done.waitFor({ timeout: 30_000 }), 'a notification reports the lint');
  const text = await done.innerText();
  assert.match(text, new RegExp(`linted ${prompts.length} prompt files`), `${text} (CLI: ${prompts.length} prompt files)`);
  await shot('36-lint-workspace');
  await clearNotifications();
});

step('the token-breakdown chart renders in a webview (command palette)', async () => {
  await openFile(REFUND);
  await runCommand(commandTitle('promptbound.showTokenBreakdown'));
  const findChart = async () => {
    for (const frame of page.frames()) {
      const bars = await frame
        .locator('svg rect, svg path.bar')
        .count()
        .catch(() => 0);
      if (bars > 0) return { frame, bars };
    }
    return undefined;
  };
  const chart = await poll('a webview frame with an <svg> chart', findChart, Boolean, { timeout: 30_000 }).catch(() => undefined);
  assert.ok(
    chart,
    `a webview frame holds an <svg> with bars (frames: ${page
      .frames()
      .map((f) => f.url())
      .join(', ')})`,
  );
  const sections = cliCount(REFUND).sections;
  assert.ok(chart.bars >= sections.length, `at least one bar per section (${chart.bars} for ${sections.length})`);
  // Every section is labelled with its title and the CLI's count (with its budget where one is annotated).
  const labels = (await chart.frame.locator('svg text').allTextContents()).map((t) => t.replace(/\s+/g, ' ').trim());
  for (const section of sections) {
    assert.ok(labels.includes(section.title), `the chart labels section "${section.title}": ${JSON.stringify(labels)}`);
    assert.ok(
      labels.some((l) => new RegExp(`^${grouped(section.tokens)}( / [\\d,]+)?$`).test(l)),
      `the chart shows ${section.title}'s ${section.tokens} tokens: ${JSON.stringify(labels)}`,
    );
  }
  assert.ok(labels.includes('64 / 150'), 'the Tone bar shows its budget');
  // The window bar: input + output reserve against the 128k window, from check --stats' numbers.
  const stats = cliStats(REFUND);
  assert.ok(
    labels.includes(`${grouped(stats.input + stats.output)} / 128k`),
    `the window bar shows ${stats.input} + ${stats.output} / 128k: ${JSON.stringify(labels)}`,
  );
  await shot('37-token-breakdown-chart');
});

// ---- issue 15: outline, links, definitions, folding, rendered preview --------------------------------------------

/** The text of the rows the Outline view shows (name and detail). */
async function outlineRows() {
  const rows = page.locator('.outline-pane .monaco-list-row');
  await rows.first().waitFor({ timeout: WAIT });
  return (await rows.allInnerTexts()).map((t) => t.replace(/\s+/g, ' ').trim());
}

step('Outline view: frontmatter keys, then headings as a tree, each with its CLI token count and budget', async () => {
  await openFile(REFUND);
  await runCommand('Explorer: Focus on Outline View');
  const pane = page.locator('.outline-pane');
  await pane.waitFor({ state: 'visible', timeout: WAIT });
  // The frontmatter's keys come first: collapse them so every section row is rendered (the list is virtual).
  const frontmatter = pane.locator('.monaco-list-row', { hasText: /^Frontmatter/ }).first();
  await frontmatter.waitFor({ timeout: WAIT });
  if ((await frontmatter.getAttribute('aria-expanded')) === 'true') {
    await frontmatter.click();
    await page.keyboard.press('ArrowLeft');
  }
  const sections = cliCount(REFUND).sections;
  await pane.locator('.monaco-list-row', { hasText: /^Tone/ }).first().waitFor({ timeout: WAIT });
  // Nesting: "Tone" is a child of "Role" (one level deeper in the tree).
  const level = (title) =>
    pane
      .locator('.monaco-list-row', { hasText: new RegExp(`^${title}`) })
      .first()
      .getAttribute('aria-level');
  assert.equal(Number(await level('Tone')), Number(await level('Role')) + 1, 'Tone sits under Role');
  await shot('42-outline');
  // The pane is short and its list virtual: page down through it, collecting the rows.
  const rows = new Set();
  const focusedRow = () =>
    pane
      .locator('.monaco-list-row.focused')
      .first()
      .getAttribute('aria-label')
      .catch(() => null);
  for (let i = 0; i < 8; i++) {
    for (const row of await outlineRows()) rows.add(row);
    if (sections.every((s) => [...rows].some((r) => r.startsWith(s.title)))) break;
    const before = { focused: await focusedRow(), rows: JSON.stringify(await outlineRows()) };
    await page.keyboard.press('PageDown');
    // The focus moves a page down (first to the last row shown, then further, scrolling); at the end nothing moves.
    const moved = await poll(
      'the Outline to page down',
      async () => ({ focused: await focusedRow(), rows: JSON.stringify(await outlineRows()) }),
      (now) => now.focused !== before.focused || now.rows !== before.rows,
      { timeout: 5000 },
    ).then(
      () => true,
      () => false,
    );
    if (!moved) break;
  }
  for (const section of sections) {
    const row = [...rows].find((r) => r.startsWith(section.title));
    assert.ok(row, `the Outline lists "${section.title}": ${JSON.stringify([...rows])}`);
    assert.ok(
      row.includes(`${grouped(section.tokens)} tokens`),
      `"${section.title}" carries the CLI's ${section.tokens} tokens: ${row}`,
    );
  }
  assert.match(
    [...rows].find((r) => r.startsWith('Tone')),
    /of budget 150/,
    'the Tone section shows its annotated budget',
  );
  await page.keyboard.press('Home');
  // Expanded again, the frontmatter's keys are there with their values.
  await frontmatter.click();
  await page.keyboard.press('ArrowRight');
  await pane
    .locator('.monaco-list-row', { hasText: /^model\s*gpt-4o-mini/ })
    .first()
    .waitFor({ timeout: WAIT });
  await frontmatter.click();
  await page.keyboard.press('ArrowLeft');
});

step('Go to Definition on {{customer_name}} jumps to its budget.variables entry; headings fold', async () => {
  await openFile(REFUND);
  const lines = readFileSync(join(ROOT, 'test', 'e2e', 'workspace', REFUND), 'utf8').split('\n');
  const use = lines.findIndex((l) => l.includes('{{customer_name}}'));
  const declared = lines.findIndex((l) => /^\s+customer_name:/.test(l));
  const cursor = page.locator('.statusbar-item[id="status.editor.selection"]');
  const target = cursorAt(declared + 1, lines[declared].indexOf('customer_name') + 1);
  // F12 right after the file opens can reach the server before the document does; ask again (at most 3 times).
  for (let attempt = 1; ; attempt++) {
    await goTo(use + 1, lines[use].indexOf('{{customer_name}}') + 4);
    await page.keyboard.press('F12');
    const jumped = await target
      .waitFor({ timeout: attempt === 3 ? WAIT : 5_000 })
      .then(() => true)
      .catch(() => false);
    if (jumped) break;
    if (attempt === 3) {
      assert.fail(`the cursor is on the declaration at line ${declared + 1} (${await cursor.innerText().catch(() => '?')})`);
    }
    console.log(`# e2e retry: Go to Definition (attempt ${attempt + 1})`);
  }
  // Folding comes from the server: a heading is not indented, so only its section range can fold it.
  const heading = lines.findIndex((l) => l === '## Tone');
  await goTo(heading + 2);
  await page.keyboard.press('Control+Shift+BracketLeft');
  const text = await poll('the Tone section to fold', editorText, (t) => !t.includes('Warm, plain and brief')).catch(() =>
    editorText(),
  );
  assert.ok(
    !text.includes('Warm, plain and brief') && text.includes('## Tone') && text.includes('## What you may decide'),
    `the Tone section's body is folded away:\n${text}`,
  );
  await shot('43-definition-and-folding');
  await page.keyboard.press('Control+Shift+BracketRight');
});

step('document link: a samples glob typed in the frontmatter is a link, and Ctrl+click opens the matching sample', async () => {
  await openFile(TRIAGE);
  await goTo(2, 200);
  await page.keyboard.press('End');
  await page.keyboard.press('Enter');
  await page.keyboard.type('samples: ticket-triage.samples/*.json');
  const link = editor().locator('.detected-link', { hasText: 'ticket-triage.samples/*.json' }).first();
  await assert.doesNotReject(link.waitFor({ timeout: WAIT }), 'the glob is underlined as a link');
  const box = await link.boundingBox();
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2, { steps: 2 });
  const tooltip = page.getByText(/1 sample match: ticket-triage\.samples\/late-parcel\.json/).first();
  await assert.doesNotReject(tooltip.waitFor({ timeout: WAIT }), "the link's tooltip names the sample the glob matches");
  await shot('44-link-hover');
  await page.keyboard.down('Control');
  await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
  await page.keyboard.up('Control');
  await assert.doesNotReject(
    page.locator('.tabs-container .tab.active[aria-label^="late-parcel.json"]').waitFor({ timeout: WAIT }),
    'the sample opened',
  );
  await shot('45-link-followed');
  await restoreFromDisk(TRIAGE);
});

/** The preview webview's frame: the one holding `.message` sections. */
async function previewFrame() {
  const find = async () => {
    // The newest frame first: a re-rendered preview may leave its previous document behind for a moment.
    for (const frame of [...page.frames()].reverse()) {
      if (
        (await frame
          .locator('section.message')
          .count()
          .catch(() => 0)) > 0
      )
        return frame;
    }
    return undefined;
  };
  return poll('a preview webview (a frame with section.message)', find, Boolean, { timeout: 30_000 }).catch(() => {
    throw new Error(
      `no preview webview (frames: ${page
        .frames()
        .map((f) => f.url())
        .join(', ')})`,
    );
  });
}

async function previewMessages(frame) {
  return frame.locator('section.message').evaluateAll((els) =>
    els.map((el) => ({
      role: el.querySelector('.role')?.textContent ?? '',
      tokens: el.querySelector('.tokens')?.textContent ?? '',
      text: el.querySelector('pre')?.textContent ?? '',
    })),
  );
}

step(
  "rendered preview: testData rows substituted, messages by role with the CLI's token counts, a row picked, typing updates it",
  async () => {
    await openFile(PR);
    await runCommand(commandTitle('promptbound.showPreview'));
    const frame = await previewFrame();
    let messages = await previewMessages(frame);
    assert.deepEqual(
      messages.map((m) => m.role),
      ['system', 'user'],
    );
    assert.ok(messages[1].text.startsWith('Branch: chk-1182-retry-psp-timeouts'), messages[1].text);
    assert.ok(messages[1].text.includes('3f1c2aa CHK-1182 wrap authorise()'), "the first testData row's commits are substituted");
    // Each message's count is the CLI's count of the rendered text with the prompt's model.
    for (const m of messages)
      assert.equal(m.tokens, `${grouped(cliCountText(m.text, 'gpt-4.1-mini').tokens)} tokens`, `${m.role}: ${m.tokens}`);
    await shot('46-preview');
    // The second testData row, picked in the preview.
    await frame.locator('select#set').selectOption('1');
    // Each render replaces the webview's document: find the frame again on every try.
    const current = async () => previewMessages(await previewFrame()).catch(() => []);
    messages = await poll('row 2 in the preview', current, (m) => m[1]?.text.startsWith('Branch: grw-87-referral-banner')).catch(
      () => current(),
    );
    assert.ok(messages[1]?.text.startsWith('Branch: grw-87-referral-banner'), `row 2 rendered: ${messages[1]?.text}`);
    await shot('47-preview-row-2');
    // Typing in the prompt re-renders the preview.
    const lines = readFileSync(join(ROOT, 'test', 'e2e', 'workspace', PR), 'utf8').split('\n');
    const branch = lines.findIndex((l) => l.includes('Branch: {{branch}}'));
    await goTo(branch + 1, lines[branch].indexOf('Branch:') + 1);
    await page.keyboard.type('Target ');
    const updated = await poll('the edit in the preview', current, (m) =>
      m[1]?.text.startsWith('Target Branch: grw-87-referral-banner'),
    ).catch(() => current());
    assert.ok(
      updated[1]?.text.startsWith('Target Branch: grw-87-referral-banner'),
      `the preview follows the edit: ${updated[1]?.text}`,
    );
    assert.equal(updated[1].tokens, `${grouped(cliCountText(updated[1].text, 'gpt-4.1-mini').tokens)} tokens`);
    await shot('48-preview-live');
    await restoreFromDisk(PR);
  },
);

step('select model: the status bar item opens a quick pick of model ids; picking one recounts', async () => {
  await openFile(ANNUAL);
  await statusItem().click();
  const quick = page.locator('.quick-input-widget');
  await quick.waitFor({ state: 'visible', timeout: WAIT });
  await quick.locator('.monaco-list-row').first().waitFor({ timeout: WAIT });
  const ids = await quick.locator('.monaco-list-row').allInnerTexts();
  assert.ok(
    ids.some((t) => /gpt-4o/.test(t)) && ids.some((t) => /gpt-4\.1/.test(t)),
    `model ids listed: ${JSON.stringify(ids.slice(0, 10))}`,
  );
  await shot('38-select-model');
  await page.keyboard.type('gpt-4.1');
  await pickQuick(quick, 'gpt-4.1');
  // gpt-4.1's 1M window holds the 125k-token report: the status bar names it and the budget error is gone.
  await statusItem()
    .filter({ hasText: /· gpt-4\.1\s*$/ })
    .waitFor({ timeout: WAIT });
  assert.match(await statusItem().innerText(), /^\s*125,313 \/ 1\.05M tokens · gpt-4\.1\s*$/);
  await assert.doesNotReject(
    editor().locator('.squiggly-error').waitFor({ state: 'detached', timeout: WAIT }),
    'the context-window error goes away',
  );
  await shot('39-model-picked');
  // An approximate model: the count is marked ≈ and equals the CLI's with that model.
  await statusItem().click();
  await quick.waitFor({ state: 'visible', timeout: WAIT });
  await page.keyboard.type('claude-sonnet-4');
  await pickQuick(quick, 'claude-sonnet-4');
  const claude = cliStatsWith(ANNUAL, 'claude-sonnet-4');
  assert.equal(claude.approximate, true);
  await statusItem()
    .filter({ hasText: /· claude-sonnet-4\s*$/ })
    .waitFor({ timeout: WAIT });
  const text = (await statusItem().innerText()).trim();
  assert.equal(text, `≈${grouped(claude.input)} / 200k tokens · claude-sonnet-4`);
  // The file's CodeLens summary follows the picked model too.
  const lens = editor().locator('.codelens-decoration', { hasText: 'claude-sonnet-4' }).first();
  await assert.doesNotReject(
    lens.waitFor({ timeout: WAIT }),
    `the file's CodeLens names the picked model (lenses: ${JSON.stringify(await editor().locator('.codelens-decoration').allInnerTexts())})`,
  );
  await shot('40-approximate-model');
});

step('setting promptbound.sectionCounts = inlayHints: section counts move from CodeLens to inlay hints', async () => {
  await openFile('.vscode/settings.json');
  const settings = {
    'json.schemaDownload.enable': false,
    'promptbound.sectionCounts': 'inlayHints',
  };
  await page.evaluate((text) => navigator.clipboard.writeText(text), JSON.stringify(settings, null, 2));
  await page.keyboard.press('Control+1');
  await page.keyboard.press('Control+a');
  await page.keyboard.press('Control+v');
  await page.keyboard.press('Control+s');
  await viewLine('"promptbound.sectionCounts": "inlayHints"').waitFor({ timeout: WAIT });
  await openFile(REFUND);
  const tone = viewLine('## Tone');
  const sections = cliCount(REFUND).sections;
  const toneTokens = sections.find((x) => x.title === 'Tone').tokens;
  const toneLine = async () => (await tone.innerText()).replace(/\u00a0/g, ' ');
  const line = await poll('an inlay hint on the Tone heading', toneLine, (l) => l.includes(`${toneTokens} tokens`)).catch(() =>
    toneLine(),
  );
  assert.match(
    line,
    new RegExp(`^## Tone\\s*${toneTokens} tokens`),
    `the Tone heading line carries an inlay hint with its ${toneTokens} tokens`,
  );
  await assert.doesNotReject(
    editor()
      .locator('.codelens-decoration', { hasText: `${toneTokens} tokens` })
      .first()
      .waitFor({ state: 'detached', timeout: WAIT }),
    'no CodeLens for the sections any more',
  );
  await shot('41-inlay-hints');
  // Back to CodeLens.
  await openFile('.vscode/settings.json');
  settings['promptbound.sectionCounts'] = 'codelens';
  await page.evaluate((text) => navigator.clipboard.writeText(text), JSON.stringify(settings, null, 2));
  await page.keyboard.press('Control+1');
  await page.keyboard.press('Control+a');
  await page.keyboard.press('Control+v');
  await page.keyboard.press('Control+s');
  await openFile(REFUND);
  await assert.doesNotReject(
    editor()
      .locator('.codelens-decoration', { hasText: `${toneTokens} tokens` })
      .first()
      .waitFor({ timeout: WAIT }),
    'CodeLens are back',
  );
});

test('offline: no request left this machine', () => {
  assert.deepEqual(blocked, [], `blocked non-localhost requests: ${blocked.join(', ')}`);
});
