/** Where a command reads and writes: the process's streams, or a test's. */
export interface Writable {
  write(text: string): unknown;
  isTTY?: boolean;
}

export interface CliIo {
  stdin: AsyncIterable<Buffer | string> & { isTTY?: boolean };
  stdout: Writable;
  stderr: Writable;
  env: NodeJS.ProcessEnv;
  /** Stops long work like Ctrl+C does (tests, embedding); SIGINT and SIGTERM always do. */
  stop?: AbortSignal;
}

export function processIo(): CliIo {
  // Output piped into `head` (or a closed terminal): stop quietly instead of dying with a stack trace.
  for (const stream of [process.stdout, process.stderr]) {
    stream.on('error', (err: NodeJS.ErrnoException) => {
      if (err.code === 'EPIPE') process.exit(process.exitCode ?? 0);
      throw err;
    });
  }
  return { stdin: process.stdin, stdout: process.stdout, stderr: process.stderr, env: process.env };
}

export function line(stream: Writable, text = ''): void {
  stream.write(`${text}\n`);
}

export function printJson(io: CliIo, document: unknown): void {
  io.stdout.write(`${JSON.stringify(document)}\n`);
}
