/** Reads a provider file in either format into operations, each listed once. */
import { IntakeFileError } from '../csv/errors.js';
import type { EncodingChoice } from '../csv/decode.js';
import { operationsFromCsv } from './csv.js';
import { ProviderFileError } from './errors.js';
import type { ProviderField } from './fields.js';
import { operationsFromJson } from './json.js';
import type { ProviderFile, ProviderFileFormat, ProviderOperation } from './types.js';

export interface LoadOptions {
  /** Default: JSON when the bytes parse as JSON, else CSV. */
  format?: ProviderFileFormat;
  encoding?: EncodingChoice;
  /** A CSV's headers → fields (fields.ts providerColumnMap). */
  map?: Map<string, ProviderField>;
}

/** The document when the bytes are JSON (a BOM allowed), else undefined. */
function parsedJson(bytes: Uint8Array): unknown {
  const text = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('utf8');
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const first = body.trimStart()[0];
  // Only an object or an array can hold operations; a CSV never starts with either.
  if (first !== '{' && first !== '[') return undefined;
  try {
    return JSON.parse(body) as unknown;
  } catch {
    return undefined;
  }
}

/** Throws ProviderFileError (or IntakeFileError for a CSV's text) when the file cannot be read. */
export function loadProviderFile(bytes: Uint8Array, options: LoadOptions = {}): ProviderFile {
  if (!/[^\s\uFEFF]/.test(Buffer.from(bytes.subarray(0, 4096)).toString('utf8')) && bytes.length < 4096)
    throw new ProviderFileError('PROVIDER_FILE_UNREADABLE', { reason: 'empty' });
  const document = options.format === 'csv' ? undefined : parsedJson(bytes);
  if (options.format === 'ecommpay-json' && document === undefined)
    throw new ProviderFileError('PROVIDER_FILE_UNREADABLE', { reason: 'format' });
  if (document !== undefined) return onceEach('ecommpay-json', operationsFromJson(document));
  try {
    return onceEach('csv', operationsFromCsv(bytes, { encoding: options.encoding, map: options.map }));
  } catch (error) {
    // Bytes that are no text at all are neither of the two formats.
    if (error instanceof IntakeFileError && error.code === 'FILE_BINARY')
      throw new ProviderFileError('PROVIDER_FILE_UNREADABLE', { reason: 'format' });
    throw error;
  }
}

const FINAL = new Set(['success', 'decline', 'error']);

/**
 * Operations with the same operation id (overlapping pages) counted once: the later listing wins, unless it
 * is still in progress where an earlier one was final (pages fetched at different moments).
 */
function onceEach(format: ProviderFileFormat, operations: ProviderOperation[]): ProviderFile {
  const byId = new Map<string, number>();
  const kept: ProviderOperation[] = [];
  let repeated = 0;
  for (const operation of operations) {
    const id = operation.operation_id;
    const at = id === null ? undefined : byId.get(id);
    if (at === undefined) {
      if (id !== null) byId.set(id, kept.length);
      kept.push(operation);
      continue;
    }
    repeated++;
    const earlier = kept[at]!;
    if (!(FINAL.has(earlier.operation_status) && !FINAL.has(operation.operation_status)))
      kept[at] = operation;
  }
  return { format, operations: kept, repeated };
}
