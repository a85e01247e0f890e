/** The approval screen's behaviour: the review read live, the typed totals checked, approve and reject. */
import { ElMessage } from 'element-plus';
import { computed, reactive, ref } from 'vue';
import { useI18n } from 'vue-i18n';
import { useRouter } from 'vue-router';
import type { OperationError } from '../../../../../electron/contract/api';
import { useLoader } from '../../../composables/useLoader';
import { useConsoleStore } from '../../../stores/console';
import { changesBatch } from '../../batches/utils/events';
import { useLiveRefresh } from '../../batches/utils/hook';
import { checkConfirmation } from './confirm';

export function useApproval(batchId: () => number) {
  const store = useConsoleStore();
  const router = useRouter();
  const { t } = useI18n();

  const review = useLoader(() => store.call('approvalReview', { batchId: batchId() }));
  // Another approver may approve or reject it meanwhile: the screen then says this person no longer may.
  useLiveRefresh(review.reload, (event) => changesBatch(event, batchId(), false));

  const typed = reactive({ count: '', total: '', comment: '' });
  const check = computed(() =>
    review.data.value
      ? checkConfirmation(typed, review.data.value)
      : checkConfirmation(typed, { payout_count: -1, total_fen: -1 }),
  );
  const busy = ref<'approve' | 'reject' | null>(null);
  const approveFailure = ref<OperationError | null>(null);

  async function approve(): Promise<void> {
    const confirmed = check.value.confirmed;
    if (!confirmed || busy.value) return;
    busy.value = 'approve';
    approveFailure.value = null;
    try {
      const comment = typed.comment.trim();
      const result = await store.call('approveBatch', {
        batchId: batchId(),
        ...confirmed,
        ...(comment ? { comment } : {}),
      });
      if (!result.ok) {
        approveFailure.value = result.error;
        return;
      }
      const more = result.value.approvals_needed ?? 0;
      ElMessage.success(
        more > 0 ? t('approval.approvalRecorded', { n: more }) : t('approval.approved', { id: batchId() }),
      );
      await router.push(`/batches/${batchId()}`);
    } finally {
      busy.value = null;
    }
  }

  /** Rejects with the reason; the failure (if any) for the dialog to show. */
  async function reject(reason: string): Promise<OperationError | null> {
    if (busy.value) return null;
    busy.value = 'reject';
    try {
      const result = await store.call('rejectBatch', { batchId: batchId(), reason: reason.trim() });
      if (!result.ok) return result.error;
      ElMessage.success(t('approval.rejected', { id: batchId() }));
      await router.push(`/batches/${batchId()}`);
      return null;
    } finally {
      busy.value = null;
    }
  }

  return { review, typed, check, busy, approveFailure, approve, reject };
}
