// Debounce and staleness, in process: the scheduler's generations, and a lint overtaken mid-flight never publishing.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { Diagnostic as LspDiagnostic } from 'vscode-languageserver';
import type { FileAccess } from '../../core/files';
import { IncrementalCounterPool } from '../../core/tokens/incremental';
import { TokenizerPool } from '../../core/tokens/pool';
import { nodeRankLoader } from '../../node/ranks';
import { DEFAULT_SETTINGS } from '../../server/protocol';
import { LintScheduler, type Timers } from '../../server/scheduler';
import { PromptWorkspace } from '../../server/workspace';

/** Timers that fire only when the test says so. */
function manualTimers(): Timers & { fire(): void; pending(): number } {
  const queue = new Map<number, () => void>();
  let next = 0;
  return {
    set: (callback) => {
      queue.set(++next, callback);
      return next;
    },
    clear: (handle) => queue.delete(handle as number),
    fire: () => {
      const due = [...queue.values()];
      queue.clear();
      for (const callback of due) callback();
    },
    pending: () => queue.size,
  };
}

describe('LintScheduler', () => {
  it('runs once after the last of a burst of schedules (trailing debounce), with the latest generation', async () => {
    const runs: number[] = [];
    const timers = manualTimers();
    const scheduler = new LintScheduler(async (_key, generation) => void runs.push(generation), timers);
    for (let i = 0; i < 5; i++) scheduler.schedule('a', 100);
    assert.equal(timers.pending(), 1);
    timers.fire();
    await scheduler.flush('a');
    assert.deepEqual(runs, [5]);
    assert.ok(scheduler.isCurrent('a', 5));
  });

  it('flush runs a pending debounce at once; cancel stops it and makes a running lint stale', async () => {
    const runs: string[] = [];
    const timers = manualTimers();
    const scheduler = new LintScheduler(async (key) => void runs.push(key), timers);
    scheduler.schedule('a', 1000);
    await scheduler.flush('a');
    assert.deepEqual(runs, ['a']);
    assert.equal(timers.pending(), 0);
    scheduler.schedule('b', 1000);
    scheduler.cancel('b');
    timers.fire();
    assert.deepEqual(runs, ['a']);
    assert.equal(scheduler.isCurrent('b', 1), false);
  });

  it('keys are independent: debouncing one document does not delay another', async () => {
    const runs: string[] = [];
    const timers = manualTimers();
    const scheduler = new LintScheduler(async (key) => void runs.push(key), timers);
    scheduler.schedule('a', 100);
    await scheduler.now('b');
    assert.deepEqual(runs, ['b']);
    timers.fire();
    await scheduler.flush('a');
    assert.deepEqual(runs, ['b', 'a']);
  });
});

describe('PromptWorkspace: stale results are dropped', () => {
  it('a lint that finishes after a newer change publishes nothing; the newer one publishes its version', async () => {
    const uri = 'file:///w/slow.prompt.md';
    const schemaUri = 'file:///w/out.schema.json';
    const text = (words: number) =>
      `---\nmodel: gpt-4o\nconstraints:\n  schema: ./out.schema.json\n  words: {max: ${words}}\n---\nSay {{nothing}}.\n`;
    // Each read of the schema waits until the test releases it, so two lints can be in flight at once.
    const gates: Array<() => void> = [];
    const files: FileAccess = {
      readText: async (u) => {
        if (u !== schemaUri) return undefined;
        await new Promise<void>((resolve) => gates.push(resolve));
        return '{"type": "object"}';
      },
      glob: async () => [],
    };
    const docs = new Map<string, TextDocument>();
    const published: Array<{ uri: string; version?: number; diagnostics: LspDiagnostic[] }> = [];
    const workspace = new PromptWorkspace({
      documents: { get: (u) => docs.get(u), all: () => [...docs.values()] },
      files,
      tokenizers: new IncrementalCounterPool(new TokenizerPool(nodeRankLoader)),
      settingsFor: async () => ({ ...DEFAULT_SETTINGS, debounce: 0 }),
      roots: () => ['file:///w'],
      sink: {
        publishDiagnostics: (u, version, diagnostics) => published.push({ uri: u, version, diagnostics }),
        documentStats: () => undefined,
        log: () => undefined,
      },
    });
    const until = async (test: () => boolean) => {
      for (let i = 0; i < 500 && !test(); i++) await new Promise((r) => setTimeout(r, 5));
      assert.ok(test(), 'timed out');
    };

    const v1 = TextDocument.create(uri, 'markdown', 1, text(10));
    docs.set(uri, v1);
    const first = workspace.opened(v1);
    await until(() => gates.length === 1); // v1 is waiting for its schema
    const v2 = TextDocument.update(TextDocument.create(uri, 'markdown', 1, text(10)), [{ text: text(20) }], 2);
    docs.set(uri, v2);
    workspace.changed(v2);
    await until(() => gates.length === 2); // v2 is in flight too
    gates[0](); // v1 finishes first, after v2 was requested
    await first;
    assert.deepEqual(
      published.filter((p) => p.uri === uri),
      [],
      'the overtaken v1 result was published',
    );
    gates[1]();
    await until(() => published.some((p) => p.uri === uri));
    const mine = published.filter((p) => p.uri === uri);
    assert.deepEqual(
      mine.map((p) => p.version),
      [2],
    );
    assert.ok(mine[0].diagnostics.some((d) => d.code === 'template/undefined-variable'));
    // The snapshot the features read is v2's too.
    assert.equal(workspace.snapshotFor(uri)?.textDocument.version, 2);
  });
});
