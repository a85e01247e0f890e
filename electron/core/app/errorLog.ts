/**
 * Unexpected failures are never dropped: each is written to a log file in the app's data folder with a
 * reference id, and the user is shown that id. What is written is redacted like everything else the console
 * prints: card-number-like digits masked, known secrets cut out.
 */
import { appendFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { redact } from '../providers/redact.js';
import { redactSecrets } from '../credentials/redact.js';

export interface ErrorLog {
  /** The log file. */
  readonly path: string;
  /** Writes the failure; returns its reference id. Never throws. */
  record(error: unknown, where: string): string;
  /** A secret this process now holds (a provider key): cut out of everything written from now on. */
  addSecret(secret: string): void;
}

export function createErrorLog(dir: string, now: () => Date = () => new Date()): ErrorLog {
  const path = join(dir, 'errors.log');
  const secrets: string[] = [];
  const clean = (text: string) => redactSecrets(redact(text), secrets);
  return {
    path,
    record(error, where) {
      const at = now();
      const reference = `E-${at.toISOString().slice(0, 10).replaceAll('-', '')}-${randomBytes(3).toString('hex').toUpperCase()}`;
      const entry = {
        reference,
        at: at.toISOString(),
        where,
        error: error instanceof Error ? error.name : typeof error,
        message: clean(error instanceof Error ? error.message : String(error)),
        // The stack names our own source lines; it is for the people who fix the defect, never shown on screen.
        stack: error instanceof Error && error.stack ? clean(error.stack) : null,
      };
      try {
        mkdirSync(dir, { recursive: true });
        appendFileSync(path, JSON.stringify(entry) + '\n', { mode: 0o600 });
      } catch {
        // A log that cannot be written must not hide the failure itself: the reference is still shown.
      }
      return reference;
    },
    addSecret(secret) {
      if (secret) secrets.push(secret);
    },
  };
}
