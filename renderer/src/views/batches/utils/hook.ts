/** The batch screens' behaviour: staying live on the main process's events, a batch's detail, its actions. */
import { ElMessage, ElMessageBox } from 'element-plus';
import { computed, ref, watch } from 'vue';
import { useI18n } from 'vue-i18n';
import { useRouter } from 'vue-router';
import type { OperationError } from '../../../../../electron/contract/api';
import type { ConsoleEvent } from '../../../../../electron/contract/events';
import type { BatchView } from '../../../../../electron/contract/records';
import { useConsoleEvents } from '../../../composables/useConsoleEvents';
import { throttle, useLoader } from '../../../composables/useLoader';
import { formatCount, formatYuan } from '../../../format';
import { language } from '../../../locales';
import { useConsoleStore } from '../../../stores/console';
import { saveExport } from './download';
import { changesBatch } from './events';
import { isRefundBatch } from './kind';
import type { BatchAction } from './status';

/** How often at most a screen reads again while events pour in (a batch of 100,000 payouts settling). */
export const LIVE_REFRESH_MS = 300;

/**
 * Reads the screen's data again when an event concerns it, at most once per LIVE_REFRESH_MS: the first event
 * of a burst reads at once (a status change is on screen well within a second), the rest fold into one more.
 */
export function useLiveRefresh(reload: () => unknown, concerns: (event: ConsoleEvent) => boolean): void {
  const refresh = throttle(() => void reload(), LIVE_REFRESH_MS);
  useConsoleEvents((event) => {
    if (concerns(event)) refresh();
  });
}

/** The engine's last progress report (it covers every batch being sent, not one). */
export type SendingProgress = Extract<ConsoleEvent, { type: 'sending.progress' }>;

/** Page sizes of the payouts grid: a page is read at a time, however many payouts the batch has. */
export const PAGE_SIZES = [50, 100, 200, 500];

/**
 * A batch's detail screen: the batch and one page of its payouts, filtered by state and provider code, read
 * again live while it changes; the bank and region names of its payouts; the engine's progress.
 */
export function useBatchDetail(batchId: () => number) {
  const store = useConsoleStore();
  const page = ref(1);
  const pageSize = ref(100);
  const states = ref<string[]>([]);
  const code = ref('');

  const detail = useLoader(() => {
    const wanted = code.value.trim();
    return store.call('batchDetail', {
      batchId: batchId(),
      offset: (page.value - 1) * pageSize.value,
      limit: pageSize.value,
      ...(states.value.length > 0 ? { states: states.value } : {}),
      ...(wanted ? { code: wanted } : {}),
    });
  });
  // The review's breakdowns name every bank and region the batch's payouts use, in the page's language.
  const review = useLoader(() => store.call('approvalReview', { batchId: batchId() }));
  const names = computed(() => ({
    bank: new Map((review.data.value?.by_bank ?? []).map((line) => [line.key, line.label])),
    region: new Map((review.data.value?.by_region ?? []).map((line) => [line.key, line.label])),
  }));

  const engine = ref<SendingProgress | null>(null);
  const batch = computed(() => detail.data.value?.batch ?? null);

  watch([page, pageSize], () => void detail.reload());
  watch([states, code], () => {
    if (page.value !== 1) page.value = 1;
    else void detail.reload();
  });
  watch(batchId, () => {
    states.value = [];
    code.value = '';
    page.value = 1;
    engine.value = null;
    void detail.reload();
    void review.reload();
  });

  useConsoleEvents((event) => {
    if (event.type === 'sending.progress') engine.value = event;
  });
  useLiveRefresh(detail.reload, (event) => changesBatch(event, batchId(), batch.value?.status === 'sending'));

  return { detail, batch, names, engine, page, pageSize, states, code };
}

/** What an action answers with, for its success message. */
type ActionOutcome = { cancelled?: number; checked?: number; changed?: number };

/**
 * The actions on a batch: each asked for once at a time, confirmed first when it sends, stops or cancels
 * payouts, its failure kept on screen with the main process's message and code.
 */
export function useBatchActions(batch: () => BatchView | null, changed: () => unknown) {
  const store = useConsoleStore();
  const router = useRouter();
  const { t } = useI18n();
  const busy = ref<BatchAction | 'export' | null>(null);
  const failure = ref<OperationError | null>(null);

  const environmentName = () => t(`labels.environment.${store.info?.environment ?? 'sandbox'}`);

  function confirmation(action: BatchAction, target: BatchView): string | null {
    const words = {
      id: target.id,
      count: formatCount(target.payout_count, language.value),
      total: formatYuan(target.total_fen),
      environment: environmentName(),
    };
    switch (action) {
      case 'submit':
        return isRefundBatch(target)
          ? t('batches.refunds.confirmSubmit', words)
          : t('batches.action.confirmSubmit', words);
      case 'pause':
        return t('batches.action.confirmPause', words);
      case 'resume':
        return t('batches.action.confirmResume', words);
      case 'cancel':
        return t('batches.action.confirmCancel', words);
      default:
        return null;
    }
  }

  async function confirmed(action: BatchAction, message: string): Promise<boolean> {
    try {
      await ElMessageBox.confirm(message, t('batches.action.confirmTitle'), {
        type: action === 'cancel' ? 'error' : 'warning',
        confirmButtonText: t(`batches.action.${action}`),
        cancelButtonText: t('batches.action.back'),
        confirmButtonClass: action === 'cancel' ? 'el-button--danger' : '',
        autofocus: false,
        closeOnClickModal: false,
      });
      return true;
    } catch {
      return false;
    }
  }

  async function call(action: BatchAction, batchId: number): Promise<ActionOutcome | OperationError> {
    const input = { batchId };
    switch (action) {
      case 'submit': {
        const result = await store.call('submitBatch', input);
        return result.ok ? {} : result.error;
      }
      case 'pause': {
        const result = await store.call('pauseBatch', input);
        return result.ok ? {} : result.error;
      }
      case 'resume': {
        const result = await store.call('resumeBatch', input);
        return result.ok ? {} : result.error;
      }
      case 'cancel': {
        const result = await store.call('cancelBatch', input);
        return result.ok ? { cancelled: result.value.cancelled_payouts } : result.error;
      }
      default: {
        const result = await store.call('recheckBatch', input);
        return result.ok ? { checked: result.value.checked, changed: result.value.changed } : result.error;
      }
    }
  }

  const DONE: Record<Exclude<BatchAction, 'approve'>, string> = {
    submit: 'batches.action.submitted',
    pause: 'batches.action.paused',
    resume: 'batches.action.resumed',
    cancel: 'batches.action.cancelled',
    recheck: 'batches.action.rechecked',
  };

  async function run(action: BatchAction): Promise<void> {
    const target = batch();
    if (!target || busy.value) return;
    if (action === 'approve') {
      await router.push(`/batches/${target.id}/review`);
      return;
    }
    const message = confirmation(action, target);
    if (message !== null && !(await confirmed(action, message))) return;
    busy.value = action;
    failure.value = null;
    try {
      const outcome = await call(action, target.id);
      if ('code' in outcome) {
        failure.value = outcome;
        return;
      }
      ElMessage.success(
        t(DONE[action], {
          id: target.id,
          n: formatCount(outcome.cancelled ?? 0, language.value),
          checked: formatCount(outcome.checked ?? 0, language.value),
          changed: formatCount(outcome.changed ?? 0, language.value),
        }),
      );
      void changed();
    } finally {
      busy.value = null;
    }
  }

  async function exportResults(): Promise<void> {
    const target = batch();
    if (!target || busy.value) return;
    busy.value = 'export';
    failure.value = null;
    try {
      const result = await store.call('exportBatchResults', { batchId: target.id });
      if (!result.ok) {
        failure.value = result.error;
        return;
      }
      saveExport(result.value);
      ElMessage.success(
        t('batches.action.exported', {
          rows: formatCount(result.value.rows, language.value),
          file: result.value.file_name,
        }),
      );
    } finally {
      busy.value = null;
    }
  }

  return { busy, failure, run, exportResults };
}
