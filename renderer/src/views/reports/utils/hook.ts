/** The report screen's behaviour: its scope, the report page by page, and its exports. */
import { ElMessage } from 'element-plus';
import { computed, ref, watch } from 'vue';
import { useI18n } from 'vue-i18n';
import { useRoute } from 'vue-router';
import type { OperationError, Result } from '../../../../../electron/contract/api';
import type { PayoutReport, ReportEncoding, ReportFormat } from '../../../../../electron/contract/records';
import { useConsoleEvents } from '../../../composables/useConsoleEvents';
import { throttle, useLoader } from '../../../composables/useLoader';
import { formatCount } from '../../../format';
import { language } from '../../../locales';
import { useConsoleStore } from '../../../stores/console';
import { changesBatches } from '../../batches/utils/events';
import { saveReportFile } from './download';
import { monthRange, scopeInput, type ScopeMode } from './scope';

export const PAGE_SIZES = [20, 50, 100, 200];
const REPORT_REFRESH_MS = 3_000;

/** A batch named in the address (`#/reports?batch=12`): the report opens on it. */
function batchInAddress(value: unknown): number | null {
  const id = Number(Array.isArray(value) ? value[0] : value);
  return Number.isSafeInteger(id) && id > 0 ? id : null;
}

/**
 * The report: a batch or a range of days (this month at first), its summary and one page of its payouts,
 * read again when the scope or the page changes and while payouts in it settle.
 */
export function useReport() {
  const store = useConsoleStore();
  const route = useRoute();
  const fromAddress = batchInAddress(route.query['batch']);

  const mode = ref<ScopeMode>(fromAddress === null ? 'range' : 'batch');
  const batchId = ref<number | null>(fromAddress);
  const range = ref<[string, string] | null>(monthRange(new Date()));
  const page = ref(1);
  const pageSize = ref(50);

  const scope = computed(() => scopeInput({ mode: mode.value, batchId: batchId.value, range: range.value }));

  const batches = useLoader(() => store.call('listBatches', {}));
  // No scope yet (no batch picked): nothing to read, and nothing shown but the prompt to pick one.
  const report = useLoader(async (): Promise<Result<PayoutReport | null>> => {
    const wanted = scope.value;
    if (!wanted) return { ok: true, value: null };
    return store.call('payoutReport', {
      ...wanted,
      offset: (page.value - 1) * pageSize.value,
      limit: pageSize.value,
    });
  });

  watch([page, pageSize], () => void report.reload());
  watch(scope, () => {
    if (page.value !== 1) page.value = 1;
    else void report.reload();
  });
  // A report sums every payout in scope: while payouts settle it is read again at most every few seconds.
  const refresh = throttle(() => void report.reload(), REPORT_REFRESH_MS);
  useConsoleEvents((event) => {
    if (changesBatches(event)) refresh();
  });

  return { mode, batchId, range, page, pageSize, scope, batches, report };
}

export type ReportScreen = ReturnType<typeof useReport>;

/** The report's exports: one at a time, its failure kept on screen, the file offered for saving. */
export function useReportExport(scope: () => ReturnType<typeof scopeInput>) {
  const store = useConsoleStore();
  const { t } = useI18n();
  const busy = ref<ReportFormat | null>(null);
  const failure = ref<OperationError | null>(null);
  const encoding = ref<ReportEncoding>('utf-8');
  const clearCards = ref(false);

  const mayExport = computed(() => store.can('report.export'));
  const mayReveal = computed(() => store.can('payouts.reveal'));

  async function exportAs(format: ReportFormat): Promise<void> {
    const wanted = scope();
    if (!wanted || busy.value) return;
    busy.value = format;
    failure.value = null;
    try {
      const result = await store.call('exportReport', {
        ...wanted,
        format,
        ...(format === 'csv' ? { encoding: encoding.value } : {}),
        ...(clearCards.value && mayReveal.value ? { clearCards: true } : {}),
      });
      if (!result.ok) {
        failure.value = result.error;
        return;
      }
      saveReportFile(result.value);
      ElMessage.success(
        t('reports.export.done', {
          rows: formatCount(result.value.rows, language.value),
          file: result.value.file_name,
        }),
      );
    } finally {
      busy.value = null;
    }
  }

  return { busy, failure, encoding, clearCards, mayExport, mayReveal, exportAs };
}
