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

export function processIo(): CliIo {
  ignoreClosedPipes();
  return {
    stdout: process.stdout,
    stderr: process.stderr,
    stdin: process.stdin,
    cwd: process.cwd(),
    env: process.env,
    isTTY: process.stdout.isTTY === true,
    stderrIsTTY: process.stderr.isTTY === true,
  };
}

/**
 * `promptbound models | head -1` closes the pipe early; Node then emits EPIPE as an unhandled 'error' event and
 * crashes with a stack trace. The reader has what it wanted, so the rest of the output is dropped quietly.
 */
function ignoreClosedPipes(): void {
  for (const stream of [process.stdout, process.stderr]) {
    if (stream.listenerCount('error') > 0) continue;
    stream.on('error', (error: NodeJS.ErrnoException) => {
      if (error.code !== 'EPIPE') throw error;
    });
  }
}

/** Reads a stream to the end as UTF-8 (for `count -`). */
export async function readAll(stream: NodeJS.ReadableStream): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer));
  return Buffer.concat(chunks).toString('utf8');
}
