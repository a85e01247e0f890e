/**
 * The one error vocabulary: every failure an operation can report has a stable code, a kind (which tells a
 * shell how to react, e.g. the CLI's exit code) and a message in each language (./errorMessages.ts).
 */
import { IntakeFileError } from '../csv/errors.js';
import { CredentialsError } from '../credentials/errors.js';
import { describeFileError } from '../i18n/fileErrors.js';
import { StoreError } from '../store/errors.js';
import type { Lang } from '../types.js';
import { ERROR_MESSAGES, type ErrorCode } from './errorMessages.js';

export type { ErrorCode } from './errorMessages.js';

/** What a failure means for the caller. */
export type ErrorKind =
  /** The request itself is wrong: fix it and ask again. */
  | 'invalid'
  | 'not_found'
  /** The request is fine but the data is not in a state that allows it (or a rule refuses it). */
  | 'refused'
  /** Something the operation needs is missing or locked: credentials, a passphrase, a database. */
  | 'unavailable'
  /** A defect or an unexpected condition: logged with a reference. */
  | 'internal';

export type ErrorParams = Record<string, string | number | boolean | null>;

/** A failure an operation reports on purpose. Its message is rendered in the caller's language at the edge. */
export class AppError extends Error {
  override readonly name = 'AppError';

  constructor(
    readonly code: ErrorCode,
    readonly params: ErrorParams = {},
  ) {
    super(`${code} ${JSON.stringify(params)}`);
  }
}

export interface DescribedError {
  code: string;
  kind: ErrorKind;
  message: string;
}

/**
 * A known failure in the caller's language, or null for an unexpected one (which must be logged). Errors of
 * the engine's lower layers (file, store, credentials) keep their own codes.
 */
export function describeKnownError(err: unknown, lang: Lang): DescribedError | null {
  if (err instanceof AppError) return render(err.code, err.params, lang);
  if (err instanceof IntakeFileError) {
    return { code: err.code, kind: 'invalid', message: describeFileError(err, lang) };
  }
  if (err instanceof StoreError) {
    const { paymentId = '', line = 0, path = '', detail = '' } = err.details;
    return render(err.code, { paymentId, line, path, detail }, lang);
  }
  if (err instanceof CredentialsError) return render(err.code, err.params, lang);
  return null;
}

function render(code: ErrorCode, params: ErrorParams, lang: Lang): DescribedError {
  const entry = ERROR_MESSAGES[code];
  return { code, kind: entry.kind, message: entry[lang](params) };
}

/** The kind of a reported code (a shell decides its reaction by kind: exit code, dialog, retry button). */
export function errorKind(code: string): ErrorKind {
  if (Object.hasOwn(ERROR_MESSAGES, code)) return ERROR_MESSAGES[code as ErrorCode].kind;
  // Codes of whole-file problems (FILE_…, MAP_INVALID): the file or the mapping must change.
  if (code.startsWith('FILE_') || code === 'MAP_INVALID') return 'invalid';
  return 'internal';
}
