/** What every operation runs with: the services of this console, and who is asking in which language. */
import type { SecretCipher } from '../credentials/cipher.js';
import type { ReferenceData } from '../reference/referenceData.js';
import type { ConsoleStore } from '../store/ports.js';
import type { AuditRecord, BatchRecord } from '../store/types.js';
import type { Lang } from '../types.js';
import type { AccessPolicy, Action } from './access.js';
import type { ErrorLog } from './errorLog.js';
import type { EventHub } from './events.js';
import type { SendingService } from './sending.js';

/** Who is asking, in which language. */
export interface Caller {
  /** The acting person's name; required for every operation that changes something. */
  actor: string | null;
  lang: Lang;
}

export interface Services {
  /** Null when the console runs without a database (validating a file only). */
  store: ConsoleStore | null;
  reference: ReferenceData;
  now: () => Date;
  events: EventHub;
  access: AccessPolicy;
  /** Seals and opens provider secrets (a passphrase on the command line, the OS key store in the app). */
  cipher: () => SecretCipher;
  sending: SendingService;
  errors: ErrorLog;
  version: string;
}

export interface OperationContext extends Services, Caller {}

/** What an operation that changes something runs with: a store, a named actor, and its audit entry. */
export interface MutationContext extends OperationContext {
  store: ConsoleStore;
  actor: string;
  /** The batch acted on, when the operation names one (checked to exist). */
  batch: BatchRecord | null;
  /** This operation's audit entry, to hand to the store method that makes the change. */
  audit(details?: Record<string, unknown>): AuditRecord;
  action: Action;
}
