import { parseArgs, type ParseArgsConfig } from 'node:util';
import type { Lang } from '../core/types.js';

/** A problem with the command line itself; printed on stderr, exit code 2. */
export class UsageError extends Error {}

export type Options = ParseArgsConfig['options'];

export function parseCommandArgs(argv: string[], options: NonNullable<Options>) {
  try {
    return parseArgs({ args: argv, options, allowPositionals: true, strict: true });
  } catch (err) {
    throw new UsageError(err instanceof Error ? err.message : String(err));
  }
}

/** The user's language: --lang wins, then the environment's locale; English otherwise. */
export function resolveLang(flag: string | undefined, env: NodeJS.ProcessEnv = process.env): Lang {
  if (flag !== undefined) {
    if (flag === 'en' || flag === 'zh-CN') return flag;
    throw new UsageError(`--lang must be en or zh-CN, not "${flag}"`);
  }
  const locale = env['LC_ALL'] || env['LC_MESSAGES'] || env['LANG'] || '';
  return locale.toLowerCase().startsWith('zh') ? 'zh-CN' : 'en';
}

export function requireOne<T extends string>(
  value: string | undefined,
  allowed: readonly T[],
  flag: string,
): T | undefined {
  if (value === undefined) return undefined;
  if ((allowed as readonly string[]).includes(value)) return value as T;
  throw new UsageError(`${flag} must be one of ${allowed.join(', ')}, not "${value}"`);
}

/** The --db option every stateful command needs. */
export function requireDb(values: Record<string, unknown>): string {
  const db = values['db'];
  if (typeof db !== 'string' || db === '') throw new UsageError('--db PATH is required.');
  return db;
}

/** The --user option of every command that changes something (recorded in the audit trail). */
export function requireUser(values: Record<string, unknown>): string {
  const user = typeof values['user'] === 'string' ? values['user'].trim() : '';
  if (!user) throw new UsageError('--user NAME is required (recorded in the audit trail).');
  return user;
}
