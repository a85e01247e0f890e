/**
 * The settings screen's logic: reading what each tab shows, and the calls its forms make. A save says so in a
 * message when it worked; when the main process refuses, its message (already in the page's language) stays
 * in the form that was saved.
 */
import { ElMessage, ElMessageBox, type FormInstance } from 'element-plus';
import { computed, reactive, ref, shallowRef, watch } from 'vue';
import type { SettingsChanges } from '../../../../../electron/contract/operations';
import type {
  CredentialsStatus,
  OperationError,
  ProviderCredentialsStatus,
  RefreshBanksResult,
  Result,
  Settings,
} from '../../../../../electron/contract/api';
import { useLoader } from '../../../composables/useLoader';
import { useConsoleStore } from '../../../stores/console';
import { bankListRows, type BankListRow } from './model';

/** One form's call to the main process: busy while it runs, its refusal kept to show in the form. */
export function useAction() {
  const busy = ref(false);
  const error = ref<OperationError | null>(null);

  /** Runs `call` once at a time; on success shows `success(value)` and returns the value, else null. */
  async function run<T>(call: () => Promise<Result<T>>, success: (value: T) => string): Promise<T | null> {
    if (busy.value) return null;
    busy.value = true;
    error.value = null;
    try {
      const result = await call();
      if (!result.ok) {
        error.value = result.error;
        return null;
      }
      ElMessage.success({ message: success(result.value), showClose: true });
      return result.value;
    } finally {
      busy.value = false;
    }
  }

  return { busy, error, run, clear: () => (error.value = null) };
}

/** Whether a form's fields pass their rules (each field shows its own message when not). */
export async function formValid(form: FormInstance | undefined): Promise<boolean> {
  if (!form) return false;
  try {
    return await form.validate();
  } catch {
    return false;
  }
}

/** Asks before something that cannot be taken back; true when the person confirmed. */
export async function confirmed(options: {
  title: string;
  message: string;
  confirm: string;
  cancel: string;
  danger?: boolean;
}): Promise<boolean> {
  try {
    await ElMessageBox.confirm(options.message, options.title, {
      type: 'warning',
      confirmButtonText: options.confirm,
      cancelButtonText: options.cancel,
      confirmButtonClass: options.danger ? 'el-button--danger' : undefined,
      // Enter must not confirm by accident: the person moves to the button on purpose.
      distinguishCancelAndClose: true,
      autofocus: false,
    });
    return true;
  } catch {
    return false;
  }
}

/** The saved settings, read for the tabs that edit them. */
export function useSavedSettings() {
  const store = useConsoleStore();
  return useLoader(() => store.call('getSettings', undefined));
}

/**
 * A form over part of the settings: its fields read from the saved settings, the changes it asks for (only
 * what differs), and saving them. Edits not yet saved survive a reload that changed nothing in this form (a
 * language switch reads every screen again).
 */
export function useSettingsForm<F extends object>(options: {
  settings: () => Settings;
  read: (settings: Settings) => F;
  diff: (settings: Settings, form: F) => SettingsChanges;
  saved: (settings: Settings) => void;
}) {
  const store = useConsoleStore();
  const form = reactive(options.read(options.settings())) as F;
  let base = options.settings();
  watch(options.settings, (next) => {
    const changedHere = JSON.stringify(options.read(next)) !== JSON.stringify(options.read(base));
    base = next;
    if (changedHere) Object.assign(form, options.read(next));
  });

  const changes = computed(() => options.diff(options.settings(), form));
  const dirty = computed(() => Object.keys(changes.value).length > 0);
  const action = useAction();

  /** Saves the form's changes; true when the main process took them. */
  async function save(success: string): Promise<boolean> {
    const asked = changes.value;
    if (Object.keys(asked).length === 0) return true;
    const saved = await action.run(
      () => store.call('changeSettings', { changes: asked }),
      () => success,
    );
    if (saved) options.saved(saved);
    return saved !== null;
  }

  function discard(): void {
    Object.assign(form, options.read(options.settings()));
    action.clear();
  }

  return { form, changes, dirty, save, discard, busy: action.busy, error: action.error };
}

export interface CredentialsOverview {
  gate: CredentialsStatus;
  providers: ProviderCredentialsStatus[];
}

/** Whether each secret is stored, and who stored it when; never the secrets. */
export function useCredentials() {
  const store = useConsoleStore();
  return useLoader(async (): Promise<Result<CredentialsOverview>> => {
    const [gate, providers] = await Promise.all([
      store.call('credentialsStatus', { environment: 'production' }),
      store.call('providerCredentialsStatus', undefined),
    ]);
    if (!gate.ok) return gate;
    if (!providers.ok) return providers;
    return { ok: true, value: { gate: gate.value, providers: providers.value } };
  });
}

/** The shipped bank tables beside the lists last fetched from the provider, and refreshing those. */
export function useBankLists(refreshed: (result: RefreshBanksResult) => string) {
  const store = useConsoleStore();
  const lists = useLoader(async (): Promise<Result<BankListRow[]>> => {
    const [shipped, fetched] = await Promise.all([
      store.call('bankTables', undefined),
      store.call('fetchedBanks', undefined),
    ]);
    if (!shipped.ok) return shipped;
    if (!fetched.ok) return fetched;
    return { ok: true, value: bankListRows(shipped.value.methods, fetched.value.lists) };
  });
  const lastRefresh = shallowRef<RefreshBanksResult | null>(null);
  const action = useAction();

  async function refresh(): Promise<RefreshBanksResult | null> {
    const result = await action.run(() => store.call('refreshBanks', undefined), refreshed);
    if (result) {
      lastRefresh.value = result;
      await lists.reload();
    }
    return result;
  }

  return { lists, lastRefresh, refresh, refreshing: action.busy, refreshError: action.error };
}

/** The accounts, for an admin to add, disable and give new passwords. */
export function useUsers() {
  const store = useConsoleStore();
  return useLoader(() => store.call('listUsers', undefined));
}

/** How the installation key is kept (by a passphrase, by this computer's key store). */
export function useSecurityStatus() {
  const store = useConsoleStore();
  return useLoader(() => store.call('securityStatus', undefined));
}

/**
 * Empties a form's write-only fields (once sent, a secret or a password is not kept on screen) without
 * flagging them as empty: Element Plus's reset skips the checks the change would trigger.
 */
export function emptyFields<T extends object>(
  form: FormInstance | undefined,
  values: T,
  ...fields: Array<TextField<T>>
): void {
  for (const field of fields) (values as Record<TextField<T>, string>)[field] = '';
  form?.resetFields(fields as string[]);
}

/** The names of a form's text fields. */
type TextField<T> = { [K in keyof T]: T[K] extends string ? K : never }[keyof T];
