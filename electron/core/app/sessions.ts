/**
 * Signed-in sessions of one running console. A session is a random token held by the shell that signed in
 * (the CLI process, the desktop main process for its window, the browser bridge); it locks after a time
 * without activity and is then opened again only with the password. Sessions live in memory only: a restart
 * signs everybody out.
 */
import { randomBytes } from 'node:crypto';
import { AppError } from './errors.js';

interface Session {
  user: string;
  lastActiveMs: number;
  locked: boolean;
}

export interface SessionRegistry {
  open(user: string, nowMs: number): string;
  /**
   * The session's user, its activity recorded; SIGN_IN_REQUIRED for an unknown token, SESSION_LOCKED once it
   * was idle longer than `idleMs` (it stays locked until `reopen`).
   */
  use(token: string, nowMs: number, idleMs: number): string;
  /** The user of a session, locked or not (to ask for their password); null for an unknown token. */
  userOf(token: string): string | null;
  reopen(token: string, nowMs: number): void;
  close(token: string): void;
  /** Ends every session of a user (disabled, password reset). */
  closeUser(user: string): void;
}

export function createSessionRegistry(): SessionRegistry {
  const sessions = new Map<string, Session>();
  return {
    open(user, nowMs) {
      const token = randomBytes(32).toString('base64url');
      sessions.set(token, { user, lastActiveMs: nowMs, locked: false });
      return token;
    },
    use(token, nowMs, idleMs) {
      const session = sessions.get(token);
      if (!session) throw new AppError('SIGN_IN_REQUIRED');
      if (session.locked || nowMs - session.lastActiveMs > idleMs) {
        session.locked = true;
        throw new AppError('SESSION_LOCKED', { user: session.user });
      }
      session.lastActiveMs = nowMs;
      return session.user;
    },
    userOf: (token) => sessions.get(token)?.user ?? null,
    reopen(token, nowMs) {
      const session = sessions.get(token);
      if (!session) throw new AppError('SIGN_IN_REQUIRED');
      session.locked = false;
      session.lastActiveMs = nowMs;
    },
    close(token) {
      sessions.delete(token);
    },
    closeUser(user) {
      for (const [token, session] of sessions) if (session.user === user) sessions.delete(token);
    },
  };
}
