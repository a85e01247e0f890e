/**
 * A report's days are local days of this machine: a range becomes UTC instants for the database, and an
 * instant becomes the local day it is counted on. Run in Shanghai time (UTC+8), where a local day starts at
 * 16:00 UTC the day before, and in New York, where daylight saving makes some days 23 or 25 hours long.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { localDayOf, localDayRange, localDayStart } from '../../electron/core/reports/reportDays.js';

const zone = process.env['TZ'];
const inZone = (tz: string) => {
  process.env['TZ'] = tz;
};
beforeAll(() => inZone('Asia/Shanghai'));
afterAll(() => {
  if (zone === undefined) delete process.env['TZ'];
  else process.env['TZ'] = zone;
});

describe('localDayRange', () => {
  it('turns a month of local days into UTC instants, its last day included', () => {
    inZone('Asia/Shanghai');
    expect(localDayRange('2026-11-01', '2026-11-30')).toEqual({
      fromIso: '2026-10-31T16:00:00.000Z',
      toIso: '2026-11-30T16:00:00.000Z',
    });
    // Across a year end and a leap day.
    expect(localDayRange('2028-02-29', '2028-12-31')).toEqual({
      fromIso: '2028-02-28T16:00:00.000Z',
      toIso: '2028-12-31T16:00:00.000Z',
    });
    // One day.
    expect(localDayRange('2026-02-28', '2026-02-28')).toEqual({
      fromIso: '2026-02-27T16:00:00.000Z',
      toIso: '2026-02-28T16:00:00.000Z',
    });
  });

  it('follows daylight saving: a 23-hour and a 25-hour day', () => {
    inZone('America/New_York');
    expect(localDayRange('2026-03-08', '2026-03-08')).toEqual({
      fromIso: '2026-03-08T05:00:00.000Z',
      toIso: '2026-03-09T04:00:00.000Z',
    });
    expect(localDayRange('2026-11-01', '2026-11-01')).toEqual({
      fromIso: '2026-11-01T04:00:00.000Z',
      toIso: '2026-11-02T05:00:00.000Z',
    });
    inZone('Asia/Shanghai');
  });

  it('refuses days that do not exist, text that is no date, and a range that ends before it starts', () => {
    expect(localDayRange('2026-02-30', '2026-03-01')).toEqual({ invalid: 'from' });
    expect(localDayRange('2026-02-01', '2026-02-29')).toEqual({ invalid: 'to' });
    expect(localDayRange('2026-13-01', '2026-12-01')).toEqual({ invalid: 'from' });
    expect(localDayRange('2026-11-1', '2026-11-30')).toEqual({ invalid: 'from' });
    expect(localDayRange('2026-11-01', '30.11.2026')).toEqual({ invalid: 'to' });
    expect(localDayRange('2026-12-01', '2026-11-30')).toEqual({ invalid: 'reversed' });
  });

  it('reads years below 100 as written (not as 19xx)', () => {
    expect(localDayStart('0099-01-01')?.getFullYear()).toBe(99);
    expect(localDayStart('2026-04-31')).toBeNull();
  });
});

describe('localDayOf', () => {
  it('is the local date of an instant: 16:00 UTC is already the next day in Shanghai', () => {
    inZone('Asia/Shanghai');
    expect(localDayOf('2026-11-30T15:59:59.999Z')).toBe('2026-11-30');
    expect(localDayOf('2026-11-30T16:00:00.000Z')).toBe('2026-12-01');
    expect(localDayOf('2026-12-31T16:00:00.000Z')).toBe('2027-01-01');
  });
});
