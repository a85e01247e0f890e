import { defineStore } from 'pinia';
import { ref } from 'vue';
import type {
  AppInfo,
  ConsoleEvent,
  ConsoleEventListener,
  OperationError,
  OperationInput,
  OperationName,
  OperationOutput,
  Result,
  SecurityStatus,
  SessionView,
} from '../../../electron/contract/api';
import { rolesAllow, type Action } from '../../../electron/contract/roles';

/**
 * Which screen the window shows: asking the console how it stands, creating the first admin, signing in, a
 * locked session waiting for its password, or the console itself.
 */
export type Phase = 'starting' | 'initialise' | 'signIn' | 'unlock' | 'ready';

/** What the renderer itself has to say on a form (the main process's own messages arrive translated). */
export type Notice = 'sessionEnded' | 'signedOut' | null;

/** A call that failed in the transport itself (the bridge down, say): shown like an operation's failure. */
function transportFailure(error: unknown): OperationError {
  return { code: 'UNAVAILABLE', message: error instanceof Error ? error.message : String(error) };
}

async function settle<T>(call: Promise<Result<T>>): Promise<Result<T>> {
  try {
    return await call;
  } catch (error) {
    return { ok: false, error: transportFailure(error) };
  }
}

/**
 * The console's state in the window: who is signed in, and what the main process reported last, kept live by
 * its events. The session's token stays in the main process (or the browser bridge): signing in here only
 * tells it to hold one, and every later call goes out under it.
 */
export const useConsoleStore = defineStore('console', () => {
  const phase = ref<Phase>('starting');
  const security = ref<SecurityStatus | null>(null);
  const session = ref<SessionView | null>(null);
  /** Why the console could not say how it stands (the start screen offers to ask again). */
  const startError = ref<OperationError | null>(null);
  /** The last failure of a form (initialise, sign in, unlock), as the main process said it. */
  const formError = ref<OperationError | null>(null);
  const notice = ref<Notice>(null);
  /** The session-locked message, naming whose session it is. */
  const lockMessage = ref<string | null>(null);
  /** Signing in needs the passphrase first: the key of this database is not kept by this computer yet. */
  const needsPassphrase = ref(false);
  const busy = ref(false);

  const info = ref<AppInfo | null>(null);
  /** The engine stopped or failed (from the event stream). */
  const engineError = ref<OperationError | null>(null);
  /**
   * Bumped when the screens' data must be read again: someone signed in, the session opened again, the
   * language changed (the main process's messages come back in the new one).
   */
  const dataGeneration = ref(0);

  /** What to run again once a locked session is open again. */
  let retry: (() => Promise<void>) | null = null;
  /** Screens listening to the main process's events (only while someone is signed in). */
  const listeners = new Set<ConsoleEventListener>();

  function clearData(): void {
    engineError.value = null;
  }

  function showForm(next: 'initialise' | 'signIn', error: OperationError | null, why: Notice = null): void {
    session.value = null;
    retry = null;
    lockMessage.value = null;
    clearData();
    formError.value = error;
    notice.value = why;
    phase.value = next;
  }

  /**
   * A call refused for the session's sake: locked (ask for the password, then run `again`), gone (sign in
   * again), or its account disabled. True when handled here.
   */
  function sessionProblem(error: OperationError, again: () => Promise<void>): boolean {
    if (error.code === 'SESSION_LOCKED') {
      retry = again;
      lockMessage.value = error.message;
      formError.value = null;
      phase.value = 'unlock';
      return true;
    }
    if (error.code === 'SIGN_IN_REQUIRED') {
      showForm('signIn', null, 'sessionEnded');
      return true;
    }
    if (error.code === 'ACCOUNT_DISABLED') {
      showForm('signIn', error);
      return true;
    }
    return false;
  }

  /** Asks how the console stands: no account yet, a session the main process still holds, or neither. */
  async function start(): Promise<void> {
    phase.value = 'starting';
    startError.value = null;
    const [status, appInfo] = await Promise.all([
      settle(window.cupConsole.securityStatus(undefined)),
      settle(window.cupConsole.appInfo(undefined)),
    ]);
    if (appInfo.ok) info.value = appInfo.value;
    if (!status.ok) {
      startError.value = status.error;
      return;
    }
    security.value = status.value;
    if (!status.value.initialised) return showForm('initialise', null);
    // A reloaded window: the main process may still hold its session.
    const current = await settle(window.cupConsole.currentSession(undefined));
    if (current.ok) return enter(current.value);
    if (current.error.code === 'SESSION_LOCKED') {
      session.value = null;
      sessionProblem(current.error, load);
      return;
    }
    showForm('signIn', current.error.code === 'SIGN_IN_REQUIRED' ? null : current.error);
  }

  function enter(signedIn: SessionView): Promise<void> {
    session.value = signedIn;
    formError.value = null;
    notice.value = null;
    lockMessage.value = null;
    needsPassphrase.value = false;
    phase.value = 'ready';
    return load();
  }

  /** Runs a form's call once at a time; a failure stays on the form. */
  async function submit(work: () => Promise<void>): Promise<void> {
    if (busy.value) return;
    busy.value = true;
    formError.value = null;
    notice.value = null;
    try {
      await work();
    } catch (error) {
      formError.value = transportFailure(error);
    } finally {
      busy.value = false;
    }
  }

  /** The first admin (and the database's key, wrapped also by `passphrase` when given), then signed in. */
  function initialise(admin: string, password: string, passphrase: string | null): Promise<void> {
    return submit(async () => {
      const made = await window.cupConsole.initialise({ admin, password, passphrase });
      if (!made.ok) {
        if (made.error.code === 'ALREADY_INITIALISED') showForm('signIn', made.error);
        else formError.value = made.error;
        return;
      }
      security.value = security.value && { ...security.value, initialised: true };
      await signInNow(admin, password);
      // The account exists now: a sign-in that still failed is tried again on the sign-in form.
      if (phase.value === 'initialise') showForm('signIn', formError.value);
    });
  }

  /** Signs in; with `passphrase`, first opens the key this computer does not keep yet. */
  function signIn(name: string, password: string, passphrase?: string): Promise<void> {
    return submit(async () => {
      if (passphrase !== undefined) {
        const opened = await window.cupConsole.unlockKey({ passphrase });
        if (!opened.ok) {
          formError.value = opened.error;
          return;
        }
        security.value = opened.value;
      }
      await signInNow(name, password);
    });
  }

  async function signInNow(name: string, password: string): Promise<void> {
    const signedIn = await window.cupConsole.signIn({ name, password });
    if (signedIn.ok) return enter(signedIn.value.session);
    if (signedIn.error.code === 'NOT_INITIALISED') return showForm('initialise', signedIn.error);
    if (signedIn.error.code === 'KEY_NEEDS_PASSPHRASE') needsPassphrase.value = true;
    formError.value = signedIn.error;
  }

  /** Opens the locked session again with its user's password, then runs what it refused. */
  function unlock(password: string): Promise<void> {
    return submit(async () => {
      const opened = await window.cupConsole.unlockSession({ password });
      if (!opened.ok) {
        if (opened.error.code === 'SIGN_IN_REQUIRED') showForm('signIn', null, 'sessionEnded');
        else formError.value = opened.error;
        return;
      }
      const again = retry ?? load;
      retry = null;
      lockMessage.value = null;
      phase.value = 'ready';
      if (session.value === null) {
        const current = await window.cupConsole.currentSession(undefined);
        if (current.ok) session.value = current.value;
      }
      await again();
    });
  }

  async function signOut(): Promise<void> {
    busy.value = true;
    try {
      await settle(window.cupConsole.signOut(undefined));
    } finally {
      busy.value = false;
    }
    showForm('signIn', null, 'signedOut');
  }

  /** The console's state (environment, gate) read again, and every screen told to read its data again. */
  async function load(): Promise<void> {
    if (phase.value !== 'ready') return;
    const infoResult = await settle(window.cupConsole.appInfo(undefined));
    if (infoResult.ok) info.value = infoResult.value;
    dataGeneration.value += 1;
  }

  /**
   * Calls an operation under the held session. A session that locked meanwhile asks for its password and the
   * call is made again once it is open; a session that ended returns to the sign-in form. Either way the
   * caller gets the call's Result (a transport failure as UNAVAILABLE), never an exception.
   */
  async function call<K extends OperationName>(
    name: K,
    input: OperationInput<K>,
  ): Promise<Result<OperationOutput<K>>> {
    const invoke = window.cupConsole[name] as (
      value: OperationInput<K>,
    ) => Promise<Result<OperationOutput<K>>>;
    const result = await settle(invoke(input));
    if (result.ok) return result;
    if (result.error.code === 'SESSION_LOCKED') {
      return new Promise((resolve) => {
        sessionProblem(result.error, async () => resolve(await call(name, input)));
      });
    }
    sessionProblem(result.error, load);
    return result;
  }

  /** Whether the signed-in person may take an action (the main process checks it again). */
  function can(action: Action): boolean {
    return session.value !== null && rolesAllow(session.value.user.roles, action);
  }

  /** Subscribes a screen to the event stream; returns the unsubscribe function. */
  function onEvent(listener: ConsoleEventListener): () => void {
    listeners.add(listener);
    return () => listeners.delete(listener);
  }

  /**
   * The page's language changed: what the main process said is asked again in it (the list, the locked
   * session's message, a failed start). A form's refusal is not: asking again would be another attempt.
   */
  async function relocalise(): Promise<void> {
    if (phase.value === 'ready') return load();
    if (phase.value === 'starting' && startError.value) return start();
    if (phase.value !== 'unlock') return;
    const current = await settle(window.cupConsole.currentSession(undefined));
    if (phase.value !== 'unlock') return;
    if (current.ok) {
      session.value = current.value;
      const again = retry ?? load;
      retry = null;
      phase.value = 'ready';
      return again();
    }
    if (!sessionProblem(current.error, retry ?? load)) formError.value = current.error;
  }

  /** The main process's events, passed on to the screens listening while someone is signed in. */
  function follow(): () => void {
    return window.cupConsole.onEvent((event: ConsoleEvent) => {
      if (phase.value !== 'ready') return;
      if (event.type === 'engine.error') engineError.value = { code: event.code, message: event.message };
      for (const listener of listeners) listener(event);
    });
  }

  return {
    phase,
    security,
    session,
    startError,
    formError,
    notice,
    lockMessage,
    needsPassphrase,
    busy,
    info,
    engineError,
    dataGeneration,
    start,
    initialise,
    signIn,
    unlock,
    signOut,
    load,
    relocalise,
    follow,
    call,
    can,
    onEvent,
  };
});
