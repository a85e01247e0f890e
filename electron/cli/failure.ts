/**
 * How a failure reaches the person at the terminal: `CODE: message` on stderr, and an exit code chosen by
 * its kind. With --json a refusal (exit 1: a rule said no, or nothing has that id) is an outcome like any
 * other, so stdout carries its one JSON document, `{"error":{code,message}}`; a command that cannot be used at
 * all (exit 2) prints nothing on stdout. Never a stack trace.
 */
import type { OperationError, Result } from '../contract/result.js';
import { describeKnownError, errorKind, type ErrorKind } from '../core/app/errors.js';
import type { Lang } from '../core/types.js';
import { line, printJson, type CliIo } from './io.js';

/** 1: a rule refused the request or it names nothing that exists; 2: the request or the setup is unusable. */
const EXIT_BY_KIND: Record<ErrorKind, number> = {
  refused: 1,
  not_found: 1,
  invalid: 2,
  unavailable: 2,
  internal: 2,
};

export function exitCodeOf(code: string): number {
  return EXIT_BY_KIND[errorKind(code)];
}

/** Prints an operation's failure; returns the exit code. */
export function printFailure(io: CliIo, error: OperationError, json: boolean): number {
  line(io.stderr, `${error.code}: ${error.message}`);
  const exitCode = exitCodeOf(error.code);
  if (json && exitCode === 1) printJson(io, { error });
  return exitCode;
}

/** The value of a Result, or a thrown Failure carrying the exit code after printing it. */
export function valueOf<T>(io: CliIo, result: Result<T>, json: boolean): T {
  if (result.ok) return result.value;
  throw new Failure(printFailure(io, result.error, json));
}

/** A failure already printed; carries the exit code up to the dispatcher. */
export class Failure extends Error {
  constructor(readonly exitCode: number) {
    super(`exit ${exitCode}`);
  }
}

/** A known error thrown outside an operation (opening the database, say), printed like one. */
export function printThrown(io: CliIo, err: unknown, lang: Lang, json: boolean): number | null {
  const known = describeKnownError(err, lang);
  if (!known) return null;
  return printFailure(io, { code: known.code, message: known.message }, json);
}
