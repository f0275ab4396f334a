// `promptbound lsp`: the language server runs with its Node flags and allocator settings (server/launch-flags.ts),
// which V8 and the C library read only when a process starts. bin/promptbound.js calls this first, before it loads the CLI: a process started without the flags
// starts the command again with them, hands it its standard streams, forwards the signals an editor sends to stop a
// server, and exits with its exit code (docs/editor-performance.md, "Memory"). Built alone as dist/lsp-launch.js, so
// the process that waits loads next to nothing.
import { spawn } from 'node:child_process';
import { constants } from 'node:os';
import { SERVER_NODE_FLAGS, hasServerNodeFlags, serverEnvironment } from '../server/launch-flags';

/** Set in the started copy: it never starts another one, whatever its flags. */
export const RELAUNCHED_ENV = 'PROMPTBOUND_LSP_RELAUNCHED';

/**
 * The Node arguments that start `<bin> <argv>` again with the server's flags, or undefined when this process already
 * has them (or is the copy). The process's own Node options are kept (a `--require` preload, a heap limit), except the
 * inspector's: a second inspector on the same port would fail to start.
 */
export function lspRelaunchArgs(
  execArgv: readonly string[],
  bin: string,
  argv: readonly string[],
  env: Readonly<Record<string, string | undefined>>,
): string[] | undefined {
  if (env[RELAUNCHED_ENV] === '1' || hasServerNodeFlags(execArgv)) return undefined;
  const kept = execArgv.filter((arg) => !/^--(inspect|debug)(-brk|-port|-wait)?(=|$)/.test(arg));
  return [...kept, ...SERVER_NODE_FLAGS, bin, ...argv];
}

/**
 * Runs `bin argv` (argv starts with `lsp`) again with the server's flags when this process lacks them. Undefined
 * when it has them; otherwise resolves to the copy's exit code, or to undefined when the copy could not be started
 * (the caller then serves in this process, without the flags).
 */
export function relaunchLsp(bin: string, argv: readonly string[]): Promise<number | undefined> | undefined {
  const args = lspRelaunchArgs(process.execArgv, bin, argv, process.env);
  if (args === undefined) return undefined;
  return new Promise((resolve) => {
    const env = { ...serverEnvironment(process.env), [RELAUNCHED_ENV]: '1' };
    const child = spawn(process.execPath, args, { stdio: 'inherit', env });
    const handlers = (['SIGINT', 'SIGTERM', 'SIGHUP'] as const).map((signal) => [signal, () => void child.kill(signal)] as const);
    const settle = (code: number | undefined) => {
      for (const [signal, handler] of handlers) process.off(signal, handler);
      resolve(code);
    };
    for (const [signal, handler] of handlers) process.on(signal, handler);
    child.once('error', () => settle(undefined));
    child.once('exit', (code, signal) => settle(code ?? (signal ? 128 + (constants.signals[signal] ?? 0) : 1)));
  });
}
