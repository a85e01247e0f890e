/** What a new reconciliation is asked with: the form as the person filled it in, as the operation's input. */
import type { ReconcileInput } from '../../../../../electron/contract/operations';
import { mappingText, type FormatChoice } from './kinds';

/** The provider's file as the person chose it, read in the window. */
export interface ProviderFile {
  name: string;
  bytes: Uint8Array;
}

export interface RunForm {
  file: ProviderFile | null;
  format: FormatChoice;
  map: string;
  graceMinutes: number;
}

/** The operation's input for the form (null without a file). */
export function reconcileInput(form: RunForm): ReconcileInput | null {
  if (!form.file) return null;
  const map = form.format === 'ecommpay-json' ? undefined : mappingText(form.map);
  return {
    file: { name: form.file.name, bytes: form.file.bytes },
    ...(form.format === 'auto' ? {} : { format: form.format }),
    ...(map ? { map } : {}),
    graceMinutes: Math.max(0, Math.trunc(form.graceMinutes)),
  };
}
