// The detectors' patterns are compiled by the warm-up, not by the first paragraph a lint scans
// (docs/editor-performance.md, "Never blocking"): checked with V8's own view of each pattern, in a fresh process.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';

const ROOT = path.join(__dirname, '..', '..');
const DETECT = path.join(ROOT, 'core', 'instructions', 'detect.ts');

/**
 * Run in a child with `--allow-natives-syntax`: for every pattern, whether V8 holds machine code (not bytecode, which
 * means not yet tiered up) for one-byte and for two-byte strings, before and after `steps` warm-up steps.
 */
function compiledState(steps: 'all' | 'none'): { before: boolean[]; after: boolean[]; total: number; done: number } {
  const script = `
    const { DETECTOR_PATTERNS } = require(${JSON.stringify(DETECT)});
    const { detectorWarmUp } = require(${JSON.stringify(path.join(ROOT, 'core', 'instructions', 'warm-up.ts'))});
    const state = new Function('re', 'return [true, false].every((oneByte) => %RegexpHasNativeCode(re, oneByte) && !%RegexpHasBytecode(re, oneByte))');
    const before = DETECTOR_PATTERNS.map((re) => state(re));
    if (${JSON.stringify(steps)} === 'all') while (detectorWarmUp.step());
    const after = DETECTOR_PATTERNS.map((re) => state(re));
    console.log(JSON.stringify({ before, after, total: detectorWarmUp.total, done: detectorWarmUp.done }));
  `;
  const out = execFileSync(process.execPath, ['--allow-natives-syntax', '--require', 'tsx/cjs', '-e', script], {
    cwd: ROOT,
    encoding: 'utf8',
  });
  return JSON.parse(out.trim().split('\n').pop()!) as { before: boolean[]; after: boolean[]; total: number; done: number };
}

describe('detector warm-up', () => {
  it('leaves every detector pattern compiled to machine code for one- and two-byte strings', () => {
    const run = compiledState('all');
    assert.equal(run.done, run.total);
    assert.ok(
      run.before.every((compiled) => !compiled),
      'a pattern was compiled before the warm-up ran',
    );
    assert.deepEqual(
      run.after.flatMap((compiled, i) => (compiled ? [] : [i])),
      [],
      'patterns (indices in DETECTOR_PATTERNS) still uncompiled after the warm-up',
    );
  });

  it('is what compiles them: without it, none is', () => {
    const run = compiledState('none');
    assert.equal(run.done, 0);
    assert.ok(run.after.every((compiled) => !compiled));
  });

  it('is finished by a lint that starts first, a step per checkpoint', () => {
    const script = `
      const { ProseMemo } = require(${JSON.stringify(path.join(ROOT, 'core', 'analysis', 'prose.ts'))});
      const { parseDocument } = require(${JSON.stringify(path.join(ROOT, 'core', 'document', 'index.ts'))});
      const { detectorWarmUp } = require(${JSON.stringify(path.join(ROOT, 'core', 'instructions', 'warm-up.ts'))});
      let checkpoints = 0;
      const document = parseDocument('file:///w/a.prompt.md', '# Task\\n\\nAnswer in at most 50 words.\\n');
      new ProseMemo().prepare(document, async () => void checkpoints++).then((found) =>
        console.log(JSON.stringify({ checkpoints, total: detectorWarmUp.total, finished: detectorWarmUp.finished, found: found.length })));
    `;
    const out = execFileSync(process.execPath, ['--require', 'tsx/cjs', '-e', script], { cwd: ROOT, encoding: 'utf8' });
    const run = JSON.parse(out.trim().split('\n').pop()!) as {
      checkpoints: number;
      total: number;
      finished: boolean;
      found: number;
    };
    assert.equal(run.finished, true);
    assert.ok(run.checkpoints >= run.total, `${run.checkpoints} checkpoints for ${run.total} warm-up steps`);
    assert.equal(run.found, 1, 'the scan after the warm-up found "at most 50 words"');
  });

  it('covers every pattern defined at the top of detect.ts', () => {
    const source = readFileSync(DETECT, 'utf8');
    const defined = [...source.matchAll(/^const ([A-Z_]+) =\s*(?:\/|new RegExp\()/gm)].map((m) => m[1]);
    const listed = /DETECTOR_PATTERNS: readonly RegExp\[\] = \[([^\]]*)\]/.exec(source)?.[1] ?? '';
    const names = new Set(listed.split(',').map((n) => n.trim()));
    assert.ok(defined.length > 50, `only ${defined.length} patterns found: the source scan is broken`);
    assert.deepEqual(
      defined.filter((name) => !names.has(name)),
      [],
      'patterns missing from DETECTOR_PATTERNS',
    );
  });
});
