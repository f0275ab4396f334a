// SARIF for code scanning: rule metadata (name, full description, help from the docs page, a help link pinned to the
// version), fingerprints that survive moved lines, snippets — and the whole log checked by Microsoft's SARIF validator
// (Sarif.Multitool, the .NET tool inside the @microsoft/sarif-multitool npm package) with its SARIF and GitHub rules.
import { before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { chmodSync, constants, accessSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { RULE_IDS } from '../../core/rules/registry';
import { REPO, runMain, tempTree } from './helpers';
import { sarifValidator } from './sarif-schema';

const VERSION = JSON.parse(readFileSync(path.join(REPO, 'package.json'), 'utf8')).version as string;

interface Rule {
  id: string;
  name: string;
  shortDescription: { text: string };
  fullDescription: { text: string };
  help: { text: string; markdown: string };
  helpUri: string;
}

async function sarifOf(args: string[], cwd: string) {
  const result = await runMain(['check', '--format', 'sarif', ...args], { cwd });
  const log = JSON.parse(result.stdout);
  assert.equal(sarifValidator()(log), undefined, 'valid against the SARIF 2.1.0 JSON Schema');
  return log;
}

const collapse = (text: string) => text.replace(/\s+/g, ' ').trim();

describe('SARIF rule metadata', () => {
  let log: any;
  let rules: Rule[];
  before(async () => {
    log = await sarifOf(['examples'], REPO);
    rules = log.runs[0].tool.driver.rules as Rule[];
  });

  it('describes every registered rule with a name that is not its id, a full description and Markdown help from its docs page', () => {
    assert.deepEqual(rules.map((r) => r.id).slice(0, RULE_IDS.length), [...RULE_IDS]);
    for (const rule of rules) {
      const page = readFileSync(path.join(REPO, 'docs', 'rules', `${rule.id}.md`), 'utf8');
      assert.notEqual(rule.name, rule.id);
      // PascalCase of the id's words: budget/near-limit → BudgetNearLimit.
      assert.equal(rule.name.toLowerCase(), rule.id.replace(/[^a-z0-9]/gi, '').toLowerCase(), rule.id);
      assert.match(rule.name, /^[A-Z][A-Za-z0-9]*$/);
      assert.ok(rule.fullDescription.text.length > rule.shortDescription.text.length / 2, `${rule.id}: a real full description`);
      assert.ok(
        collapse(page).includes(collapse(rule.fullDescription.text)),
        `${rule.id}: the full description comes from its docs page`,
      );
      assert.ok(rule.help.markdown.includes('## When it triggers'), `${rule.id}: help is the docs page`);
      assert.ok(
        rule.help.markdown.includes(page.split('\n').slice(2).join('\n').trim().slice(0, 200)),
        `${rule.id}: the page's text`,
      );
      assert.equal(rule.helpUri, `https://github.com/promptbound/promptbound/blob/v${VERSION}/docs/rules/${rule.id}.md`);
      assert.ok(rule.help.text.includes(rule.helpUri));
    }
  });

  it('gives each result a snippet of the flagged text and a fingerprint', () => {
    const results = log.runs[0].results as Array<{
      ruleId: string;
      partialFingerprints: Record<string, string>;
      locations: Array<{ physicalLocation: { region: { snippet?: { text: string } } } }>;
    }>;
    assert.ok(results.length > 0);
    const typo = results.find((r) => r.ruleId === 'frontmatter/schema');
    assert.equal(
      typo?.locations[0]!.physicalLocation.region.snippet?.text,
      'wranAt',
      'the misspelt key of examples/pull-requests',
    );
    for (const result of results) assert.match(result.partialFingerprints['promptbound/v1']!, /^[0-9a-f]{32}:\d+$/);
  });
});

describe('SARIF fingerprints', () => {
  it('stay the same when lines are added above a finding, and tell two equal findings apart', async () => {
    const body = 'Use {{x}} here.\nAnd {{x}} again.\nUse {{x}} here.\n';
    const { dir, cleanup } = tempTree({ 'a.prompt.md': body });
    try {
      const fingerprints = async () =>
        (
          (await sarifOf(['a.prompt.md'], dir)).runs[0].results as Array<{
            ruleId: string;
            partialFingerprints: Record<string, string>;
            locations: Array<{ physicalLocation: { region: { startLine: number } } }>;
          }>
        )
          .filter((r) => r.ruleId === 'template/undefined-variable')
          .map((r) => ({
            line: r.locations[0]!.physicalLocation.region.startLine,
            print: r.partialFingerprints['promptbound/v1']!,
          }));
      const before = await fingerprints();
      assert.equal(before.length, 3);
      // Lines 1 and 3 are identical: same hash, counted :1 and :2; line 2 differs.
      assert.equal(before[0]!.print.split(':')[0], before[2]!.print.split(':')[0]);
      assert.deepEqual(
        before.map((b) => b.print.split(':')[1]),
        ['1', '1', '2'],
      );
      assert.notEqual(before[0]!.print, before[1]!.print);
      writeFileSync(path.join(dir, 'a.prompt.md'), `An introduction.\n\nSome more context for the model.\n${body}`);
      const after = await fingerprints();
      assert.deepEqual(
        after.map((a) => a.line),
        before.map((b) => b.line + 3),
        'the findings moved down three lines',
      );
      assert.deepEqual(
        after.map((a) => a.print),
        before.map((b) => b.print),
        'and kept their fingerprints',
      );
    } finally {
      cleanup();
    }
  });
});

/** Sarif.Multitool from the npm package; its postinstall only sets the executable bit, which is restored here if missing. */
function multitool(): string {
  const binary = path.join(path.dirname(require.resolve('@microsoft/sarif-multitool-linux/package.json')), 'Sarif.Multitool');
  try {
    accessSync(binary, constants.X_OK);
  } catch {
    chmodSync(binary, 0o755);
  }
  return binary;
}

/** Runs `Sarif.Multitool validate` with the SARIF and GitHub rule sets; answers the results it reports, by level. */
function validateWithMultitool(log: unknown): { errors: string[]; warnings: string[]; notes: string[] } {
  const dir = mkdtempSync(path.join(tmpdir(), 'promptbound-sarif-'));
  try {
    const input = path.join(dir, 'in.sarif');
    const output = path.join(dir, 'out.sarif');
    writeFileSync(input, JSON.stringify(log));
    // SARIF2006 fetches every URI in the log to see whether it answers: tests are offline, so it is turned off.
    writeFileSync(
      path.join(dir, 'config.json'),
      JSON.stringify({ 'SARIF2006.UrisShouldBeReachable.Options': { RuleEnabled: 'Disabled' } }),
    );
    const run = spawnSync(
      multitool(),
      [
        'validate',
        input,
        '-o',
        output,
        '-c',
        path.join(dir, 'config.json'),
        '--rule-kind',
        'Gh',
        'Sarif',
        '--level',
        'Error',
        'Warning',
        'Note',
        '--log',
        'ForceOverwrite',
      ],
      { encoding: 'utf8', timeout: 120_000, env: { ...process.env, DOTNET_CLI_TELEMETRY_OPTOUT: '1' } },
    );
    assert.equal(run.status, 0, `Sarif.Multitool failed:\n${run.stdout}\n${run.stderr}`);
    const report = JSON.parse(readFileSync(output, 'utf8'));
    const results = (report.runs[0].results ?? []) as Array<{
      ruleId: string;
      level?: string;
      message: { text?: string; id?: string };
    }>;
    const of = (level: string) => results.filter((r) => (r.level ?? 'warning') === level).map((r) => r.ruleId);
    return { errors: of('error'), warnings: of('warning'), notes: of('note') };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

describe('Sarif.Multitool (Microsoft SARIF SDK) validate, SARIF and GitHub rules', () => {
  it('reports no error and no warning on the examples log', async () => {
    const found = validateWithMultitool(await sarifOf(['examples'], REPO));
    assert.deepEqual(found.errors, []);
    assert.deepEqual(found.warnings, []);
    // Left: suggestions we do not take (message ids instead of text, one descriptor per hierarchical id, VCS provenance).
    assert.deepEqual([...new Set(found.notes)].sort(), ['SARIF2002', 'SARIF2003', 'SARIF2009']);
  });

  it('catches what the rule metadata used to lack (the validator really checks these)', async () => {
    const log = await sarifOf(['examples'], REPO);
    for (const rule of log.runs[0].tool.driver.rules as Array<Partial<Rule>>) {
      rule.name = rule.id;
      delete rule.fullDescription;
      delete rule.help;
    }
    const found = validateWithMultitool(log);
    assert.ok(found.errors.includes('GH2012'), 'GitHub requires fullDescription and help');
    assert.ok(found.warnings.includes('SARIF1001'), 'name must differ from id');
  });
});
