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

/**
 * Characters a terminal acts on or hides (controls other than line feed and tab, DEL, C1, bidirectional
 * overrides, zero-width characters): text from a payout file never reaches the terminal with one of them.
 */
/* eslint-disable no-control-regex -- matching control characters is the point */
const TERMINAL_UNSAFE =
  /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u00ad\u180e\u200b-\u200f\u202a-\u202e\u2028\u2029\u2060-\u2064\u2066-\u2069\ufeff]/g;
/* eslint-enable no-control-regex */

function codePoint(ch: string): string {
  return ch.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0');
}

/** The text with each unsafe character written as `<U+202E>`. */
export function terminalSafe(text: string): string {
  return text.replace(TERMINAL_UNSAFE, (ch) => `<U+${codePoint(ch)}>`);
}

export function line(stream: Writable, text = ''): void {
  stream.write(`${terminalSafe(text)}\n`);
}

/** JSON with the same unsafe characters escaped as \uXXXX: the same data, safe to print. */
export function printJson(io: CliIo, document: unknown): void {
  const json = JSON.stringify(document).replace(TERMINAL_UNSAFE, (ch) => `\\u${codePoint(ch).toLowerCase()}`);
  io.stdout.write(`${json}\n`);
}
