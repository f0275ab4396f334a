// The CLI entry: parses the command line, runs the command, maps every outcome to an exit code (0 clean, 1 problems, 2 usage/config/internal).
//
// Each command's module is imported when the command runs, so a short command initialises only what it uses: in the
// bundle (dist/cli.js) esbuild turns these dynamic imports into modules that are set up on first use, and `validate`
// never sets up the lint rules, the JSON Schema validators or the token rank tables it does not need
// (docs/tokenizers.md, "Start-up"; test/cli/startup.test.ts keeps it so).
import { UsageError, parseCommandLine, type CommandArgs } from './args';
import { helpText } from './help';
import { processIo, type CliIo } from './io';
import { TOOL_VERSION } from './meta';
import { ConfigError } from '../node/config-error';

export const EXIT_CLEAN = 0;
export const EXIT_PROBLEMS = 1;
export const EXIT_USAGE = 2;

export async function main(argv: string[], io: CliIo = processIo()): Promise<number> {
  try {
    return await run(parseCommandLine(argv), io);
  } catch (error) {
    return reportFailure(error, io);
  }
}

async function run(args: CommandArgs, io: CliIo): Promise<number> {
  switch (args.command) {
    case 'help':
      io.stdout.write(helpText(args.topic));
      return EXIT_CLEAN;
    case 'version':
      io.stdout.write(`${TOOL_VERSION}\n`);
      return EXIT_CLEAN;
    case 'models':
      return (await import('./models')).runModels(args, io);
    case 'init':
      return (await import('./init')).runInit(args, io);
    case 'count':
      return (await import('./count')).runCount(args, io);
    case 'check':
      return (await import('./check')).runCheck(args, io);
    case 'validate':
      return (await import('./validate')).runValidate(args, io);
    case 'merge':
      return (await import('./merge')).runMerge(args, io);
    case 'lsp':
      return runLsp();
  }
}

/**
 * Serves LSP on standard input/output until the client sends `exit` (the server then ends the process).
 * Loaded on demand so the other commands do not pay for the server's modules.
 */
async function runLsp(): Promise<number> {
  const { runLanguageServer } = await import('../server/node-server');
  const connection = runLanguageServer('stdio');
  return new Promise<number>((resolve) => connection.onExit(() => resolve(EXIT_CLEAN)));
}

/** Errors a user can cause get one line (config errors one per problem) and no stack trace. */
function reportFailure(error: unknown, io: CliIo): number {
  if (error instanceof UsageError) {
    io.stderr.write(`promptbound: ${error.message}\nRun 'promptbound --help' for usage.\n`);
  } else if (error instanceof ConfigError) {
    io.stderr.write(error.messages.map((m) => `${m}\n`).join(''));
  } else {
    // A bug of ours: the stack is what a bug report needs.
    const detail = error instanceof Error ? (error.stack ?? error.message) : String(error);
    io.stderr.write(`promptbound: internal error: ${detail}\n`);
  }
  return EXIT_USAGE;
}
