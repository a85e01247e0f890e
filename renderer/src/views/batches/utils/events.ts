/** Which of the main process's events change what a batch screen shows. */
import type { ConsoleEvent } from '../../../../../electron/contract/events';

/** A batch's status or its payouts changed: any list of batches or payouts is out of date. */
export function changesBatches(event: ConsoleEvent): boolean {
  return event.type === 'batch.changed' || event.type === 'payouts.changed';
}

/**
 * This batch's status or payouts changed; or, while it is being sent, the engine reported progress (its
 * payouts are moving even before their batch's event arrives).
 */
export function changesBatch(event: ConsoleEvent, batchId: number, sending: boolean): boolean {
  switch (event.type) {
    case 'batch.changed':
      return event.batch_id === batchId;
    case 'payouts.changed':
      return event.batch_ids.includes(batchId);
    case 'sending.progress':
      return sending;
    default:
      return false;
  }
}
