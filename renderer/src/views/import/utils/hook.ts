/**
 * The import wizard's state before the grid: the chosen file and how to read it, the console's preview of it
 * (detected encoding and delimiter, first rows, where each column goes), the column presets and the
 * templates. Every change of encoding, delimiter, method or mapping asks the console for the preview again.
 */
import { computed, ref, shallowRef, watch } from 'vue';
import type {
  BatchKind,
  ConsoleEvent,
  FileTemplate,
  MappingPreset,
  OperationError,
  ValidationReport,
} from '../../../../../electron/contract/api';
import { useConsoleEvents } from '../../../composables/useConsoleEvents';
import { useLoader } from '../../../composables/useLoader';
import { useConsoleStore } from '../../../stores/console';
import type { MapTarget } from './refundFields';
import {
  guessedMapping,
  intakeInput,
  MAPPING_ERROR_CODES,
  matchingPreset,
  presetForHeader,
  readLocalPreview,
  templatesOf,
  templateTargets,
  withTarget,
  type IntakeSource,
} from './intake';

/** The largest file the console takes (its IPC limit). */
export const MAX_FILE_BYTES = 200 * 1024 * 1024;
/** Raw rows the preview shows. */
const PREVIEW_ROWS = 10;

export type WizardStep = 0 | 1 | 2;

/** Where reading and validating a file has got to, from the console's intake.progress events. */
export function useIntakeProgress() {
  const phase = ref<'read' | 'validate' | 'store' | null>(null);
  const done = ref(0);
  const total = ref<number | null>(null);
  useConsoleEvents((event: ConsoleEvent) => {
    if (event.type !== 'intake.progress') return;
    phase.value = event.phase;
    done.value = event.done;
    total.value = event.total;
  });
  /** Whole percent, or null while the number of rows is not known yet. */
  const percent = computed(() =>
    total.value ? Math.min(100, Math.floor((done.value * 100) / total.value)) : null,
  );
  function reset(): void {
    phase.value = null;
    done.value = 0;
    total.value = null;
  }
  return { phase, done, total, percent, reset };
}
export type IntakeProgress = ReturnType<typeof useIntakeProgress>;

/**
 * @param beforeRead called as the console starts reading the file again (the progress bar starts afresh).
 */
export function useImportWizard(beforeRead: () => void = () => {}) {
  const store = useConsoleStore();
  const step = ref<WizardStep>(0);
  /** What the next file holds, chosen before it is picked: payouts (the usual) or refunds. */
  const kind = ref<BatchKind>('payout');
  const source = shallowRef<IntakeSource | null>(null);
  /** The console's answer for the current source (rows left out: only the file, summary and preview). */
  const report = shallowRef<ValidationReport | null>(null);
  const error = ref<OperationError | null>(null);
  /** The header and first rows read here when the console refused the columns (it sends no preview then). */
  const local = shallowRef<{ header: string[]; rows: string[][] }>({ header: [], rows: [] });
  const loading = ref(false);
  /** The preset applied by itself to this file, to say so. */
  const presetApplied = ref<string | null>(null);
  /** What the console detected in this file the last time it read it (kept while a later read fails). */
  const detected = shallowRef<{ encoding: string; delimiter: string } | null>(null);
  /** A file the console cannot take, refused before sending it. */
  const pickError = ref<'tooBig' | 'empty' | null>(null);
  let generation = 0;

  const templates = useLoader(() => store.call('fileTemplates', undefined));
  const presets = useLoader(() => store.call('listMappingPresets', undefined));
  /** The templates of the kind chosen, to download and to recognise their headers by. */
  const kindTemplates = computed(() => templatesOf(templates.data.value ?? [], kind.value));
  const templateHeaders = computed(() => templateTargets(templates.data.value ?? [], kind.value));
  /** Mapping presets are made for payout files (their fields are payout fields). */
  const usesPresets = computed(() => (source.value?.kind ?? kind.value) === 'payout');

  const header = computed<string[]>(() => report.value?.preview.header ?? local.value.header);
  /** The first rows (payee numbers masked), to recognise the columns by. */
  const sampleRows = computed<string[][]>(() => report.value?.preview.rows ?? local.value.rows);
  /** Where each column goes: the console's mapping, or while it refuses the columns, the best guess here. */
  const mapping = computed<Record<string, string | null>>(() =>
    report.value
      ? report.value.preview.mapping
      : guessedMapping(local.value.header, source.value?.map ?? {}, templateHeaders.value),
  );
  /** Whether the console read the file but needs its columns mapped. */
  const needsMapping = computed(() => error.value !== null && MAPPING_ERROR_CODES.has(error.value.code));

  async function pick(file: File): Promise<void> {
    pickError.value = null;
    if (file.size > MAX_FILE_BYTES) {
      pickError.value = 'tooBig';
      return;
    }
    if (file.size === 0) {
      pickError.value = 'empty';
      return;
    }
    const bytes = new Uint8Array(await file.arrayBuffer());
    source.value = {
      file: { name: file.name, bytes },
      kind: kind.value,
      method: source.value?.method ?? 'cup-p2p',
      encoding: 'auto',
      delimiter: 'auto',
      map: {},
    };
    presetApplied.value = null;
    detected.value = null;
    step.value = 1;
    await refresh(true);
  }

  /** Asks the console for the preview of the current source; `firstLook` may apply a matching preset. */
  async function refresh(firstLook = false): Promise<void> {
    const current = source.value;
    if (!current) return;
    const mine = ++generation;
    loading.value = true;
    beforeRead();
    const result = await store.call(
      'validateFile',
      intakeInput(current, { rows: 'none', previewRows: PREVIEW_ROWS }),
    );
    if (mine !== generation) return;
    loading.value = false;
    if (result.ok) {
      report.value = result.value;
      error.value = null;
      local.value = { header: [], rows: [] };
      // What "automatic" found; an override read with the detected value tells nothing new.
      if (current.encoding === 'auto' && current.delimiter === 'auto') detected.value = result.value.file;
    } else {
      report.value = null;
      error.value = result.error;
      local.value = MAPPING_ERROR_CODES.has(result.error.code)
        ? readLocalPreview(current.file.bytes, current.encoding, current.delimiter)
        : { header: [], rows: [] };
    }
    const unmapped = needsMapping.value || (report.value?.file.ignored_columns.length ?? 0) > 0;
    if (firstLook && unmapped && usesPresets.value && Object.keys(current.map).length === 0) {
      const preset = matchingPreset(presets.data.value ?? [], header.value);
      if (preset) {
        presetApplied.value = preset.name;
        await change({ map: presetForHeader(preset, header.value) });
      }
    }
  }

  function change(changes: Partial<IntakeSource>): Promise<void> {
    if (!source.value) return Promise.resolve();
    source.value = { ...source.value, ...changes };
    return refresh();
  }

  function setTarget(column: string, target: MapTarget | null): Promise<void> {
    presetApplied.value = null;
    return change({ map: withTarget(source.value?.map ?? {}, column, target) });
  }

  function applyPreset(preset: MappingPreset): Promise<void> {
    presetApplied.value = null;
    return change({ map: presetForHeader(preset, header.value) });
  }

  async function savePreset(name: string): Promise<OperationError | null> {
    const map = source.value?.map ?? {};
    const saved = await store.call('saveMappingPreset', { name, map });
    if (!saved.ok) return saved.error;
    await presets.reload();
    return null;
  }

  async function deletePreset(name: string): Promise<OperationError | null> {
    const deleted = await store.call('deleteMappingPreset', { name });
    if (!deleted.ok) return deleted.error;
    await presets.reload();
    return null;
  }

  /** What the next file holds (chosen before it is picked). */
  function chooseKind(next: BatchKind): void {
    kind.value = next;
  }

  /** Back to choosing a file: everything about the last one is forgotten. */
  function restart(): void {
    generation++;
    source.value = null;
    report.value = null;
    error.value = null;
    local.value = { header: [], rows: [] };
    loading.value = false;
    presetApplied.value = null;
    detected.value = null;
    step.value = 0;
  }

  // Signed in again or the language changed: the console's messages come back in the page's language.
  watch(
    () => store.dataGeneration,
    () => {
      if (step.value === 1) void refresh();
    },
  );

  return {
    step,
    kind,
    kindTemplates,
    usesPresets,
    source,
    report,
    error,
    loading,
    header,
    sampleRows,
    mapping,
    needsMapping,
    detected,
    presetApplied,
    pickError,
    templates,
    presets,
    chooseKind,
    pick,
    refresh,
    change,
    setTarget,
    applyPreset,
    savePreset,
    deletePreset,
    restart,
  };
}
export type ImportWizard = ReturnType<typeof useImportWizard>;

/** The templates in the page's language first. */
export function templatesFirst(templates: readonly FileTemplate[], lang: string): FileTemplate[] {
  return [...templates].sort((a, b) => Number(b.lang === lang) - Number(a.lang === lang));
}
