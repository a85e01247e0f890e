import { parseArgs, type ParseArgsConfig } from 'node:util';
import type { Lang } from '../core/types.js';

/** A problem with the command line itself: its one reason and the command's usage on stderr, exit code 2. */
export class UsageError extends Error {}

export type Options = NonNullable<ParseArgsConfig['options']>;
export type Values = Record<string, string | boolean | undefined>;

/** Options every command takes. */
export const COMMON_OPTIONS = {
  lang: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const satisfies Options;

export function parseCommandArgs(
  argv: string[],
  options: Options,
): { values: Values; positionals: string[] } {
  try {
    const parsed = parseArgs({
      args: argv,
      options: { ...COMMON_OPTIONS, ...options },
      allowPositionals: true,
      strict: true,
    });
    return { values: parsed.values as Values, positionals: parsed.positionals };
  } catch (err) {
    // node:util's messages name the option, e.g. "Unknown option '--foo'" (its long hint is left out).
    const message = err instanceof Error ? err.message : String(err);
    throw new UsageError(`${message.split('. To specify')[0]?.split('\n')[0]}.`.replace(/\.\.$/, '.'));
  }
}

/** The user's language: --lang wins, then the environment's locale; English otherwise. */
export function resolveLang(flag: unknown, env: NodeJS.ProcessEnv = process.env): Lang {
  if (flag !== undefined) {
    if (flag === 'en' || flag === 'zh-CN') return flag;
    throw new UsageError(`--lang must be en or zh-CN, not "${String(flag)}"`);
  }
  const locale = env['LC_ALL'] || env['LC_MESSAGES'] || env['LANG'] || '';
  return locale.toLowerCase().startsWith('zh') ? 'zh-CN' : 'en';
}

/** The lang option as given, without failing: usage errors are printed in it when it is valid. */
export function langFromArgv(argv: readonly string[], env: NodeJS.ProcessEnv): Lang {
  const at = argv.findIndex((arg) => arg === '--lang' || arg.startsWith('--lang='));
  const value = at === -1 ? undefined : argv[at]?.includes('=') ? argv[at]?.split('=')[1] : argv[at + 1];
  try {
    return resolveLang(value === 'en' || value === 'zh-CN' ? value : undefined, env);
  } catch {
    return 'en';
  }
}

export function requireOne<T extends string>(
  value: unknown,
  allowed: readonly T[],
  flag: string,
): T | undefined {
  if (value === undefined) return undefined;
  if (typeof value === 'string' && (allowed as readonly string[]).includes(value)) return value as T;
  throw new UsageError(`${flag} must be one of ${allowed.join(', ')}, not "${String(value)}"`);
}

/** The --user option of every command that changes something (recorded in the audit trail). */
export function requireUser(values: Values): string {
  const user = typeof values['user'] === 'string' ? values['user'].trim() : '';
  if (!user) throw new UsageError('--user NAME is required (recorded in the audit trail).');
  return user;
}

/** Exactly one BATCH id. */
export function batchIdOf(positionals: string[]): number {
  const id = /^\d+$/.test(positionals[0] ?? '') ? Number(positionals[0]) : NaN;
  if (positionals.length !== 1 || !Number.isSafeInteger(id) || id <= 0)
    throw new UsageError('Give one BATCH id.');
  return id;
}

export function noPositionals(positionals: string[]): void {
  if (positionals.length > 0) throw new UsageError(`Unexpected argument "${positionals[0]}".`);
}

/** A whole number option (syntax only; the application layer checks what it means). */
export function integerOption(values: Values, name: string, min = 0): number | undefined {
  const raw = values[name];
  if (raw === undefined) return undefined;
  const value = typeof raw === 'string' && /^\d+$/.test(raw.trim()) ? Number(raw) : NaN;
  if (!Number.isSafeInteger(value) || value < min)
    throw new UsageError(`--${name} must be a whole number ≥ ${min}.`);
  return value;
}
