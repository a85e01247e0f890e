/**
 * The README's codes tables list every code the console can report: a new code without a line there fails
 * here. Codes are read from the source's own lists, not from a copy.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ERROR_MESSAGES } from '../../electron/core/app/errorMessages.js';
import { ECOMMPAY_CODES } from '../../electron/core/providers/ecommpay/codes.js';
import { PROVIDER_MISMATCH } from '../../electron/core/submission/decide.js';

const ROOT = join(import.meta.dirname, '..', '..');
const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');

/** The code literals of a union type alias `export type NAME = | 'A' | { code: 'B'; … } …`, up to a blank line. */
function unionMembers(file: string, typeName: string): string[] {
  const source = readFileSync(join(ROOT, file), 'utf8');
  const start = source.indexOf(`export type ${typeName} =`);
  if (start === -1) throw new Error(`${typeName} not found in ${file}`);
  const body = source.slice(start, source.indexOf('\n\n', start));
  return [...body.matchAll(/'([A-Z0-9_]+)'/g)].map((m) => m[1]!);
}

const sources: Array<[string, string[]]> = [
  ['row codes', unionMembers('electron/core/types.ts', 'IssueCode')],
  ['file codes', unionMembers('electron/core/csv/errors.ts', 'FileErrorCode')],
  ['import refusals', unionMembers('electron/core/intake.ts', 'ImportRefusal')],
  ['command codes', Object.keys(ERROR_MESSAGES)],
  ['provider codes', [...ECOMMPAY_CODES.map((entry) => entry.code), PROVIDER_MISMATCH]],
];

describe('README codes tables', () => {
  it.each(sources)('list every one of the %s', (_kind, codes) => {
    expect(codes.length).toBeGreaterThan(3);
    const missing = codes.filter((code) => !readme.includes(`\`${code}\``));
    expect(missing).toEqual([]);
  });
});
