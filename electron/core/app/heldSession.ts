/**
 * The signed-in session of a window (the desktop app) or a page (browser mode): its token stays here, in the
 * trusted process, and never reaches the renderer. `signIn` and `unlockSession` keep the token they return
 * and answer with the session alone; `signOut` forgets it; every other call carries it.
 */
import type { Result } from '../../contract/result.js';
import type { Lang } from '../types.js';
import type { ConsoleApp } from './app.js';

export interface HeldSession {
  call(name: string, input: unknown, lang: Lang): Promise<Result<unknown>>;
  /** Whether someone signed in here (and has not signed out): only then does the page get events. */
  signedIn(): boolean;
}

export function holdSession(app: ConsoleApp): HeldSession {
  let token: string | null = null;
  return {
    async call(name, input, lang) {
      const result = await app.callByName(name, input, { lang, session: token });
      if (!result.ok) return result;
      if (name === 'signIn' || name === 'unlockSession') {
        const value = result.value as { token: string | null };
        token = value.token;
        return { ok: true, value: { ...value, token: null } };
      }
      if (name === 'signOut') token = null;
      return result;
    },
    signedIn: () => token !== null,
  };
}
