// The Node flags (and allocator settings) the language server runs with, at every launch: the desktop client forks dist/server-node.js with
// them, and `promptbound lsp --stdio` starts itself again with them (docs/editor-performance.md, "Memory"). Pure, so
// the client bundle, the CLI and the tests read the same list.

/**
 * V8's young generation is two semi-spaces; by default each grows to 16 MiB once a program allocates a lot, as every
 * keystroke in a large prompt does: 32 MiB committed for short-lived objects. 4 MiB each keeps it at 8 MiB; more objects
 * then reach the old generation, so a few more keystrokes run a major collection (docs/editor-performance.md, "Memory").
 * V8 reads this flag only when the process starts.
 */
export const SERVER_NODE_FLAGS: readonly string[] = ['--max-semi-space-size=4'];

/**
 * glibc's allocator (Linux), which V8 uses for compilation and Node for its buffers: by default it keeps up to eight
 * arenas per core for threads (V8's compiler and collector threads each hold megabytes there), and after a large block
 * is freed it raises its threshold for returning freed memory to the system to megabytes. Two arenas and a fixed
 * 128 KiB threshold saved 10–16 MiB of the server's RSS on a 1 MB prompt. Other allocators ignore these variables; a
 * value already in the environment is kept.
 */
export const SERVER_NODE_ENV: Readonly<Record<string, string>> = {
  MALLOC_ARENA_MAX: '2',
  MALLOC_MMAP_THRESHOLD_: '131072',
};

/** The server's environment: `env` with SERVER_NODE_ENV's variables that it does not set itself. */
export function serverEnvironment(env: Readonly<Record<string, string | undefined>>): Record<string, string | undefined> {
  return { ...SERVER_NODE_ENV, ...env };
}

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
