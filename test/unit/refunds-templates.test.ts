import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SEEDED_TEST_PAYMENTS } from '../../electron/core/providers/computop/testMerchant.js';
import {
  readRefundCsv,
  REFUND_FIELDS,
  refundHeader,
  refundTemplates,
  validateRefundRows,
  type RefundValidationContext,
} from '../../electron/core/refunds/index.js';

const RESOURCES = join(import.meta.dirname, '../../resources');
const CAPTURED = new Map(SEEDED_TEST_PAYMENTS.map((p) => [p.payId, p.capturedFen]));

/** A fresh database: nothing used, nothing known, TransIDs generated in sequence. */
function freshContext(): RefundValidationContext {
  let n = 0;
  return {
    usedTransIds: () => new Set(),
    knownPayments: () => new Map(),
    newTransId: () => `GEN${++n}`,
  };
}

/** The embedded sandbox before any refund: it knows each seeded payment's captured amount. */
function sandboxContext(): RefundValidationContext {
  return {
    ...freshContext(),
    knownPayments: (ids) =>
      new Map(
        ids.flatMap((id) =>
          CAPTURED.has(id) ? [[id, { capturedFen: CAPTURED.get(id)!, refundedFen: 0 }]] : [],
        ),
      ),
  };
}

describe('refundTemplates', () => {
  const templates = refundTemplates();

  it('offers one template per language', () => {
    expect(templates.map((t) => [t.lang, t.file_name])).toEqual([
      ['en', 'refunds-template-en.csv'],
      ['zh-CN', 'refunds-template-zh-CN.csv'],
    ]);
  });

  it.each(templates.map((t) => [t.lang, t] as const))(
    '%s: UTF-8 text with a BOM and CRLF, every refund column, one example that validates cleanly',
    (lang, template) => {
      expect(template.content.startsWith('\uFEFF')).toBe(true);
      expect(template.content.split('\r\n')).toHaveLength(3);
      expect(template.content.replaceAll('\r\n', '')).not.toContain('\n');

      const bytes = new TextEncoder().encode(template.content);
      const csv = readRefundCsv(bytes);
      expect(csv).toMatchObject({ encoding: 'utf-8', bom: true, ignoredColumns: [], rowCount: 1 });
      expect(csv.header).toEqual(REFUND_FIELDS.map((field) => refundHeader(field, lang)));
      expect(Object.keys(csv.mapping.columns)).toEqual([...REFUND_FIELDS]);

      for (const context of [freshContext(), sandboxContext()]) {
        const [row] = validateRefundRows(csv.rows, context);
        expect(row!.issues).toEqual([]);
        expect(row!.refund.trans_id_generated).toBe(false);
      }
      const [row] = validateRefundRows(csv.rows, freshContext());
      // A sandbox payment, refunded within what it captured, with the captured amount it really has.
      expect(CAPTURED.get(row!.refund.pay_id)).toBe(row!.refund.captured_fen);
      expect(row!.refund.amount_fen).toBeLessThan(row!.refund.captured_fen!);
    },
  );

  it('is what the console ships in resources/templates', () => {
    for (const template of templates) {
      const shipped = readFileSync(join(RESOURCES, 'templates', template.file_name), 'utf8');
      expect(shipped).toBe(template.content);
    }
  });
});

describe('resources/samples/refunds-sample-zh-CN.csv', () => {
  const bytes = new Uint8Array(readFileSync(join(RESOURCES, 'samples', 'refunds-sample-zh-CN.csv')));

  it('is a GB18030 file with Chinese headers, as Chinese Excel saves it', () => {
    const csv = readRefundCsv(bytes);
    expect(csv).toMatchObject({ encoding: 'gb18030', bom: false, ignoredColumns: [] });
    expect(csv.header).toEqual(REFUND_FIELDS.map((field) => refundHeader(field, 'zh-CN')));
    expect(csv.rowCount).toBeGreaterThanOrEqual(6);
    expect(csv.rowCount).toBeLessThanOrEqual(8);
  });

  it('validates without an issue, on a fresh database and against the sandbox', () => {
    const csv = readRefundCsv(bytes);
    for (const context of [freshContext(), sandboxContext()]) {
      const rows = validateRefundRows(csv.rows, context);
      expect(rows.flatMap((row) => row.issues)).toEqual([]);
    }
  });

  it('refunds seeded sandbox payments within what they captured, one row without a TransID, one with a RefNr', () => {
    const rows = validateRefundRows(readRefundCsv(bytes).rows, freshContext());
    const totals = new Map<string, number>();
    for (const { refund } of rows) {
      expect(CAPTURED.has(refund.pay_id)).toBe(true);
      totals.set(refund.pay_id, (totals.get(refund.pay_id) ?? 0) + refund.amount_fen!);
      if (refund.captured_fen !== null) expect(refund.captured_fen).toBe(CAPTURED.get(refund.pay_id));
    }
    for (const [payId, total] of totals) expect(total).toBeLessThanOrEqual(CAPTURED.get(payId)!);
    expect(rows.filter((row) => row.refund.trans_id_generated)).toHaveLength(1);
    expect(rows.some((row) => row.refund.ref_nr !== '')).toBe(true);
  });

  it('together with the template example stays within every capture', () => {
    const all = [
      ...readRefundCsv(bytes).rows,
      ...readRefundCsv(new TextEncoder().encode(refundTemplates()[1]!.content)).rows,
    ];
    const rows = validateRefundRows(all, sandboxContext());
    expect(rows.map((row) => row.status)).not.toContain('error');
  });
});
