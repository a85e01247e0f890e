/** Names of states and statuses in the page's language, for any value the main process may report. */
import { useI18n } from 'vue-i18n';

export function useStateLabels() {
  const { t, te } = useI18n();
  /** A payout's state; a draft batch's payouts are drafts too; a state without a name shows as reported. */
  function payoutState(state: string): string {
    if (te(`labels.payoutState.${state}`)) return t(`labels.payoutState.${state}`);
    if (te(`labels.batchStatus.${state}`)) return t(`labels.batchStatus.${state}`);
    return state;
  }
  function batchStatus(status: string): string {
    return te(`labels.batchStatus.${status}`) ? t(`labels.batchStatus.${status}`) : status;
  }
  return { payoutState, batchStatus };
}
