/**
 * Who may do what: the single place where permissions are checked. Today every named person may do every
 * action except one: nobody approves a batch they imported (four eyes). Roles plug in here as another policy.
 */
import type { BatchRecord } from '../store/types.js';
import { AppError } from './errors.js';

/** Actions that change something; each is also the audit trail's name for it. */
export type Action =
  | 'batch.import'
  | 'batch.approve'
  | 'batch.reject'
  | 'batch.submit'
  | 'batch.pause'
  | 'batch.resume'
  | 'batch.cancel'
  | 'batch.recheck'
  | 'banks.refresh'
  | 'credentials.set'
  | 'credentials.delete'
  | 'settings.change';

export interface AccessRequest {
  actor: string;
  action: Action;
  /** The batch acted on, for actions on a batch. */
  batch: BatchRecord | null;
}

export interface AccessPolicy {
  /** Throws an AppError when the actor may not take the action. */
  authorize(request: AccessRequest): void;
}

/**
 * Characters that print as nothing: format and control characters, spaces, everything Unicode says to ignore
 * when it cannot be shown (joiners, variation selectors, Hangul fillers), and the blank Braille pattern.
 */
const INVISIBLE = /[\p{Cf}\p{Cc}\p{Z}\p{Default_Ignorable_Code_Point}\u2800]/gu;

/**
 * A name as the four-eyes rule compares it: compatibility forms folded (full-width letters), invisible
 * characters removed, case ignored. `ａｌｉｃｅ`, `Alice`, `alice\u200b` and `alice\u3164` are one person; a
 * name of nothing but invisible characters is no name (empty).
 */
export function personKey(name: string): string {
  return name.normalize('NFKC').replace(INVISIBLE, '').toLowerCase();
}

export const fourEyesPolicy: AccessPolicy = {
  authorize({ actor, action, batch }) {
    if (action === 'batch.approve' && batch && personKey(batch.created_by) === personKey(actor)) {
      throw new AppError('SAME_USER_APPROVAL', { batchId: batch.id, importer: batch.created_by });
    }
  },
};
