// The rows of a hostile repository through the real binary: each finishes in bounded time with a located message and no stack trace.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { chmodSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { assertNoStack, assertOutput, BIN, runCli, tempTree, type Expected } from './helpers';

const HOSTILE_SAMPLE = JSON.stringify({ a: `${'a'.repeat(30)}!` });
const NESTED = '['.repeat(4_500) + ']'.repeat(4_500);

const FILES: Record<string, string> = {
  'pattern/p.prompt.md':
    '---\nconstraints:\n  schema:\n    type: object\n    properties:\n      a: {type: string, pattern: "^(?=a)(a+)+$"}\n---\nSay a.\n',
  'pattern/p.sample.json': HOSTILE_SAMPLE,
  'pattern/q.prompt.md': '---\nconstraints:\n  pattern: {regex: "^(?=a)(a+)+$", fullMatch: true}\n---\nSay a.\n',
  'pattern/q.sample.txt': `${'a'.repeat(30)}!`,
  'deep/d.prompt.md': '---\nconstraints:\n  format: json\n---\nAnswer in JSON.\n',
  'deep/d.sample.json': NESTED,
  'deep/lines.jsonl': `"ok"\n${NESTED}\n`,
  'cycle/c.prompt.md': '---\nconstraints:\n  schema: ./a.schema.json\n---\nAnswer in JSON.\n',
  'cycle/a.schema.json': '{"$ref": "./b.schema.json"}',
  'cycle/b.schema.json': '{\n  "$ref": "./a.schema.json"\n}',
  'cycle/c.sample.json': '{"x": 1}',
  'self/s.prompt.md': '---\nconstraints:\n  schema: ./s.schema.json\n---\nAnswer in JSON.\n',
  'self/s.schema.json': '{"$ref": "./s.schema.json"}',
  'big/m.prompt.md': '---\nconstraints:\n  schema:\n    type: number\n    maximum: 1e400\n---\nA number.\n',
  'secret/creds.json': '{"token": "abcdefghijklmnopq", "properties": {}}',
  'repo/.git/HEAD': 'ref: refs/heads/main\n',
  'repo/o.prompt.md': '---\nconstraints:\n  schema: ../secret/creds.json\n---\nSay.\n',
  'repo/ref.prompt.md': '---\nconstraints:\n  schema: ./ref.schema.json\n---\nSay.\n',
  'repo/ref.schema.json': '{"properties": {"a": {"$ref": "../secret/creds.json"}}}',
};

interface Case {
  name: string;
  args: string[];
  cwd: string;
  exitCode: number;
  stdout?: Expected;
  stderr?: Expected;
}

const CASES: Case[] = [
  {
    name: 'check: a look-ahead pattern with nested quantifiers gives up in its budget, located at the value',
    args: ['check', '.'],
    cwd: 'pattern',
    exitCode: 1,
    stdout: [
      /p\.sample\.json\n  1:6  error  pattern "\^\(\?=a\)\(a\+\)\+\$" could not be checked on this value: matching gave up after 1,000,000 backtracking steps/,
      /q\.sample\.txt\n  1:1  error  pattern \/\^\(\?=a\)\(a\+\)\+\$\/ could not be checked/,
    ],
  },
  {
    name: 'validate: the same pattern, bounded',
    args: ['validate', '--prompt', 'p.prompt.md', 'p.sample.json'],
    cwd: 'pattern',
    exitCode: 1,
    stdout: [/schema  ✗  pattern .* could not be checked on this value.*  1:6/],
  },
  {
    name: 'check: a sample nested 4,500 levels deep is "nesting too deep" at the 513th bracket',
    args: ['check', 'd.prompt.md'],
    cwd: 'deep',
    exitCode: 1,
    stdout: [
      'd.sample.json\n  1:513  error  does not parse as JSON (nesting too deep: more than 512 levels are not parsed)  sample/not-json',
    ],
  },
  {
    name: 'validate: a deep completion and a deep JSON Lines line are located, not a RangeError',
    args: ['validate', '--prompt', 'd.prompt.md', 'd.sample.json', 'lines.jsonl'],
    cwd: 'deep',
    exitCode: 1,
    stdout: [
      'json  ✗  does not parse as JSON (nesting too deep: more than 512 levels are not parsed)  1:513',
      'lines.jsonl#2  ✗',
      'line 2: nesting too deep (more than 512 levels); not read  2:513',
    ],
  },
  {
    name: 'check: two schemas whose $refs point at each other are a located schema/invalid',
    args: ['check', '.'],
    cwd: 'cycle',
    exitCode: 1,
    stdout: [
      'b.schema.json\n  2:11  error  $ref "./a.schema.json" closes a cycle of references that never descends into the value',
    ],
  },
  {
    name: 'validate: the cycle makes the schema unusable (exit 2, no stack trace)',
    args: ['validate', '--prompt', 'c.prompt.md', 'c.sample.json'],
    cwd: 'cycle',
    exitCode: 2,
    stderr: ['the output schema of c.prompt.md cannot be used', 'closes a cycle of references'],
  },
  {
    name: 'check: a schema referring to itself',
    args: ['check', '.'],
    cwd: 'self',
    exitCode: 1,
    stdout: ['s.schema.json\n  1:10  error  $ref "./s.schema.json" closes a cycle'],
  },
  {
    name: 'check: maximum: 1e400 says the number is out of range, at the number',
    args: ['check', '.'],
    cwd: 'big',
    exitCode: 1,
    stdout: ['5:14  error  number out of range: it does not fit a 64-bit float'],
  },
  {
    name: 'check: a schema path outside the repository is not read (no key names or lengths leak)',
    args: ['check', 'o.prompt.md'],
    cwd: 'repo',
    exitCode: 1,
    stdout: [
      /3:11  error  schema \.\.\/secret\/creds\.json is outside the root \S*repo and is not read; list its folder under allowOutsideRoot/,
    ],
  },
  {
    name: 'check: a $ref outside the repository is not read, located at the $ref',
    args: ['check', 'ref.prompt.md'],
    cwd: 'repo',
    exitCode: 1,
    stdout: [/ref\.schema\.json\n  1:31  error  \$ref "\.\.\/secret\/creds\.json" is outside the root/],
  },
  {
    name: 'validate: the schema outside the repository is not read either',
    args: ['validate', '--prompt', 'o.prompt.md', 'ref.schema.json'],
    cwd: 'repo',
    exitCode: 2,
    stderr: [/the output schema of o\.prompt\.md cannot be used:\n  .*schema \.\.\/secret\/creds\.json is outside the root/],
  },
];

describe('CLI: hostile repositories', () => {
  let dir: string;
  let cleanup: () => void;
  before(() => ({ dir, cleanup } = tempTree(FILES)));
  after(() => cleanup());

  for (const c of CASES) {
    it(c.name, () => {
      const result = runCli(c.args, { cwd: path.join(dir, c.cwd), timeout: 30_000 });
      assertNoStack(result.stdout + result.stderr);
      assert.equal(result.status, c.exitCode, `exit code; stdout:\n${result.stdout}\nstderr:\n${result.stderr}`);
      if (c.stdout) assertOutput(result.stdout, c.stdout, 'stdout');
      if (c.stderr) assertOutput(result.stderr, c.stderr, 'stderr');
      assert.doesNotMatch(result.stdout, /"token"|17 characters/, 'nothing of the secret file shows');
    });
  }
});

describe('CLI: root confinement', () => {
  let dir: string;
  before(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'promptbound-root-'));
    for (const [name, content] of Object.entries(FILES)) {
      if (!name.startsWith('secret/') && !name.startsWith('repo/')) continue;
      mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
      writeFileSync(path.join(dir, name), content);
    }
    symlinkSync(path.join(dir, 'secret', 'creds.json'), path.join(dir, 'repo', 'link.json'));
    writeFileSync(path.join(dir, 'repo', 'l.prompt.md'), '---\nconstraints:\n  schema: ./link.json\n---\nSay.\n');
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('a symbolic link inside the root to a file outside it is resolved first and refused', () => {
    const result = runCli(['check', 'l.prompt.md'], { cwd: path.join(dir, 'repo') });
    assert.equal(result.status, 1);
    assert.match(
      result.stdout,
      /3:11  error  schema \.\/link\.json is outside the root \S*repo \(a symbolic link to \S*secret\/creds\.json\) and is not read/,
    );
    assert.doesNotMatch(result.stdout, /"token"/);
  });

  it('a named pipe or a link to /dev/zero is reported when named and skipped by a walk, never read', () => {
    const special = path.join(dir, 'special');
    mkdirSync(special, { recursive: true });
    spawnSync('mkfifo', [path.join(special, 'f.prompt.md')]);
    symlinkSync('/dev/zero', path.join(special, 'z.prompt.md'));
    writeFileSync(path.join(special, 'p.prompt.md'), '---\nmodel: gpt-4o\n---\nHi.\n');
    const named = runCli(['check', 'f.prompt.md', 'z.prompt.md', 'p.prompt.md'], { cwd: special, timeout: 20_000 });
    assert.equal(named.status, 1, named.stderr);
    assert.match(named.stdout, /f\.prompt\.md\n  1:1  error  not read: a named pipe, not a regular file/);
    assert.match(named.stdout, /z\.prompt\.md\n  1:1  error  not read: a character device, not a regular file/);
    const walked = runCli(['check', '.'], { cwd: special, timeout: 20_000 });
    assert.equal(walked.status, 0, walked.stdout + walked.stderr);
    const counted = runCli(['count', 'z.prompt.md'], { cwd: special, timeout: 20_000 });
    assert.equal(counted.status, 2);
    assert.match(counted.stderr, /z\.prompt\.md: not read: a character device/);
    assertNoStack(named.stdout + named.stderr + counted.stderr);
  });

  it('allowOutsideRoot lists folders that may be read; true allows any local file', () => {
    writeFileSync(path.join(dir, 'repo', '.promptbound.yaml'), 'allowOutsideRoot: [../secret]\n');
    const listed = runCli(['check', 'o.prompt.md', 'l.prompt.md'], { cwd: path.join(dir, 'repo') });
    assert.doesNotMatch(listed.stdout, /outside the root/);
    assert.match(listed.stdout, /unknown keyword "token" is ignored/, 'the allowed schema is read and checked');
    writeFileSync(path.join(dir, 'repo', '.promptbound.yaml'), 'allowOutsideRoot: [../elsewhere]\n');
    assert.match(runCli(['check', 'o.prompt.md'], { cwd: path.join(dir, 'repo') }).stdout, /outside the root/);
    writeFileSync(path.join(dir, 'repo', '.promptbound.yaml'), 'allowOutsideRoot: true\n');
    assert.doesNotMatch(runCli(['check', 'o.prompt.md'], { cwd: path.join(dir, 'repo') }).stdout, /outside the root/);
    writeFileSync(path.join(dir, 'repo', '.promptbound.yaml'), 'allowOutsideRoot: yes please\n');
    const invalid = runCli(['check', 'o.prompt.md'], { cwd: path.join(dir, 'repo') });
    assert.equal(invalid.status, 2);
    assert.match(invalid.stderr, /\.promptbound\.yaml:1:\d+: .*allowOutsideRoot/);
    rmSync(path.join(dir, 'repo', '.promptbound.yaml'));
  });

  it('the folder holding .promptbound.yaml is the root even without git', () => {
    const plain = mkdtempSync(path.join(tmpdir(), 'promptbound-nogit-'));
    try {
      mkdirSync(path.join(plain, 'project', 'prompts'), { recursive: true });
      writeFileSync(path.join(plain, 'outside.json'), '{"type": "string"}');
      writeFileSync(path.join(plain, 'project', 'shared.json'), '{"type": "string"}');
      writeFileSync(path.join(plain, 'project', '.promptbound.yaml'), 'model: gpt-4o\n');
      writeFileSync(
        path.join(plain, 'project', 'prompts', 'in.prompt.md'),
        '---\nconstraints:\n  schema: ../shared.json\n---\nSay.\n',
      );
      writeFileSync(
        path.join(plain, 'project', 'prompts', 'out.prompt.md'),
        '---\nconstraints:\n  schema: ../../outside.json\n---\nSay.\n',
      );
      const result = runCli(['check', '.'], { cwd: path.join(plain, 'project', 'prompts') });
      assert.doesNotMatch(result.stdout, /in\.prompt\.md/);
      assert.match(
        result.stdout,
        /out\.prompt\.md\n  3:11  error  schema \.\.\/\.\.\/outside\.json is outside the root \S*project and is not read/,
      );
    } finally {
      rmSync(plain, { recursive: true, force: true });
    }
  });
});

describe('CLI: unreadable files', () => {
  let dir: string;
  before(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'promptbound-perm-'));
    chmodSync(dir, 0o755);
    mkdirSync(path.join(dir, '.git'));
    writeFileSync(path.join(dir, 'q.prompt.md'), '---\nconstraints:\n  schema: ./s.schema.json\n---\nAnswer in JSON.\n');
    writeFileSync(path.join(dir, 's.schema.json'), '{}');
    writeFileSync(path.join(dir, 'q.sample.json'), '{}');
    chmodSync(path.join(dir, 's.schema.json'), 0o000);
    chmodSync(path.join(dir, 'q.sample.json'), 0o000);
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('a schema and a sample without read permission are reported as permission denied', () => {
    // root reads any file whatever its mode: then run as an unprivileged user, so the denial is real either way.
    const asRoot = process.getuid?.() === 0;
    const result = asRoot
      ? spawnSync(process.execPath, [BIN, 'check', '.'], {
          cwd: dir,
          uid: 65534,
          gid: 65534,
          encoding: 'utf8',
          env: { PATH: process.env.PATH ?? '' },
        })
      : spawnSync(process.execPath, [BIN, 'check', '.'], { cwd: dir, encoding: 'utf8' });
    const out = `${result.stdout}${result.stderr}`;
    assertNoStack(out);
    assert.match(
      result.stdout,
      /3:11  error  schema file \.\/s\.schema\.json cannot be read: permission denied  schema\/unresolved-ref/,
    );
    assert.match(result.stdout, /q\.sample\.json\n  1:1  error  sample file cannot be read: permission denied/);
  });
});
