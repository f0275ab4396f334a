// What the server needs from where it runs (docs/design/conventions.md C5): file access by uri and the token rank files. Node and the web worker each supply one.
import type { FileAccess } from '../core/files';
import type { Rule } from '../core/rules/types';
import type { RankLoader } from '../core/tokens/types';

export interface ServerPlatform {
  /** Reads files that are not open in the editor (open documents are overlaid by the server), by uri. */
  files: FileAccess;
  ranks: RankLoader;
  /** The rules to run; the registry's by default (tests add a rule that throws). */
  rules?: readonly Rule[];
  /** Where the server logs its own problems (the connection's console is used when absent). */
  log?: (message: string) => void;
  /**
   * The longest the event loop was blocked (ms) since the last call, when measured (Node with
   * PROMPTBOUND_LINT_TIMING=1); the lint timing lines report it.
   */
  loopBlock?: () => number;
  /**
   * When the connection's output holds more than its pipe takes at once (a large message being written): a promise
   * of its drain. A long lint waits for it at its next yield, so the message, and the answers queued behind it, go
   * out at the pace the client reads, not one pipe's worth per slice of the lint (see docs/editor-performance.md).
   */
  outputBacklog?: () => Promise<void> | undefined;
}
