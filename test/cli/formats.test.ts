// Output formats through the real binary: json shape, SARIF against the official schema, GitHub annotations, -o, UTF-16 positions.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { RULE_IDS } from '../../core/rules/registry';
import { FIXTURES, assertNoStack, runCli, runMain, tempTree } from './helpers';
import { sarifValidator } from './sarif-schema';

const BROKEN = '---\nmodel: [gpt-4o\n---\nGreet the user.\n';
/** Expected fills in config: the prompts' `{{…}}` are template variables, so undeclared ones are reported. */
const BUDGETED = 'budget:\n  variables:\n    audience: 50\n';

describe('--format json', () => {
  it('has the documented shape', async () => {
    const result = await runMain(['--format', 'json', '--stats'], { cwd: path.join(FIXTURES, 'warnings') });
    assert.equal(result.status, 0, result.stderr);
    const report = JSON.parse(result.stdout);
    assert.equal(report.length, 1);
    const [file] = report;
    assert.equal(file.filePath, path.join(FIXTURES, 'warnings', 'vars.prompt.md'));
    assert.deepEqual(
      {
        errorCount: file.errorCount,
        warningCount: file.warningCount,
        infoCount: file.infoCount,
        fixableCount: file.fixableCount,
      },
      { errorCount: 0, warningCount: 1, infoCount: 0, fixableCount: 0 },
    );
    assert.deepEqual(
      file.messages.map((m: Record<string, unknown>) => [m.ruleId, m.severity, m.line, m.column, m.endLine, m.endColumn]),
      [['template/undefined-variable', 'warning', 3, 13, 3, 21]],
    );
    assert.equal(typeof file.messages[0].message, 'string');
    assert.equal(file.stats.model, 'gpt-4o');
    assert.equal(file.stats.encoding, 'o200k_base');
    assert.equal(file.stats.approximate, false);
    assert.ok(file.stats.tokens > 0);
    assert.equal(file.stats.context, 128000);
  });

  it('leaves stats out without --stats', async () => {
    const result = await runMain(['--format', 'json'], { cwd: path.join(FIXTURES, 'warnings') });
    assert.equal(JSON.parse(result.stdout)[0].stats, undefined);
  });
});

describe('positions', () => {
  it('are 1-based with UTF-16 columns after astral characters, ZWJ emoji, CJK and CRLF lines', async () => {
    // a(1) 𐐀(2) b(1) ␠(1) 👨‍👩‍👧(8) ␠(1) 漢字(2) ␠(1) {{(2) = 19 code units before `topic`: column 20.
    const text = '---\r\nmodel: gpt-4o\r\n---\r\n# Title\r\n\r\na𐐀b 👨‍👩‍👧 漢字 {{topic}}\r\n';
    const { dir, cleanup } = tempTree({ 'unicode.prompt.md': text, '.promptbound.yaml': BUDGETED });
    try {
      const json = await runMain(['--format', 'json'], { cwd: dir });
      const [message] = JSON.parse(json.stdout)[0].messages;
      assert.deepEqual([message.line, message.column, message.endLine, message.endColumn], [6, 20, 6, 25]);
      const stylish = await runMain([], { cwd: dir });
      assert.match(stylish.stdout, /\n {2}6:20 +warning +Variable 'topic'/);
      const github = await runMain(['--format', 'github'], { cwd: dir });
      assert.match(
        github.stdout,
        /^::warning file=unicode\.prompt\.md,line=6,col=20,endLine=6,endColumn=25,title=template\/undefined-variable::/m,
      );
    } finally {
      cleanup();
    }
  });

  it('a BOM does not shift columns', async () => {
    const { dir, cleanup } = tempTree({ 'bom.prompt.md': '\ufeffSay {{x}}.\n', '.promptbound.yaml': BUDGETED });
    try {
      const [message] = JSON.parse((await runMain(['--format', 'json'], { cwd: dir })).stdout)[0].messages;
      assert.deepEqual([message.line, message.column], [1, 7]);
    } finally {
      cleanup();
    }
  });
});

describe('--format github', () => {
  it('prints at most 10 annotations per severity and a pointer to the rest', async () => {
    const files: Record<string, string> = {};
    for (let i = 0; i < 11; i++) files[`e${String(i).padStart(2, '0')}.prompt.md`] = BROKEN;
    files['w.prompt.md'] = Array.from({ length: 12 }, (_, i) => `Use {{v${String(i).padStart(2, '0')}}}.`).join('\n') + '\n';
    files['.promptbound.yaml'] = BUDGETED;
    const { dir, cleanup } = tempTree(files);
    try {
      const totals = (
        JSON.parse((await runMain(['--format', 'json'], { cwd: dir })).stdout) as Array<{
          errorCount: number;
          warningCount: number;
        }>
      ).reduce((sum, f) => ({ errors: sum.errors + f.errorCount, warnings: sum.warnings + f.warningCount }), {
        errors: 0,
        warnings: 0,
      });
      assert.ok(totals.errors >= 11 && totals.warnings >= 12, JSON.stringify(totals));
      const result = await runMain(['--format', 'github'], { cwd: dir });
      assert.equal(result.status, 1);
      const lines = result.stdout.trimEnd().split('\n');
      assert.equal(lines.filter((l) => l.startsWith('::error ')).length, 10);
      assert.equal(lines.filter((l) => l.startsWith('::warning ')).length, 10);
      const more = (n: number, noun: string) => `${n} more ${noun}${n === 1 ? '' : 's'}`;
      assert.equal(
        lines.at(-1),
        `::notice title=promptbound::${more(totals.errors - 10, 'error')}, ${more(totals.warnings - 10, 'warning')} not shown: ` +
          'GitHub displays at most 10 annotations per severity per step. ' +
          'Run promptbound with --format sarif (code scanning) or --format json for the full list.',
      );
      assert.ok(
        lines
          .slice(0, 10)
          .every((l) =>
            /^::error file=e\d\d\.prompt\.md,line=\d+,col=\d+,endLine=\d+,endColumn=\d+,title=frontmatter\/syntax::/.test(l),
          ),
      );
    } finally {
      cleanup();
    }
  });

  it('escapes `,` and `:` in properties and `%`/newlines in messages', async () => {
    const { dir, cleanup } = tempTree({ 'a,b:c%.prompt.md': 'Use {{x}}.\n', '.promptbound.yaml': BUDGETED });
    try {
      const result = await runMain(['--format', 'github'], { cwd: dir });
      assert.match(
        result.stdout,
        /^::warning file=a%2Cb%3Ac%25\.prompt\.md,line=1,col=7,endLine=1,endColumn=8,title=template\/undefined-variable::Variable 'x'/m,
      );
    } finally {
      cleanup();
    }
  });

  it('prints nothing for a clean run', async () => {
    assert.equal((await runMain(['--format', 'github'], { cwd: path.join(FIXTURES, 'clean') })).stdout, '');
  });
});

describe('--format sarif', () => {
  const validate = sarifValidator();

  async function sarifOf(cwd: string, args: string[] = []) {
    const result = await runMain(['--format', 'sarif', ...args], { cwd });
    assertNoStack(result.stderr);
    const log = JSON.parse(result.stdout);
    assert.equal(validate(log), undefined);
    return { log, status: result.status };
  }

  it('validates against the SARIF 2.1.0 schema and lists every rule', async () => {
    const { log, status } = await sarifOf(path.join(FIXTURES, 'errors'));
    assert.equal(status, 1);
    assert.equal(log.version, '2.1.0');
    const [run] = log.runs;
    assert.equal(run.columnKind, 'utf16CodeUnits');
    const rules = run.tool.driver.rules as Array<{
      id: string;
      helpUri: string;
      shortDescription: { text: string };
      defaultConfiguration: { level: string };
    }>;
    assert.deepEqual(rules.map((r) => r.id).slice(0, RULE_IDS.length), [...RULE_IDS]);
    for (const rule of rules) {
      assert.match(rule.helpUri, new RegExp(`/docs/rules/${rule.id}\\.md$`));
      assert.ok(['error', 'warning', 'note'].includes(rule.defaultConfiguration.level));
    }
    assert.match(run.originalUriBaseIds['%SRCROOT%'].uri, /^file:\/\/.*\/$/);
    const [result] = run.results;
    assert.equal(rules[result.ruleIndex].id, result.ruleId);
    assert.equal(result.level, 'error');
    const location = result.locations[0].physicalLocation;
    // Repository-relative: the fixture lives in this repository, so the path starts at its root.
    assert.deepEqual(location.artifactLocation, { uri: 'test/fixtures/cli/errors/broken.prompt.md', uriBaseId: '%SRCROOT%' });
    assert.ok(location.region.startLine >= 1 && location.region.startColumn >= 1);
  });

  it('a clean run is valid SARIF with no results; infos become notes; odd file names are URI-encoded', async () => {
    assert.deepEqual((await sarifOf(path.join(FIXTURES, 'clean'))).log.runs[0].results, []);
    const { dir, cleanup } = tempTree({
      'sub dir/ü #1.prompt.md': 'Use {{x}}.\n',
      'junk.prompt.md': Buffer.from([0, 1, 2]),
      '.promptbound.yaml': BUDGETED,
    });
    try {
      const { log } = await sarifOf(dir);
      const [run] = log.runs;
      assert.equal(run.results[0].locations[0].physicalLocation.artifactLocation.uri, 'sub%20dir/%C3%BC%20%231.prompt.md');
      assert.equal(run.invocations[0].toolExecutionNotifications[0].message.text, 'skipped: binary file');
    } finally {
      cleanup();
    }
  });
});

describe('-o FILE', () => {
  it('writes the report to the file and nothing to stdout', async () => {
    const { dir, cleanup } = tempTree({ 'w.prompt.md': 'Use {{x}}.\n', '.promptbound.yaml': BUDGETED });
    try {
      const result = await runMain(['-o', 'report.json', '--format', 'json'], { cwd: dir });
      assert.equal(result.status, 0);
      assert.equal(result.stdout, '');
      assert.equal(JSON.parse(readFileSync(path.join(dir, 'report.json'), 'utf8'))[0].warningCount, 1);
      const failed = await runMain(['-o', path.join(dir, 'no', 'such', 'dir', 'r.txt')], { cwd: dir });
      assert.equal(failed.status, 2);
      assert.match(failed.stderr, /cannot write the report to .*r\.txt \(ENOENT\)/);
    } finally {
      cleanup();
    }
  });
});

describe('colours', () => {
  it('are off when piped, forced by FORCE_COLOR, disabled by NO_COLOR', () => {
    const cwd = path.join(FIXTURES, 'warnings');
    assert.doesNotMatch(runCli([], { cwd }).stdout, /\u001b\[/);
    assert.match(runCli([], { cwd, env: { FORCE_COLOR: '1' } }).stdout, /\u001b\[33mwarning/);
    assert.doesNotMatch(runCli([], { cwd, env: { NO_COLOR: '1' } }).stdout, /\u001b\[/);
  });
});
