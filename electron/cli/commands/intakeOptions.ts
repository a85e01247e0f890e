import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import type { IntakeInput } from '../../contract/operations.js';
import { ENCODING_CHOICES } from '../../core/csv/decode.js';
import { BATCH_KINDS, METHOD_IDS, type Lang } from '../../core/types.js';
import { parseCommandArgs, requireOne, resolveLang, UsageError, type Options, type Values } from '../args.js';
import { Failure } from '../failure.js';
import { line, type CliIo } from '../io.js';
import { cliMessages } from '../messages.js';
import { PROGRESS_OPTION } from '../progress.js';
import { PAYOUT_DEFAULT_FLAGS, payoutDefaultsOf } from './gateOptions.js';

export const INTAKE_OPTIONS = {
  /** `payout` (the default) or `refund`: what the file holds. */
  kind: { type: 'string' },
  method: { type: 'string' },
  encoding: { type: 'string' },
  map: { type: 'string' },
  db: { type: 'string' },
  json: { type: 'boolean' },
  // Organisation defaults for mandatory fields the file leaves empty (as `settings set payout.*` saves them).
  'payout-city': { type: 'string' },
  'payout-zip': { type: 'string' },
  'payout-street': { type: 'string' },
  'payout-email': { type: 'string' },
  'payout-description': { type: 'string' },
  'payout-phone': { type: 'string' },
  ...PROGRESS_OPTION,
} as const satisfies Options;

/**
 * The `--payout-*` flags of validate and import: those of sending, and the phone, which only fills a row at
 * import (a stored payout always has its phone).
 */
const INTAKE_DEFAULT_FLAGS = { ...PAYOUT_DEFAULT_FLAGS, 'payout-phone': 'phone' } as const;

/** The options validate and import share; `extra` adds a command's own flags. */
export function parseIntakeArgs(argv: string[], extra: Options, io: CliIo) {
  const { values, positionals } = parseCommandArgs(argv, { ...INTAKE_OPTIONS, ...extra });
  const lang = resolveLang(values['lang'], io.env);
  if (positionals.length !== 1) throw new UsageError('Give exactly one FILE.');
  const filePath = positionals[0] as string;
  const request: Omit<IntakeInput, 'file'> = {
    kind: requireOne(values['kind'], BATCH_KINDS, '--kind') ?? 'payout',
    method: requireOne(values['method'], METHOD_IDS, '--method') ?? 'cup-p2p',
    encoding: requireOne(values['encoding'], ['auto', ...ENCODING_CHOICES] as const, '--encoding') ?? 'auto',
    // Passed as written: the application layer reads "their header=field,…" and names a bad entry.
    ...(typeof values['map'] === 'string' ? { map: values['map'] } : {}),
    payoutDefaults: payoutDefaultsOf(values, INTAKE_DEFAULT_FLAGS),
  };
  return { values, lang, filePath, request, json: values['json'] === true };
}

/** The file's bytes; a file that cannot be read is the user's to fix: its path and exit code 2. */
export function readInputFile(filePath: string, lang: Lang, io: CliIo): IntakeInput['file'] {
  try {
    return { name: basename(filePath), bytes: readFileSync(filePath) };
  } catch {
    line(io.stderr, cliMessages(lang).fileNotFound(filePath));
    throw new Failure(2);
  }
}

export type { Values };
