/** What every operation runs with: the services of this console, and who is asking in which language. */
import type { ReferenceData } from '../reference/referenceData.js';
import type { ConsoleStore } from '../store/ports.js';
import type { AuditRecord, BatchRecord } from '../store/types.js';
import type { Lang } from '../types.js';
import type { AccessPolicy, Action, Principal } from './access.js';
import type { ErrorLog } from './errorLog.js';
import type { EventHub } from './events.js';
import type { Keyring } from './keyring.js';
import type { SendingService } from './sending.js';
import type { SessionRegistry } from './sessions.js';

/** Who is asking, in which language. */
export interface Caller {
  lang: Lang;
  /** The token of the caller's signed-in session (from `signIn`); null when nobody is signed in. */
  session: string | null;
  /**
   * Reading without signing in: the command line, where reading the database is governed by the file's own
   * permissions (and nothing read shows clear payee data). The desktop app and the browser never set it.
   */
  readsWithoutSession?: boolean;
}

export interface Services {
  /** Null when the console runs without a database (validating a file only). */
  store: ConsoleStore | null;
  reference: ReferenceData;
  /** The console's `resources/` folder (reference tables, payout file templates). */
  resourcesDir: string;
  now: () => Date;
  events: EventHub;
  access: AccessPolicy;
  /** The installation key: unlocks payee data, provider secrets, the audit chain and approval seals. */
  keyring: Keyring;
  sessions: SessionRegistry;
  sending: SendingService;
  errors: ErrorLog;
  version: string;
}

export interface OperationContext extends Services, Caller {
  /** The signed-in person, when there is one (always, for a mutation). */
  principal: Principal | null;
}

/** What an operation that changes something runs with: a store, a signed-in actor, and its audit entry. */
export interface MutationContext extends OperationContext {
  store: ConsoleStore;
  principal: Principal;
  /** The signed-in person's account name (what the audit trail records). */
  actor: string;
  /** The batch acted on, when the operation names one (checked to exist). */
  batch: BatchRecord | null;
  /** This operation's audit entry, to hand to the store method that makes the change. */
  audit(details?: Record<string, unknown>): AuditRecord;
  action: Action;
}
