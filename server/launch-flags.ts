// The Node flags the language server runs with, at every launch: the desktop client forks dist/server-node.js with
// them, and `promptbound lsp --stdio` starts itself again with them (docs/editor-performance.md, "Memory"). Pure, so
// the client bundle, the CLI and the tests read the same list.

/**
 * V8's young generation is two semi-spaces; by default each grows to 16 MiB once a program allocates a lot, as every
 * keystroke in a large prompt does: 32 MiB committed for short-lived objects. 4 MiB each keeps it at 8 MiB and costs no
 * CPU per keystroke that the benchmark can see. V8 reads this flag only when the process starts.
 */
export const SERVER_NODE_FLAGS: readonly string[] = ['--max-semi-space-size=4'];

/** Whether a process started with `execArgv` has the server's flags; a value the user chose counts too. */
export function hasServerNodeFlags(execArgv: readonly string[]): boolean {
  const names = execArgv.map((arg) => flagName(arg));
  return SERVER_NODE_FLAGS.every((flag) => names.includes(flagName(flag)));
}

/** `--max_semi_space_size=8` → `--max-semi-space-size` (V8 accepts both spellings). */
function flagName(arg: string): string {
  const equals = arg.indexOf('=');
  return (equals === -1 ? arg : arg.slice(0, equals)).replace(/_/g, '-');
}
