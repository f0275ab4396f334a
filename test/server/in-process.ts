// What the tests that run a PromptWorkspace in-process share: the open documents of a map, no files on disk, real
// tokenizers and no debounce. Each adds its rules, sink and options.
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { DEFAULT_SETTINGS } from '../../server/protocol';
import type { WorkspaceOptions } from '../../server/workspace';
import { IncrementalCounterPool } from '../../core/tokens/incremental';
import { TokenizerPool } from '../../core/tokens/pool';
import { nodeRankLoader } from '../../node/ranks';

export function inProcessOptions(
  docs: Map<string, TextDocument>,
): Pick<WorkspaceOptions, 'documents' | 'files' | 'tokenizers' | 'settingsFor' | 'roots'> {
  return {
    documents: { get: (u) => docs.get(u), all: () => [...docs.values()] },
    files: { readText: async () => undefined, glob: async () => [] },
    tokenizers: new IncrementalCounterPool(new TokenizerPool(nodeRankLoader)),
    settingsFor: async () => ({ ...DEFAULT_SETTINGS, debounce: 0 }),
    roots: () => ['file:///w'],
  };
}
