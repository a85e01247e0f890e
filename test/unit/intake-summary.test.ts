import { describe, expect, it } from 'vitest';
import { summarize } from '../../electron/core/intake.js';
import type { RowStatus, ValidatedRow } from '../../electron/core/types.js';

function row(status: RowStatus, amount_fen: number | null): ValidatedRow {
  return {
    line: 2,
    status,
    issues: [],
    payout: {
      payment_id: 'P',
      amount_fen,
      currency: 'CNY',
      card_number: '',
      bank_id: null,
      region_id: null,
      last_name: '',
      first_name: '',
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
    },
  };
}

describe('summarize', () => {
  it('counts rows by status and sums storable and all parseable amounts', () => {
    const summary = summarize([row('ok', 100), row('warning', 250), row('error', 1_000), row('error', null)]);
    expect(summary).toEqual({
      rows: 4,
      ok: 1,
      warnings: 1,
      errors: 2,
      total_fen: 350,
      file_total_fen: 1_350,
    });
  });

  it('gives the exact file total up to 2^53 - 1 fen and null beyond', () => {
    const max = Number.MAX_SAFE_INTEGER;
    expect(summarize([row('error', max - 1), row('error', 1)]).file_total_fen).toBe(max);
    expect(summarize([row('error', max), row('error', 1)]).file_total_fen).toBeNull();
    expect(
      summarize([row('error', 2 ** 52), row('error', 2 ** 52), row('error', 1)]).file_total_fen,
    ).toBeNull();
  });
});
