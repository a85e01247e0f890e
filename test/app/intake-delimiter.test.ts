/**
 * The import preview's delimiter override: a person who sees the detected delimiter split the file wrongly
 * chooses another, and the file is read again with it — for validation and for the import alike.
 */
import { describe, expect, it } from 'vitest';
import { consolesPerTest } from './appHarness.js';
import { csv, HEADER, row } from './appFiles.js';

const open = consolesPerTest();

/** A semicolon file whose description holds commas. */
function semicolonFile() {
  const toSemicolons = (line: string) => line.replace(/,/g, ';');
  const rows = [row('D-1', '150.00'), row('D-2', '160.00')]
    .map(toSemicolons)
    .map((line) => line.replace(/;佣金$/, ';佣金,五月,第一批,华南,加急'));
  return csv('semicolons.csv', [toSemicolons(HEADER), ...rows]);
}

describe('delimiter override', () => {
  it('reads the file with the chosen delimiter instead of the detected one', async () => {
    const c = await open();
    const file = semicolonFile();
    // Chosen over what detection finds (';'): the file is split at the commas, and its header no longer
    // names the columns a payout needs.
    const forced = await c.call('alice', 'validateFile', { file, delimiter: ',', rows: 'all' });
    expect(forced).toMatchObject({ ok: false, error: { code: 'FILE_MISSING_COLUMN' } });
    const detected = await c.ok('alice', 'validateFile', { file });
    expect(detected.file.delimiter).toBe(';');

    const chosen = await c.ok('alice', 'validateFile', { file, delimiter: ';', rows: 'all' });
    expect(chosen.file.delimiter).toBe(';');
    expect(chosen.summary).toMatchObject({ rows: 2, ok: 2, errors: 0, total_fen: 31_000 });
    expect(chosen.rows.map((r) => r.payout.description)).toEqual([
      '佣金,五月,第一批,华南,加急',
      '佣金,五月,第一批,华南,加急',
    ]);

    const imported = await c.ok('alice', 'importFile', { file, delimiter: ';' });
    expect(imported.stored).toEqual({ payouts: 2, total_fen: 31_000 });
  });

  it('refuses a delimiter that is not comma, semicolon or tab, naming the field', async () => {
    const c = await open();
    const refused = await c.call('alice', 'validateFile', {
      file: semicolonFile(),
      delimiter: '|' as ';',
    });
    expect(refused).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    expect(refused.ok ? '' : refused.error.message).toContain('delimiter');
  });
});
