// docs/scale.md's recipes run as written: the GitHub Actions matrix's and the Kubernetes Indexed Job's shell commands,
// with the matrix value and the pod index filled in, on a temporary repository; their merged outputs equal one run.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { chmodSync, cpSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parse as parseYaml } from 'yaml';
import { BIN, REPO, runMain, tempTree } from './helpers';

const doc = readFileSync(path.join(REPO, 'docs', 'scale.md'), 'utf8');
const yamlBlocks = [...doc.matchAll(/```yaml\n([\s\S]*?)```/g)].map((m) => parseYaml(m[1]!) as Record<string, unknown>);

interface Workflow {
  jobs: Record<string, { strategy?: { matrix: { shard: number[] } }; steps: Array<{ run?: string }> }>;
}
interface IndexedJob {
  spec: { completions: number; template: { spec: { containers: Array<{ command: string[]; args: string[] }> } } };
}

describe('docs/scale.md recipes', () => {
  let dir: string;
  let binDir: string;
  before(() => {
    dir = tempTree({}).dir;
    cpSync(path.join(REPO, 'examples'), dir, { recursive: true });
    // `promptbound` (and `npx promptbound`, as the workflow writes it) on the PATH runs this checkout's CLI.
    binDir = path.join(dir, '.bin');
    mkdirSync(binDir);
    writeFileSync(path.join(binDir, 'promptbound'), `#!/bin/sh\nexec "${process.execPath}" "${BIN}" "$@"\n`);
    writeFileSync(
      path.join(binDir, 'npx'),
      `#!/bin/sh\n[ "$1" = promptbound ] && shift\nexec "${process.execPath}" "${BIN}" "$@"\n`,
    );
    chmodSync(path.join(binDir, 'promptbound'), 0o755);
    chmodSync(path.join(binDir, 'npx'), 0o755);
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  function sh(command: string, env: Record<string, string> = {}): { status: number | null; stdout: string; stderr: string } {
    const result = spawnSync('sh', ['-c', command], {
      cwd: dir,
      encoding: 'utf8',
      env: { ...process.env, PATH: `${binDir}:${process.env.PATH}`, ...env },
      maxBuffer: 64 * 1024 * 1024,
    });
    return { status: result.status, stdout: result.stdout, stderr: result.stderr };
  }

  it('the GitHub Actions matrix: four shards, then one SARIF and annotations equal to an unsharded check', async () => {
    const workflow = yamlBlocks.find((b) => 'jobs' in b) as unknown as Workflow;
    const lint = workflow.jobs.lint!;
    const shards = lint.strategy!.matrix.shard;
    const runs = (job: string) =>
      workflow.jobs[job]!.steps.flatMap((s) => (s.run && s.run.includes('promptbound') ? [s.run] : []));
    for (const shard of shards) {
      for (const run of runs('lint')) {
        const result = sh(run.replaceAll('${{ matrix.shard }}', String(shard)));
        assert.equal(result.status, 0, `${run} (shard ${shard}):\n${result.stderr}`);
      }
    }
    const [sarifStep, githubStep] = runs('report');
    assert.equal(sh(sarifStep!).status, 0);
    const sarif = readFileSync(path.join(dir, 'promptbound.sarif'), 'utf8');
    assert.equal(sarif, (await runMain(['check', '--format', 'sarif', '.'], { cwd: dir })).stdout);
    const annotations = sh(githubStep!);
    assert.equal(annotations.status, 1, 'the examples have errors: the last step fails the workflow');
    assert.equal(annotations.stdout, (await runMain(['check', '--format', 'github', '.'], { cwd: dir })).stdout);
  });

  it('the Kubernetes Indexed Job: each pod validates its shard; merged, they equal one run', () => {
    const job = yamlBlocks.find((b) => b.kind === 'Job') as unknown as IndexedJob;
    const container = job.spec.template.spec.containers[0]!;
    assert.deepEqual(container.command, ['sh', '-c']);
    const data = path.join(dir, 'data');
    const out = path.join(dir, 'out');
    mkdirSync(data);
    mkdirSync(out);
    writeFileSync(path.join(data, 'support.prompt.md'), readFileSync(path.join(dir, 'support', 'refund-assistant.prompt.md')));
    const lines = Array.from({ length: 40 }, (_, i) =>
      JSON.stringify({ response: `${'word '.repeat(i * 5)}Is there anything else I can help with?` }),
    );
    writeFileSync(path.join(data, 'responses.jsonl'), `${lines.join('\n')}\n`);
    const command = container.args[0]!.replaceAll('/data/', `${data}/`).replaceAll('/out/', `${out}/`);
    for (let index = 0; index < job.spec.completions; index++) {
      const result = sh(command, { JOB_COMPLETION_INDEX: String(index) });
      assert.equal(result.status, 0, `pod ${index}: ${result.stderr}`);
    }
    const merged = sh(`promptbound merge ${out}/shard-*.jsonl`);
    const whole = sh(`promptbound validate --prompt ${data}/support.prompt.md --format json ${data}/responses.jsonl`);
    assert.equal(merged.stdout, whole.stdout);
    assert.equal(merged.status, 1, 'completions over 120 words fail');
  });
});
