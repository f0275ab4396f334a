// action.yml (the composite GitHub Action) and its script, run locally the way the runner runs it: GITHUB_ACTION_PATH
// is this repository, GITHUB_WORKSPACE the checked-out project, inputs as INPUT_* variables, outputs to GITHUB_OUTPUT.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { REPO, tempTree } from './helpers';
import { sarifValidator } from './sarif-schema';

const BROKEN = '---\nmodel: gpt-4o\nbudget:\n  wranAt: 0.5\n---\nUse {{ticket}}.\n';

function runAction(workspace: string, inputs: Record<string, string>) {
  const outputs = path.join(workspace, 'github-output.txt');
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    GITHUB_ACTION_PATH: REPO,
    GITHUB_WORKSPACE: workspace,
    GITHUB_OUTPUT: outputs,
  };
  delete env.FORCE_COLOR;
  for (const [name, value] of Object.entries(inputs)) env[`INPUT_${name.toUpperCase().replace(/-/g, '_')}`] = value;
  const result = spawnSync('bash', [path.join(REPO, 'scripts', 'github-action.sh')], {
    cwd: REPO,
    env,
    encoding: 'utf8',
    timeout: 120_000,
  });
  let written = '';
  try {
    written = readFileSync(outputs, 'utf8');
  } catch {
    // no outputs written
  }
  return {
    status: result.status,
    stdout: result.stdout,
    stderr: result.stderr,
    outputs: Object.fromEntries(
      written
        .trim()
        .split('\n')
        .filter(Boolean)
        .map((l) => l.split(/=(.*)/s).slice(0, 2)),
    ),
  };
}

describe('action.yml', () => {
  it('is a composite action whose step runs the script with every input passed through', () => {
    const action = parse(readFileSync(path.join(REPO, 'action.yml'), 'utf8'));
    assert.equal(action.runs.using, 'composite');
    const [step] = action.runs.steps;
    assert.equal(step.shell, 'bash');
    assert.match(step.run, /scripts\/github-action\.sh/);
    for (const input of Object.keys(action.inputs)) {
      assert.equal(step.env[`INPUT_${input.toUpperCase().replace(/-/g, '_')}`], `\${{ inputs.${input} }}`, input);
    }
    assert.deepEqual(Object.keys(action.outputs).sort(), ['exit-code', 'sarif-file']);
  });

  it('writes valid SARIF, prints annotations, sets the outputs and fails the step on errors', () => {
    const { dir, cleanup } = tempTree({ 'prompts/a.prompt.md': BROKEN, 'prompts/ok.prompt.md': 'Fine.\n' });
    try {
      const result = runAction(dir, {
        paths: 'prompts',
        'sarif-file': 'out/../report.sarif',
        annotations: 'true',
        args: '--model gpt-4o',
      });
      assert.equal(result.status, 1, result.stderr);
      const log = JSON.parse(readFileSync(path.join(dir, 'report.sarif'), 'utf8'));
      assert.equal(sarifValidator()(log), undefined);
      assert.deepEqual(log.runs[0].results.map((r: { ruleId: string }) => r.ruleId).sort(), [
        'frontmatter/schema',
        'template/undefined-variable',
      ]);
      assert.match(
        result.stdout,
        /^::error file=prompts\/a\.prompt\.md,line=4,col=3,endLine=4,endColumn=9,title=frontmatter\/schema::budget\.wranAt is not a budget key; did you mean warnAt\?$/m,
      );
      assert.deepEqual(result.outputs, { 'sarif-file': 'out/../report.sarif', 'exit-code': '1' });
    } finally {
      cleanup();
    }
  });

  it('passes on a clean project; annotations can be turned off; a usage error is reported as exit code 2', () => {
    const { dir, cleanup } = tempTree({ 'ok.prompt.md': 'Fine.\n' });
    try {
      const clean = runAction(dir, { paths: '.', annotations: 'false' });
      assert.equal(clean.status, 0, clean.stderr);
      assert.equal(clean.stdout, '');
      assert.equal(clean.outputs['exit-code'], '0');
      assert.equal(JSON.parse(readFileSync(path.join(dir, 'promptbound.sarif'), 'utf8')).runs[0].results.length, 0);
      const bad = runAction(dir, { paths: 'missing-folder' });
      assert.equal(bad.status, 2);
      assert.match(bad.stdout, /^::error::promptbound check failed with exit code 2/m);
    } finally {
      cleanup();
    }
  });
});
