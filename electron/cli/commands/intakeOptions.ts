import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { parseCommandArgs, requireOne, resolveLang, UsageError } from '../args.js';
import { cliMessages } from '../messages.js';
import { parseMapOption } from '../../core/csv/headers.js';
import { IntakeFileError } from '../../core/csv/errors.js';
import { describeFileError } from '../../core/i18n/fileErrors.js';
import { METHOD_IDS, type Lang, type MethodId } from '../../core/types.js';
import type { EncodingChoice } from '../../core/intake.js';
import type { ColumnTarget } from '../../core/types.js';

export const INTAKE_OPTIONS = {
  method: { type: 'string' },
  encoding: { type: 'string' },
  map: { type: 'string' },
  db: { type: 'string' },
  json: { type: 'boolean' },
  lang: { type: 'string' },
} as const;

export interface IntakeCommandArgs {
  filePath: string;
  fileName: string;
  method: MethodId;
  encoding: EncodingChoice;
  map: Map<string, ColumnTarget> | undefined;
  dbPath: string | undefined;
  json: boolean;
  lang: Lang;
}

/** Parses the options validate and import share; `extra` adds a command's own flags. */
export function parseIntakeArgs<E extends NonNullable<Parameters<typeof parseCommandArgs>[1]>>(
  argv: string[],
  extra: E,
) {
  const { values, positionals } = parseCommandArgs(argv, { ...INTAKE_OPTIONS, ...extra });
  const v = values as Record<string, string | boolean | undefined>;
  if (positionals.length !== 1) throw new UsageError('Give exactly one FILE.');
  const filePath = positionals[0] as string;
  const lang = resolveLang(v['lang'] as string | undefined);
  const args: IntakeCommandArgs = {
    filePath,
    fileName: basename(filePath),
    method: requireOne(v['method'] as string | undefined, METHOD_IDS, '--method') ?? 'cup-p2p',
    encoding:
      requireOne(v['encoding'] as string | undefined, ['auto', 'utf-8', 'gb18030'] as const, '--encoding') ??
      'auto',
    map: typeof v['map'] === 'string' ? parseMap(v['map'], lang) : undefined,
    dbPath: v['db'] as string | undefined,
    json: v['json'] === true,
    lang,
  };
  return { args, values: v };
}

function parseMap(spec: string, lang: Lang): Map<string, ColumnTarget> {
  try {
    return parseMapOption(spec);
  } catch (err) {
    if (err instanceof IntakeFileError) throw new UsageError(describeFileError(err, lang));
    throw err;
  }
}

/** Reads the file's bytes, or returns null after printing a clear message. */
export function readInputFile(args: IntakeCommandArgs): Uint8Array | null {
  try {
    return readFileSync(args.filePath);
  } catch {
    console.error(cliMessages(args.lang).fileNotFound(args.filePath));
    return null;
  }
}
