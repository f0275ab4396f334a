// The Node platform for the server: files through node/file-access.ts (uris ↔ paths with vscode-uri), rank files beside the bundle.
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { URI } from 'vscode-uri';
import type { FileAccess, ReadScope } from '../core/files';
import { readScoped } from '../core/files';
import type { Rule } from '../core/rules/types';
import { RULES } from '../core/rules/registry';
import { nodeFileAccess } from '../node/file-access';
import { nodeServerRankLoader } from '../node/ranks';
import type { ServerPlatform } from './platform';
import { isFileUri } from './uris';

/** Core speaks uris in the server; Node's file access speaks paths. Other schemes (untitled:) have no files. */
export function nodeUriFileAccess(base: FileAccess = nodeFileAccess()): FileAccess {
  return {
    async readText(uri) {
      const path = pathOf(uri);
      return path === undefined ? undefined : base.readText(path);
    },
    async read(uri, scope) {
      const path = pathOf(uri);
      if (path === undefined) return { ok: false, reason: 'missing', message: 'not found' };
      if (!base.read) return readScoped(base, path, undefined);
      // The scope's folders are uris too; a folder that is not a file uri confines nothing Node can read.
      const folders = scope && scope.allowed !== 'any' ? [scope.root, ...scope.allowed].map((f) => pathOf(f) ?? f) : undefined;
      const pathScope: ReadScope | undefined =
        scope && (scope.allowed === 'any' ? scope : { root: folders![0], allowed: folders!.slice(1) });
      return base.read(path, pathScope);
    },
    async glob(baseUri, patterns) {
      const path = pathOf(baseUri);
      if (path === undefined) return [];
      return (await base.glob(path, patterns)).map((file) => URI.file(file).toString());
    },
  };
}

function pathOf(uri: string): string | undefined {
  if (!isFileUri(uri)) return uri.startsWith('/') ? uri : undefined;
  try {
    return URI.parse(uri).fsPath;
  } catch {
    return undefined;
  }
}

/**
 * Test-only: with PROMPTBOUND_TEST_THROWING_RULE=<marker>, a rule `test/throws` is added that throws on any
 * prompt containing the marker, so the protocol tests can show a failing rule does not take the server down.
 * Without the variable (every real run) the registry's rules run unchanged.
 */
export function rulesFromEnvironment(env: NodeJS.ProcessEnv = process.env): readonly Rule[] {
  const marker = env.PROMPTBOUND_TEST_THROWING_RULE;
  if (!marker) return RULES;
  const throwing: Rule = {
    meta: { id: 'test/throws', description: 'Throws on purpose (tests only).', defaultSeverity: 'error', fixable: false },
    check({ document }) {
      if (document.text.includes(marker)) throw new Error('deliberate failure for the crash test');
    },
  };
  return [...RULES, throwing];
}

/**
 * With PROMPTBOUND_LINT_TIMING=1, the event loop's longest delay since the last call (ms): a timer every 2 ms is
 * late by about as long as the loop was blocked (the editor benchmark reports it).
 */
export function loopBlockFromEnvironment(env: NodeJS.ProcessEnv = process.env): (() => number) | undefined {
  if (env.PROMPTBOUND_LINT_TIMING !== '1') return undefined;
  const histogram = monitorEventLoopDelay({ resolution: 2 });
  histogram.enable();
  return () => {
    const longest = histogram.max / 1e6;
    histogram.reset();
    return longest;
  };
}

export function nodePlatform(): ServerPlatform {
  return {
    files: nodeUriFileAccess(),
    ranks: nodeServerRankLoader,
    rules: rulesFromEnvironment(),
    loopBlock: loopBlockFromEnvironment(),
  };
}
