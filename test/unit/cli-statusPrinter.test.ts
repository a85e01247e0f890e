/** The human status report prints each unpaid payout's provider code with its plain guidance. */
import { describe, expect, it } from 'vitest';
import { printOutcome, printReports } from '../../electron/cli/commands/statusPrinter.js';
import type { CliIo } from '../../electron/cli/io.js';
import { statusReport } from '../../electron/core/app/views.js';
import type { BatchRecord, StatusRow } from '../../electron/core/store/types.js';
import type { Lang } from '../../electron/core/types.js';

function captureIo(): { io: CliIo; out: () => string } {
  let text = '';
  const io: CliIo = {
    stdin: (async function* () {})(),
    stdout: { write: (chunk: string) => (text += chunk) },
    stderr: { write: () => true },
    env: {},
  };
  return { io, out: () => text };
}

const batch = { id: 7, status: 'completed' } as BatchRecord;
const rows: StatusRow[] = [
  {
    payment_id: 'F-1',
    status: 'success',
    code: '0',
    message: 'Success',
    line: 2,
    amount_fen: 48560,
    send_attempts: 1,
  },
  {
    payment_id: 'F-2',
    status: 'decline',
    code: '20105',
    message: 'Insufficient funds on customer account',
    line: 3,
    amount_fen: 40000,
    send_attempts: 1,
  },
];

function printed(lang: Lang): string {
  const { io, out } = captureIo();
  const report = statusReport(batch, rows, lang);
  printReports(io, [report], { json: false, lang });
  printOutcome(io, [report], lang);
  return out();
}

describe('status print', () => {
  it('shows a payout declined with 20105 with its code and guidance (en)', () => {
    const text = printed('en');
    expect(text).toContain(
      "line 3 F-2 400.00: declined 20105 — Declined by the bank: the payee's account cannot take the payment. " +
        'Nothing was paid; if it is still due, pay it as a new payout.',
    );
    // The closing summary's top reasons carry the guidance too.
    expect(text).toContain("1 × 20105 Declined by the bank: the payee's account cannot take the payment.");
  });

  it('shows it in Chinese (zh-CN)', () => {
    expect(printed('zh-CN')).toContain(
      '第 3 行 F-2 400.00: 被拒绝 20105 — 银行拒绝：收款人账户无法入账。未付款；如仍需支付，请作为新的付款重新发起。',
    );
  });

  it('carries the guidance in the --json document as each row’s reason', () => {
    const { io, out } = captureIo();
    printReports(io, [statusReport(batch, rows, 'en')], { json: true, lang: 'en' });
    const doc = JSON.parse(out()) as { rows: Array<{ code: string; reason: string }> };
    expect(doc.rows.find((row) => row.code === '20105')?.reason).toMatch(
      /^Declined by the bank: .*Nothing was paid;/,
    );
  });
});
