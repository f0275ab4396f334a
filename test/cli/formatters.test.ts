// Formatters, argument parsing, fix selection and the progress line, in-process on hand-made data (exact output).
import { describe, it } from 'node:test';
import { availableParallelism } from 'node:os';
import assert from 'node:assert/strict';
import path from 'node:path';
import { formatStylish } from '../../cli/formatters/stylish';
import { formatGithub, escapeData, escapeProperty } from '../../cli/formatters/github';
import { formatJson } from '../../cli/formatters/json';
import { formatJunit } from '../../cli/formatters/junit';
import { spawnSync } from 'node:child_process';
import { fileReport, type Report, type ReportMessage } from '../../cli/report';
import { parseCommandLine, UsageError } from '../../cli/args';
import { pickSafeEdits } from '../../cli/fix';
import { progress } from '../../cli/progress';
import { useColor } from '../../cli/color';
import type { Diagnostic } from '../../core/diagnostic';

const CWD = path.resolve('/repo');

function message(partial: Partial<ReportMessage> & Pick<ReportMessage, 'line' | 'column' | 'severity'>): ReportMessage {
  return {
    ruleId: 'template/undefined-variable',
    message: 'A problem',
    endLine: partial.line,
    endColumn: partial.column + 1,
    fixes: [],
    ...partial,
  };
}

function report(files: Array<[string, ReportMessage[]]>, showStats = false): Report {
  return { files: files.map(([name, messages]) => fileReport(path.join(CWD, name), messages)), cwd: CWD, root: CWD, showStats };
}

describe('stylish', () => {
  it('aligns rows per file, collapses line breaks and sums up', () => {
    const text = formatStylish(
      report([
        [
          'prompts/a.prompt.md',
          [
            message({ line: 12, column: 1, severity: 'error', ruleId: 'frontmatter/syntax', message: 'Bad:\nsecond line' }),
            message({ line: 3, column: 10, severity: 'warning', message: "Variable 'x' is not declared" }),
          ],
        ],
        [
          'b.prompt.md',
          [message({ line: 1, column: 1, severity: 'info', ruleId: 'template/unused-variable', message: '漢字 unused' })],
        ],
      ]),
      { color: false },
    );
    assert.equal(
      text,
      [
        '',
        `prompts${path.sep}a.prompt.md`,
        "  3:10  warning  Variable 'x' is not declared  template/undefined-variable",
        '  12:1  error    Bad: second line              frontmatter/syntax',
        '',
        'b.prompt.md',
        '  1:1  info  漢字 unused  template/unused-variable',
        '',
        '✖ 3 problems (1 error, 1 warning, 1 info)',
        '',
      ].join('\n'),
    );
  });

  it('prints nothing for a clean run and counts fixable problems', () => {
    assert.equal(formatStylish(report([['a.prompt.md', []]]), { color: false }), '');
    const fix = { title: 'Replace', safe: true, edits: [] };
    const text = formatStylish(report([['a.prompt.md', [message({ line: 1, column: 1, severity: 'error', fixes: [fix] })]]]), {
      color: false,
    });
    assert.match(text, /\n {2}1 problem potentially fixable with the `--fix` option\.\n$/);
  });

  it('a file-level problem has no rule id column', () => {
    const fatal: ReportMessage = {
      ...message({ line: 1, column: 1, severity: 'error' }),
      ruleId: null,
      message: 'skipped: binary file',
      fatal: true,
    };
    assert.match(
      formatStylish(report([['x.prompt.md', [fatal]]]), { color: false }),
      /\n {2}1:1 {2}error {2}skipped: binary file\n/,
    );
  });

  it('the --stats table marks approximate counts with ≈', () => {
    const r = report([['a.prompt.md', []]], true);
    r.files[0].stats = {
      model: 'claude-sonnet-4-5',
      resolvedModel: 'claude-sonnet-4-5',
      encoding: 'o200k_base',
      approximate: true,
      tokens: 1234,
      overhead: 0,
      variables: 0,
      input: 1234,
      inputBudget: 136000,
      budgetUse: 1234 / 136000,
      output: 64000,
      context: 200000,
      messages: [],
      sections: [],
    };
    assert.equal(
      formatStylish(r, { color: false }),
      [
        '',
        'file         tokens  model              budget  output  context',
        'a.prompt.md  ≈1,234  claude-sonnet-4-5    0.9%     64k     200k',
        '',
      ].join('\n'),
    );
  });
});

describe('github', () => {
  it('escapes data and properties as the workflow-command parser expects', () => {
    assert.equal(escapeData('100% done\r\nnext'), '100%25 done%0D%0Anext');
    assert.equal(escapeProperty('a,b:c%'), 'a%2Cb%3Ac%25');
    const text = formatGithub(
      report([['dir/a,b:c.prompt.md', [message({ line: 2, column: 3, severity: 'warning', message: 'x: 5%, y\nz' })]]]),
    );
    assert.equal(
      text,
      '::warning file=dir/a%2Cb%3Ac.prompt.md,line=2,col=3,endLine=2,endColumn=4,title=template/undefined-variable::x: 5%25, y%0Az\n',
    );
  });

  it('keeps one notice slot for the pointer when infos are cut', () => {
    const infos = Array.from({ length: 12 }, (_, i) => message({ line: i + 1, column: 1, severity: 'info' }));
    const lines = formatGithub(report([['a.prompt.md', infos]]))
      .trimEnd()
      .split('\n');
    assert.equal(lines.length, 10);
    assert.equal(lines.filter((l) => l.startsWith('::notice file=')).length, 9);
    assert.match(lines[9], /^::notice title=promptbound::3 more infos not shown/);
  });
});

describe('json', () => {
  it('prefers the safe fix and lists the others as suggestions', () => {
    const unsafe = { title: 'Maybe', safe: false, edits: [] };
    const safe = { title: 'Surely', safe: true, edits: [] };
    const [file] = JSON.parse(
      formatJson(report([['a.prompt.md', [message({ line: 1, column: 1, severity: 'error', fixes: [unsafe, safe] })]]])),
    );
    assert.equal(file.messages[0].fix.title, 'Surely');
    assert.deepEqual(
      file.messages[0].suggestions.map((s: { title: string }) => s.title),
      ['Maybe'],
    );
    assert.equal(file.fixableCount, 1);
  });
});

describe('junit', () => {
  it('one suite per file, a failure per error or warning, a skipped case per info, a passing case for a clean file', () => {
    const xml = formatJunit(
      report([
        ['a.prompt.md', [message({ line: 2, column: 3, severity: 'error', message: 'Needs <5> & "more" ]]> \u0007tokens' })]],
        ['b.prompt.md', [message({ line: 1, column: 1, severity: 'info' })]],
        ['c.prompt.md', []],
      ]),
    );
    // Python's XML parser (a real one, not ours) must accept it; it prints what it read back.
    const parsed = spawnSync(
      'python3',
      [
        '-c',
        'import sys, xml.etree.ElementTree as E\nr=E.fromstring(sys.stdin.read())\nfor s in r: print(s.get("name"), s.get("tests"), s.get("failures"), s.get("skipped"), [c.find("failure").get("message") if c.find("failure") is not None else ("skipped" if c.find("skipped") is not None else "ok") for c in s])',
      ],
      { input: xml, encoding: 'utf8' },
    );
    assert.equal(parsed.status, 0, parsed.stderr);
    assert.equal(
      parsed.stdout,
      [
        'a.prompt.md 1 1 0 [\'Needs <5> & "more" ]]> tokens\']',
        "b.prompt.md 1 0 1 ['skipped']",
        "c.prompt.md 1 0 0 ['ok']",
        '',
      ].join('\n'),
    );
  });
});

describe('argument parsing', () => {
  it('defaults to check on the current folder', () => {
    assert.deepEqual(parseCommandLine([]), {
      command: 'check',
      targets: ['.'],
      format: 'stylish',
      model: undefined,
      config: undefined,
      maxWarnings: undefined,
      quiet: false,
      fix: false,
      stats: false,
      samples: true,
      output: undefined,
      shard: undefined,
      cache: false,
      cacheLocation: undefined,
      jobs: availableParallelism(),
    });
  });

  it('reads every check flag', () => {
    const args = parseCommandLine([
      ...[
        'check',
        'a',
        'b/**',
        '-f',
        'sarif',
        '-m',
        'gpt-4o',
        '-c',
        'x.yaml',
        '--max-warnings',
        '3',
        '-q',
        '--fix',
        '--stats',
        '-o',
        'out.sarif',
      ],
      ...['--shard', '2/3', '--cache-location', '.cache/', '-j', '4'],
    ]);
    assert.deepEqual(args, {
      command: 'check',
      targets: ['a', 'b/**'],
      format: 'sarif',
      model: 'gpt-4o',
      config: 'x.yaml',
      maxWarnings: 3,
      quiet: true,
      fix: true,
      stats: true,
      samples: true,
      output: 'out.sarif',
      shard: { index: 2, count: 3 },
      cache: true,
      cacheLocation: '.cache/',
      jobs: 4,
    });
  });

  it('turns every mistake into a UsageError', () => {
    const mistakes = [
      ['--nope'],
      ['count', '--format', 'json'],
      ['models', 'extra'],
      ['--max-warnings', '1.5'],
      ['--model', ''],
      ['lsp'],
    ];
    mistakes.push(
      ['--jobs', '0'],
      ['--shard', '3/2'],
      ['merge'],
      ['merge', '-f', 'xml', 'a.json'],
      ['merge', '--sarif-runs', 'some', 'a'],
    );
    for (const argv of mistakes) {
      assert.throws(() => parseCommandLine(argv), UsageError, argv.join(' '));
    }
  });

  it('--help anywhere shows help for that command', () => {
    assert.deepEqual(parseCommandLine(['--help']), { command: 'help', topic: undefined });
    assert.deepEqual(parseCommandLine(['count', '-h']), { command: 'help', topic: 'count' });
  });
});

describe('fix selection', () => {
  const diagnostic = (offset: number, length: number, newText: string, safe = true): Diagnostic => ({
    ruleId: 'r/x',
    severity: 'error',
    message: 'm',
    offset,
    length,
    fixes: [{ title: 't', safe, edits: [{ offset, length, newText }] }],
  });

  it('takes safe, non-overlapping fixes in file order', () => {
    const edits = pickSafeEdits([
      diagnostic(10, 5, 'b'),
      diagnostic(0, 3, 'a'),
      diagnostic(12, 1, 'overlaps'),
      diagnostic(20, 0, 'unsafe', false),
      diagnostic(30, 0, 'x'),
      diagnostic(30, 0, 'y'),
    ]);
    assert.deepEqual(
      edits.map((e) => e.newText),
      ['a', 'b', 'x'],
    );
  });

  it('ignores fixes for diagnostics in other files', () => {
    assert.deepEqual(pickSafeEdits([{ ...diagnostic(0, 1, 'a'), uri: '/elsewhere.json' }]), []);
  });
});

describe('terminal behaviour', () => {
  it('colour: FORCE_COLOR beats NO_COLOR beats the TTY', () => {
    assert.equal(useColor({}, true), true);
    assert.equal(useColor({}, false), false);
    assert.equal(useColor({ NO_COLOR: '1' }, true), false);
    assert.equal(useColor({ FORCE_COLOR: '1' }, false), true);
    assert.equal(useColor({ FORCE_COLOR: '0' }, true), false);
  });

  it('the progress line appears only on a terminal, after a while, and is cleared', () => {
    let clock = 0;
    let written = '';
    const stream = { write: (s: string) => (written += s) };
    const meter = progress(stream, true, 3, 'linting', () => clock);
    meter.tick();
    clock = 1000;
    meter.tick();
    meter.done();
    assert.equal(written, '\rlinting 2/3 files\u001b[K\r\u001b[K');
    written = '';
    const silent = progress(stream, false, 3, 'linting', () => (clock += 1000));
    silent.tick();
    silent.done();
    assert.equal(written, '');
  });
});
