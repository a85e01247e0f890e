import { describe, expect, it } from 'vitest';
import { sanitizeAuditDetails } from '../../electron/core/store/sqlite/audit.js';
import { isStorablePayout } from '../../electron/core/store/sqlite/batches.js';
import { defaultDatabasePath } from '../../electron/core/paths.js';
import { MIGRATIONS } from '../../electron/core/store/sqlite/migrations.js';
import type { PayoutDraft } from '../../electron/core/types.js';

describe('defaultDatabasePath', () => {
  it('uses %APPDATA% on Windows', () => {
    expect(
      defaultDatabasePath({
        env: { APPDATA: 'C:\\Users\\li\\AppData\\Roaming' },
        platform: 'win32',
        home: 'C:\\Users\\li',
      }),
    ).toBe('C:\\Users\\li\\AppData\\Roaming\\cup-payout-console\\console.sqlite');
  });

  it('uses Application Support on macOS', () => {
    expect(defaultDatabasePath({ env: {}, platform: 'darwin', home: '/Users/li' })).toBe(
      '/Users/li/Library/Application Support/cup-payout-console/console.sqlite',
    );
  });

  it('uses $XDG_DATA_HOME on Linux, else ~/.local/share', () => {
    expect(
      defaultDatabasePath({ env: { XDG_DATA_HOME: '/data' }, platform: 'linux', home: '/home/li' }),
    ).toBe('/data/cup-payout-console/console.sqlite');
    expect(defaultDatabasePath({ env: {}, platform: 'linux', home: '/home/li' })).toBe(
      '/home/li/.local/share/cup-payout-console/console.sqlite',
    );
    // A relative XDG_DATA_HOME is invalid per the spec and ignored.
    expect(defaultDatabasePath({ env: { XDG_DATA_HOME: 'rel' }, platform: 'linux', home: '/home/li' })).toBe(
      '/home/li/.local/share/cup-payout-console/console.sqlite',
    );
  });

  it('is overridden by CUP_PAYOUTS_DB on every platform', () => {
    for (const platform of ['win32', 'darwin', 'linux'] as const) {
      expect(defaultDatabasePath({ env: { CUP_PAYOUTS_DB: '/srv/x.sqlite' }, platform, home: '/h' })).toBe(
        '/srv/x.sqlite',
      );
    }
  });
});

describe('MIGRATIONS', () => {
  it('are numbered 1, 2, 3… in order', () => {
    expect(MIGRATIONS.map((m) => m.version)).toEqual(MIGRATIONS.map((_, i) => i + 1));
  });
});

describe('sanitizeAuditDetails', () => {
  it('masks card-number-like digit runs but keeps hashes and ids', () => {
    const sha = 'ab1234567890123456789cdef';
    const json = sanitizeAuditDetails({ note: 'card 6222021234567890123 failed', sha, count: 3 });
    expect(json).not.toContain('6222021234567890123');
    expect(JSON.parse(json)).toEqual({ note: 'card 622202*********0123 failed', sha, count: 3 });
  });

  it('redacts values under secret-looking keys, nested too', () => {
    const json = sanitizeAuditDetails({
      gate: { secretKey: 's3cr3t', apiKey: 'k', project: 42 },
      password: 'p',
    });
    expect(JSON.parse(json)).toEqual({
      gate: { secretKey: '[redacted]', apiKey: '[redacted]', project: 42 },
      password: '[redacted]',
    });
  });
});

describe('isStorablePayout', () => {
  const base: PayoutDraft = {
    payment_id: 'P1',
    amount_fen: 1000,
    currency: 'CNY',
    card_number: '6222021234567890123',
    bank_id: 1,
    region_id: 1,
    last_name: '张',
    first_name: '三',
    customer_id: '',
    phone: '',
    email: '',
    id_number: '',
    branch: '',
    bank_city: '',
    province: '',
    city: '',
    street: '',
    zip: '',
    description: '',
  };

  it('needs a positive integer amount and resolved bank and region', () => {
    expect(isStorablePayout(base)).toBe(true);
    for (const patch of [
      { amount_fen: null },
      { amount_fen: 0 },
      { amount_fen: 10.5 },
      { bank_id: null },
      { region_id: null },
    ]) {
      expect(isStorablePayout({ ...base, ...patch })).toBe(false);
    }
  });
});
