/**
 * The validation grid's state: every row of the file (100,000 fine) held in a shallowRef, never made deeply
 * reactive; the error map the cells are coloured from; the operator's edits and the lines left out. The
 * console validates the whole file once; after an edit or a removal it validates the file again with every
 * change applied but returns only the rows the grid asks for, which replace the grid's copies in place.
 */
import { computed, markRaw, reactive, ref, shallowRef, watch } from 'vue';
import type {
  ImportReport,
  OperationError,
  Result,
  RowEdit,
  ValidatedRowView,
  ValidationReport,
} from '../../../../../electron/contract/api';
import { useConsoleStore } from '../../../stores/console';
import { buildErrorMap, codeCounts, filterRows, summarise, type ErrorMap, type RowFilter } from './errorMap';
import {
  applyFreshRows,
  linesToRecheck,
  mergeEdit,
  reconcileProblems,
  totalsAgree,
  withoutLines,
} from './edits';
import { cellText, type PayoutKey } from './fields';
import { intakeInput, type IntakeSource } from './intake';

/**
 * @param source the file and how to read it.
 * @param beforeRead called as the console starts reading the whole file (the progress bar starts afresh).
 */
export function useValidationGrid(source: () => IntakeSource | null, beforeRead: () => void = () => {}) {
  const store = useConsoleStore();
  const rows = shallowRef<ValidatedRowView[]>([]);
  /** Line → issues; changed in place with the rows, announced by `version`. */
  let errors: ErrorMap = new Map();
  /** Bumped whenever rows change in place (an edit validated again): totals and code counts follow it. */
  const version = ref(0);
  const report = shallowRef<ValidationReport | null>(null);
  const error = ref<OperationError | null>(null);
  const validating = ref(false);
  /** Whole-file validations of the grid's changes still running. */
  const checking = ref(0);
  /** A change the console refused (a value it cannot take at all); the grid keeps the rows as they were. */
  const changeError = ref<OperationError | null>(null);
  const edits = shallowRef<RowEdit[]>([]);
  const removed = shallowRef<ReadonlySet<number>>(new Set());
  const filter = reactive<RowFilter>({ status: 'all', code: null });
  /** Called with rows changed in place, so the grid draws them again. */
  let redraw: (changed: ValidatedRowView[]) => void = () => {};
  let generation = 0;
  /** Changes are validated one after another, each with every change made before it. */
  let queue: Promise<void> = Promise.resolve();

  const visibleRows = computed(() => filterRows(rows.value, { status: filter.status, code: filter.code }));
  const summary = computed(() => {
    void version.value;
    return summarise(rows.value);
  });
  const codes = computed(() => {
    void version.value;
    return codeCounts(rows.value);
  });

  function changes() {
    return { edits: edits.value, removeLines: [...removed.value] };
  }

  /** Validates the whole file with the grid's changes and shows every row. */
  async function validateAll(): Promise<void> {
    const current = source();
    if (!current) return;
    const mine = ++generation;
    validating.value = true;
    error.value = null;
    beforeRead();
    const result = await store.call(
      'validateFile',
      intakeInput(current, { rows: 'all', previewRows: 1, ...changes() }),
    );
    if (mine !== generation) return;
    validating.value = false;
    if (!result.ok) {
      error.value = result.error;
      return;
    }
    report.value = result.value;
    // The grid library wraps its data in a reactive proxy; raw rows skip that (every cell drawn while
    // scrolling would otherwise go through the proxy).
    for (const row of result.value.rows) markRaw(row);
    errors = buildErrorMap(result.value.rows);
    rows.value = result.value.rows;
    version.value++;
  }

  /**
   * Validates the file again with every change, returning `lines`' rows; when the totals then differ from
   * the console's, some other row changed too and every row with issues is asked for.
   */
  async function recheck(lines: number[]): Promise<boolean> {
    const current = source();
    if (!current) return false;
    const mine = generation;
    const result = await store.call(
      'validateFile',
      intakeInput(current, { rows: 'none', previewRows: 0, lines, ...changes() }),
    );
    if (mine !== generation) return false;
    if (!result.ok) {
      changeError.value = result.error;
      return false;
    }
    changeError.value = null;
    let changed = applyFreshRows(rows.value, result.value.rows, errors);
    if (!totalsAgree(summarise(rows.value), result.value.summary)) {
      const problems = await store.call(
        'validateFile',
        intakeInput(current, { rows: 'problems', previewRows: 0, ...changes() }),
      );
      if (mine !== generation) return false;
      if (problems.ok) changed = changed.concat(reconcileProblems(rows.value, problems.value.rows, errors));
    }
    version.value++;
    redraw(changed);
    return true;
  }

  function enqueue(work: () => Promise<void>): Promise<void> {
    checking.value++;
    queue = queue
      .then(work)
      .catch(() => {})
      .finally(() => {
        checking.value--;
      });
    return queue;
  }

  /** A cell the operator changed: kept in the edit list, and the row validated again. */
  function editCell(row: ValidatedRowView, key: PayoutKey, text: string): Promise<void> {
    return editCells(row, [{ key, text }]);
  }

  /** Cells of one row the operator changed (unchanged ones are skipped), then the row validated again. */
  function editCells(
    row: ValidatedRowView,
    cells: ReadonlyArray<{ key: PayoutKey; text: string }>,
  ): Promise<void> {
    const made = cells
      .filter(({ key, text }) => text !== cellText(row, key))
      .map(({ key, text }): RowEdit => ({ line: row.line, field: key, value: text }));
    if (made.length === 0) return Promise.resolve();
    const before = edits.value;
    edits.value = made.reduce(mergeEdit, edits.value);
    const typedId = made.find((edit) => edit.field === 'payment_id')?.value;
    const lines = linesToRecheck(rows.value, [row.line], typedId);
    return enqueue(async () => {
      if (await recheck(lines)) return;
      // Refused (a value the console cannot take at all): the cells keep what they had.
      edits.value = edits.value.filter((edit) => !made.includes(edit));
      for (const edit of made) {
        const earlier = before.find((e) => e.line === edit.line && e.field === edit.field);
        if (earlier) edits.value = mergeEdit(edits.value, earlier);
      }
    });
  }

  /** Rows left out of the import (the file is untouched): gone from the grid, and the totals follow. */
  function removeLines(lines: readonly number[]): Promise<void> {
    if (lines.length === 0) return Promise.resolve();
    const next = new Set(removed.value);
    for (const line of lines) next.add(line);
    removed.value = next;
    edits.value = withoutLines(edits.value, next);
    rows.value = rows.value.filter((row) => !next.has(row.line));
    for (const line of lines) errors.delete(line);
    version.value++;
    const recheckLines = linesToRecheck(rows.value, []);
    return enqueue(async () => {
      await recheck(recheckLines);
    });
  }

  /** Every removed row back, validated again with the edits kept. */
  function restoreRemoved(): Promise<void> {
    removed.value = new Set();
    return validateAll();
  }

  /**
   * Imports the file with the grid's changes. `dropErrors`: the operator ticked "import without the error
   * rows"; without it the console refuses while any row has an error.
   */
  async function importNow(options: {
    dropErrors: boolean;
    allowDuplicateFile: boolean;
  }): Promise<Result<ImportReport>> {
    const current = source();
    if (!current) return { ok: false, error: { code: 'NO_FILE', message: '' } };
    await queue;
    return store.call('importFile', {
      ...intakeInput(current, { rows: 'none', previewRows: 0, ...changes() }),
      dropErrors: options.dropErrors,
      allowDuplicateFile: options.allowDuplicateFile,
    });
  }

  function cellIssueMap(): ErrorMap {
    return errors;
  }

  function onRedraw(draw: (changed: ValidatedRowView[]) => void): void {
    redraw = draw;
  }

  /** Whether the operator changed anything a step back would forget. */
  const changed = computed(() => edits.value.length > 0 || removed.value.size > 0);

  /** Everything forgotten (back to the file's columns, or another file). */
  function reset(): void {
    generation++;
    rows.value = [];
    errors = new Map();
    report.value = null;
    error.value = null;
    changeError.value = null;
    validating.value = false;
    edits.value = [];
    removed.value = new Set();
    filter.status = 'all';
    filter.code = null;
    version.value++;
  }

  // Signed in again or the language changed: the rows' messages are asked for again in the page's language.
  watch(
    () => store.dataGeneration,
    () => {
      if (rows.value.length > 0) void enqueue(refreshMessages);
    },
  );

  /** Every row with issues asked for again (their messages in the page's language). */
  async function refreshMessages(): Promise<void> {
    const current = source();
    if (!current) return;
    const mine = generation;
    const problems = await store.call(
      'validateFile',
      intakeInput(current, { rows: 'problems', previewRows: 0, ...changes() }),
    );
    if (mine !== generation || !problems.ok) return;
    const changed = reconcileProblems(rows.value, problems.value.rows, errors);
    version.value++;
    redraw(changed);
  }

  return {
    rows,
    visibleRows,
    version,
    report,
    error,
    validating,
    checking,
    changeError,
    edits,
    removed,
    changed,
    filter,
    summary,
    codes,
    validateAll,
    editCell,
    editCells,
    removeLines,
    restoreRemoved,
    importNow,
    cellIssueMap,
    onRedraw,
    reset,
  };
}
export type ValidationGrid = ReturnType<typeof useValidationGrid>;
