import { IntakeFileError } from '../../core/csv/errors.js';
import { describeFileError } from '../../core/i18n/fileErrors.js';
import type { Lang } from '../../core/types.js';

/** Prints a file-level failure in the user's language and returns exit code 2; rethrows anything else. */
export function reportFileError(err: unknown, lang: Lang): number {
  if (err instanceof IntakeFileError) {
    console.error(describeFileError(err, lang));
    return 2;
  }
  throw err;
}
