// The process boundary the CLI talks through, injectable so tests can run commands in-process.

export interface OutputStream {
  write(text: string): unknown;
}

export interface CliIo {
  stdout: OutputStream;
  stderr: OutputStream;
  stdin: NodeJS.ReadableStream;
  cwd: string;
  env: Record<string, string | undefined>;
  /** Whether standard output is a terminal (colours). */
  isTTY: boolean;
  /** Whether standard error is a terminal (progress line); defaults to `isTTY`. */
  stderrIsTTY?: boolean;
}

/**
 * The real process. The standard streams are made on first use: creating them loads stream and socket modules, and a
 * short command such as `validate` of one file never touches stdin or (without warnings) stderr.
 */
export function processIo(): CliIo {
  return {
    get stdout() {
      return guarded(process.stdout);
    },
    get stderr() {
      return guarded(process.stderr);
    },
    get stdin() {
      return process.stdin;
    },
    cwd: process.cwd(),
    env: process.env,
    get isTTY() {
      return process.stdout.isTTY === true;
    },
    get stderrIsTTY() {
      return process.stderr.isTTY === true;
    },
  };
}

/**
 * `promptbound models | head -1` closes the pipe early; Node then emits EPIPE as an unhandled 'error' event and
 * crashes with a stack trace. The reader has what it wanted, so the rest of the output is dropped quietly.
 */
function guarded(stream: NodeJS.WriteStream): NodeJS.WriteStream {
  if (stream.listenerCount('error') === 0) {
    stream.on('error', (error: NodeJS.ErrnoException) => {
      if (error.code !== 'EPIPE') throw error;
    });
  }
  return stream;
}

/** Reads a stream to the end as UTF-8 (for `count -`). */
export async function readAll(stream: NodeJS.ReadableStream): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer));
  return Buffer.concat(chunks).toString('utf8');
}
