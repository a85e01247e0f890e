/** Names of states and statuses in the page's language, for any value the main process may report. */
import { useI18n } from 'vue-i18n';
import type { BatchKind } from '../../../../../electron/contract/records';

export function useStateLabels() {
  const { t, te } = useI18n();
  /**
   * A payout's state; a draft batch's payouts are drafts too; a state without a name shows as reported. A
   * refund's state where the payout's name would mislead (a refund is "refunded", not "paid").
   */
  function payoutState(state: string, kind: BatchKind = 'payout'): string {
    if (kind === 'refund' && te(`labels.refundState.${state}`)) return t(`labels.refundState.${state}`);
    if (te(`labels.payoutState.${state}`)) return t(`labels.payoutState.${state}`);
    if (te(`labels.batchStatus.${state}`)) return t(`labels.batchStatus.${state}`);
    return state;
  }
  function batchStatus(status: string): string {
    return te(`labels.batchStatus.${status}`) ? t(`labels.batchStatus.${status}`) : status;
  }
  return { payoutState, batchStatus };
}
