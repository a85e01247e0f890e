/**
 * Passwords and the passphrase on the command line: from an environment variable, or asked for on a
 * terminal without echo. Never from argv (other users see it in `ps`), never printed, never logged.
 */
import { AppError } from '../core/app/errors.js';
import { CredentialsError } from '../core/credentials/errors.js';
import { PASSPHRASE_ENV } from '../core/credentials/cipher.js';
import type { CliIo } from './io.js';

export const PASSWORD_ENV = 'CUP_PASSWORD';
export const NEW_PASSWORD_ENV = 'CUP_NEW_PASSWORD';

/** A prompt answered on the terminal with echo off; null when there is no terminal to ask on. */
export type SecretPrompt = (question: string) => Promise<string | null>;

/** Asks on the process's terminal (raw mode, nothing echoed); null when stdin is not a terminal. */
export const terminalPrompt: SecretPrompt = async (question) => {
  const stdin = process.stdin;
  if (!stdin.isTTY || !process.stderr.isTTY) return null;
  process.stderr.write(question);
  stdin.setRawMode(true);
  stdin.resume();
  stdin.setEncoding('utf8');
  try {
    return await new Promise<string>((resolve, reject) => {
      let typed = '';
      const onData = (chunk: string) => {
        for (const ch of chunk) {
          if (ch === '\r' || ch === '\n') {
            stdin.off('data', onData);
            process.stderr.write('\n');
            resolve(typed);
            return;
          }
          if (ch === '\u0003') {
            stdin.off('data', onData);
            reject(new AppError('PASSWORD_MISSING', { variable: 'a typed answer' }));
            return;
          }
          if (ch === '\u007f' || ch === '\b') typed = [...typed].slice(0, -1).join('');
          else typed += ch;
        }
      };
      stdin.on('data', onData);
    });
  } finally {
    stdin.setRawMode(false);
    stdin.pause();
  }
};

function promptOf(io: CliIo): SecretPrompt {
  // Tests give their own streams: only the real process has a terminal to ask on.
  return io.stdin === process.stdin ? terminalPrompt : async () => null;
}

/** A password: `variable`, else the terminal; PASSWORD_MISSING when neither can give one. */
export async function readPassword(io: CliIo, variable: string, question: string): Promise<string> {
  const fromEnv = io.env[variable];
  if (fromEnv !== undefined && fromEnv !== '') return fromEnv;
  const typed = await promptOf(io)(question);
  if (typed === null || typed === '') throw new AppError('PASSWORD_MISSING', { variable });
  return typed;
}

/** A new password, asked twice on a terminal (a typo would lock the account out). */
export async function readNewPassword(io: CliIo, question: string, again: string): Promise<string> {
  const fromEnv = io.env[NEW_PASSWORD_ENV];
  if (fromEnv !== undefined && fromEnv !== '') return fromEnv;
  const prompt = promptOf(io);
  const first = await prompt(question);
  if (first === null || first === '') throw new AppError('PASSWORD_MISSING', { variable: NEW_PASSWORD_ENV });
  if ((await prompt(again)) !== first) throw new AppError('PASSWORD_MISMATCH');
  return first;
}

/** Whether the passphrase is in the environment (so reading commands may unlock without asking). */
export function passphraseInEnv(io: CliIo): boolean {
  const value = io.env[PASSPHRASE_ENV];
  return value !== undefined && value.trim() !== '';
}

/** The passphrase: CUP_PAYOUTS_PASSPHRASE (verbatim), else the terminal. */
export async function readPassphrase(io: CliIo, question: string): Promise<string> {
  if (passphraseInEnv(io)) return io.env[PASSPHRASE_ENV] as string;
  const typed = await promptOf(io)(question);
  if (typed === null || typed === '') {
    throw new CredentialsError(
      'PASSPHRASE_MISSING',
      `Set ${PASSPHRASE_ENV} to the passphrase of this database.`,
    );
  }
  return typed;
}

/** A new passphrase: the environment's, or typed twice on a terminal (a typo would lock the data away). */
export async function readNewPassphrase(io: CliIo, question: string, again: string): Promise<string> {
  if (passphraseInEnv(io)) return io.env[PASSPHRASE_ENV] as string;
  const first = await readPassphrase(io, question);
  if ((await promptOf(io)(again)) !== first) throw new AppError('PASSWORD_MISMATCH');
  return first;
}
