/**
 * The schema gate for the validation grid's lists and the mapping presets (electron/contract/schemas.ts):
 * the grid's lists take one entry per row of a 100k-row file and no more, their entries are checked as
 * strictly as any other input, and a preset's name is short text.
 */
import { describe, expect, it } from 'vitest';
import { checkOperationInput, LIMITS } from '../../electron/contract/schemas.js';

const file = { name: 'payouts.csv', bytes: new Uint8Array([0x70]) };
const edit = (line: number) => ({ line, field: 'amount_fen', value: '150.00' });
const lines = (n: number) => Array.from({ length: n }, (_, i) => i + 2);

function refusal(name: string, input: unknown): string {
  const check = checkOperationInput(name, input);
  if (check.ok) throw new Error('expected a refusal');
  return check.error.message;
}

describe('grid lists', () => {
  it('take one entry per row of a 100k-row file (more than LIMITS.listItems), not one more', () => {
    expect(LIMITS.gridLines).toBe(100_000);
    const full = lines(LIMITS.gridLines);
    const input = { file, edits: full.map(edit), removeLines: full, lines: full };
    expect(checkOperationInput('importFile', input).ok).toBe(true);
    expect(checkOperationInput('validateFile', input, 'en', 'bridge').ok).toBe(false); // bytes, not $bytes
    const bridged = { ...input, file: { name: 'p.csv', bytes: { $bytes: 'cA==' } } };
    expect(checkOperationInput('validateFile', bridged, 'en', 'bridge').ok).toBe(true);

    const over = lines(LIMITS.gridLines + 1);
    for (const field of ['removeLines', 'lines'])
      expect(refusal('validateFile', { file, [field]: over })).toBe(
        `Invalid ${field}: expected a list of at most 100000 items, each a positive whole number.`,
      );
    expect(refusal('validateFile', { file, edits: over.map(edit) })).toContain(
      'Invalid edits: expected a list',
    );
  });

  it('check every entry: a known field, a positive line, text, nothing else', () => {
    expect(refusal('validateFile', { file, edits: [{ ...edit(2), field: 'amount' }] })).toMatch(
      /^Invalid edits\[0\]\.field: expected one of payment_id, amount_fen, /,
    );
    expect(refusal('validateFile', { file, edits: [edit(0)] })).toBe(
      'Invalid edits[0].line: expected a positive whole number.',
    );
    expect(refusal('validateFile', { file, edits: [{ ...edit(2), value: 150 }] })).toBe(
      'Invalid edits[0].value: expected text of at most 4096 characters.',
    );
    expect(refusal('validateFile', { file, edits: [{ ...edit(2), by: 'mallory' }] })).toContain('by');
    expect(refusal('validateFile', { file, lines: [2, 2.5] })).toContain('lines[1]');
  });

  it('walks the entries of a long grid list for hostile shapes too (past LIMITS.listItems)', () => {
    const entries: unknown[] = lines(500).map(edit);
    entries.push(JSON.parse('{"line": 9, "field": "zip", "value": "1", "__proto__": {"admin": true}}'));
    expect(refusal('validateFile', { file, edits: entries })).toContain('__proto__');
  });
});

describe('mapping presets', () => {
  it('take a name of at most 100 characters and a map of header → field', () => {
    const map = { Betrag: 'amount' };
    expect(checkOperationInput('saveMappingPreset', { name: 'x'.repeat(100), map }).ok).toBe(true);
    expect(refusal('saveMappingPreset', { name: 'x'.repeat(101), map })).toBe(
      'Invalid name: expected text of at most 100 characters.',
    );
    expect(refusal('deleteMappingPreset', { name: 'x'.repeat(101) })).toContain('name');
    expect(refusal('saveMappingPreset', { name: 'A', map: { Betrag: 7 } })).toContain('map');
    expect(refusal('saveMappingPreset', { name: 'A', map: 'Betrag=amount' })).toBe(
      'Invalid map: expected an object of header → field.',
    );
    expect(refusal('fileTemplates', { lang: 'en' })).toContain('input');
  });
});
