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

/** Output is handed to the stream in pieces of about this many characters. */
const JSON_CHUNK_CHARS = 64 * 1024;

/**
 * One JSON document on stdout, exactly as JSON.stringify writes it, with the unsafe characters above escaped
 * as \uXXXX (the same data, safe to print). Arrays are written element by element, so a 100k-row report never
 * exists as one string of ~100 MB (and its UTF-8 copy) at once.
 */
export function printJson(io: CliIo, document: unknown): void {
  let pending = '';
  const emit = (text: string): void => {
    pending += text;
    if (pending.length >= JSON_CHUNK_CHARS) {
      io.stdout.write(escapeJson(pending));
      pending = '';
    }
  };
  writeJson(document, emit);
  io.stdout.write(escapeJson(pending) + '\n');
}

function escapeJson(json: string): string {
  return json.replace(TERMINAL_UNSAFE, (ch) => `\\u${codePoint(ch).toLowerCase()}`);
}

/**
 * JSON.stringify's output for `value`, emitted in pieces: the document's members one at a time, and the
 * elements of its arrays (report rows) one at a time; anything deeper is stringified whole.
 */
function writeJson(value: unknown, emit: (text: string) => void, depth = 0): void {
  if (depth < 2 && Array.isArray(value)) {
    emit('[');
    value.forEach((item, i) => {
      // As JSON.stringify: an element without a JSON form is null.
      emit((i > 0 ? ',' : '') + ((JSON.stringify(item) as string | undefined) ?? 'null'));
    });
    emit(']');
    return;
  }
  if (depth < 1 && isPlainObject(value)) {
    emit('{');
    let first = true;
    for (const [key, member] of Object.entries(value)) {
      // As JSON.stringify: members without a JSON form are left out.
      if (member === undefined || typeof member === 'function' || typeof member === 'symbol') continue;
      emit(`${first ? '' : ','}${JSON.stringify(key)}:`);
      first = false;
      writeJson(member, emit, depth + 1);
    }
    emit('}');
    return;
  }
  emit((JSON.stringify(value) as string | undefined) ?? 'null');
}

/** An object JSON.stringify writes member by member (no toJSON of its own, not a Date or a Map). */
function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (value === null || typeof value !== 'object') return false;
  const proto = Object.getPrototypeOf(value) as unknown;
  return (proto === Object.prototype || proto === null) && !('toJSON' in value);
}
