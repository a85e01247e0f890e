/**
 * Checking an operation's input where it enters the application layer, whatever the shell: the same rules
 * for an IPC payload, a bridge request and a command line. A bad value is INVALID_INPUT naming the field.
 */
import { AppError } from './errors.js';
import { EXPECT, expectedParams, type Expected } from './expected.js';

type Fields = Record<string, unknown>;

export function invalid(field: string, expected: Expected): AppError {
  return new AppError('INVALID_INPUT', { field, ...expectedParams(expected) });
}

/** The input as an object of fields; no input at all is an empty object. */
export function fieldsOf(raw: unknown): Fields {
  if (raw === undefined || raw === null) return {};
  if (typeof raw !== 'object' || Array.isArray(raw)) throw invalid('input', EXPECT.object);
  return raw as Fields;
}

export function positiveInteger(value: unknown, field: string): number {
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value <= 0)
    throw invalid(field, EXPECT.positiveWhole);
  return value;
}

export function integerIn(
  value: unknown,
  field: string,
  range: { min: number; max: number; fallback: number },
): number {
  if (value === undefined) return range.fallback;
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < range.min || value > range.max)
    throw invalid(field, EXPECT.wholeFromTo(range.min, range.max));
  return value;
}

export function optionalText(value: unknown, field: string, maxLength = 10_000): string | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'string' || value.length > maxLength) throw invalid(field, EXPECT.textUpTo(maxLength));
  return value;
}

export function oneOf<T extends string>(value: unknown, allowed: readonly T[], field: string): T {
  if (typeof value !== 'string' || !(allowed as readonly string[]).includes(value))
    throw invalid(field, EXPECT.oneOf(allowed));
  return value as T;
}

export function optionalOneOf<T extends string>(
  value: unknown,
  allowed: readonly T[],
  field: string,
): T | undefined {
  return value === undefined ? undefined : oneOf(value, allowed, field);
}

export function optionalBoolean(value: unknown, field: string): boolean {
  if (value === undefined) return false;
  if (typeof value !== 'boolean') throw invalid(field, EXPECT.trueOrFalse);
  return value;
}

export function optionalList<T>(
  value: unknown,
  field: string,
  item: (v: unknown, f: string) => T,
): T[] | undefined {
  if (value === undefined) return undefined;
  if (!Array.isArray(value)) throw invalid(field, EXPECT.list);
  return value.map((entry, i) => item(entry, `${field}[${i}]`));
}

export function bytesOf(value: unknown, field: string): Uint8Array {
  if (!(value instanceof Uint8Array)) throw invalid(field, EXPECT.fileBytes);
  return value;
}

/** A plain object of string → string (e.g. a header mapping). */
export function optionalStringMap(value: unknown, field: string): Record<string, string> | undefined {
  if (value === undefined) return undefined;
  const fields = fieldsOf(value);
  for (const [key, entry] of Object.entries(fields))
    if (typeof entry !== 'string') throw invalid(`${field}.${key}`, EXPECT.text);
  return fields as Record<string, string>;
}
