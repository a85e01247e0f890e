/**
 * Why a provider file cannot be reconciled. The application layer reports each as the AppError of the same
 * code (kind `invalid`: the file or the mapping must change), with its message in the caller's language.
 */

export type ProviderFileErrorCode =
  /** `reason`: 'empty' | 'format' (neither JSON nor CSV) | 'json_shape' (JSON, but not operations). */
  | 'PROVIDER_FILE_UNREADABLE'
  /** `column`: the missing fields, comma-separated. */
  | 'PROVIDER_FILE_COLUMN_MISSING'
  /** A value that cannot be read: `field`, `value` (cut short), and `line` (CSV) or `item` (JSON, 1-based). */
  | 'PROVIDER_FILE_VALUE'
  /** A bad `--map` entry: `entry`, `reason`: 'syntax' | 'unknown_field' | 'duplicate' | 'header_not_found'. */
  | 'PROVIDER_MAP_INVALID';

export type ProviderFileErrorParams = Record<string, string | number>;

export class ProviderFileError extends Error {
  override readonly name = 'ProviderFileError';

  constructor(
    readonly code: ProviderFileErrorCode,
    readonly params: ProviderFileErrorParams = {},
  ) {
    super(`${code} ${JSON.stringify(params)}`);
  }
}

/** A provider's value as quoted in a message: short, whatever the file holds. */
export function quoted(value: unknown): string {
  const text = typeof value === 'string' ? value : (JSON.stringify(value) ?? String(value));
  return text.length > 40 ? `${text.slice(0, 40)}…` : text;
}
