import { describe, expect, it } from 'vitest';
import type {
  FileTemplate,
  MappingPreset,
  RowIssueView,
  ValidatedRowView,
} from '../../electron/contract/records';
import {
  buildErrorMap,
  cellIssues,
  cellSeverity,
  codeCounts,
  filterRows,
  setLineIssues,
  summarise,
} from '../../renderer/src/views/import/utils/errorMap';
import {
  applyFreshRows,
  indexOfLine,
  linesToRecheck,
  mergeEdit,
  reconcileProblems,
  totalsAgree,
  withoutLines,
} from '../../renderer/src/views/import/utils/edits';
import {
  csvField,
  errorRowsCsv,
  errorRowsFileName,
  exportColumns,
  neutraliseCell,
} from '../../renderer/src/views/import/utils/errorRowsCsv';
import { cellText, fullNameText } from '../../renderer/src/views/import/utils/fields';
import {
  guessedMapping,
  intakeInput,
  matchingPreset,
  presetForHeader,
  maskLongNumbers,
  readLocalPreview,
  templatesOf,
  templateTargets,
  withTarget,
  type IntakeSource,
} from '../../renderer/src/views/import/utils/intake';
import {
  REFUND_TARGETS,
  refundCellIssues,
  refundCellSeverity,
  refundCellText,
  refundKeyOfIssueField,
  requiredTargetsFor,
  targetsFor,
} from '../../renderer/src/views/import/utils/refundFields';
import importMessages from '../../renderer/src/locales/messages/import';
import { encodeGbk } from '../fixtures/csv/gbk';
import { utf8 } from '../fixtures/csv/samples';

function issue(code: string, field: string | null, severity: 'error' | 'warning' = 'error'): RowIssueView {
  return { code, field, severity, message: `${code} on ${field ?? 'row'}` };
}

/** A validated row as the console reports it, with the issues given (status follows them). */
function row(
  line: number,
  amountFen: number | null,
  issues: RowIssueView[] = [],
  paymentId = `P-${line}`,
): ValidatedRowView {
  const status: ValidatedRowView['status'] = issues.some((i) => i.severity === 'error')
    ? 'error'
    : issues.length > 0
      ? 'warning'
      : 'ok';
  return {
    line,
    payment_id: paymentId,
    status,
    issues,
    payout: {
      payment_id: paymentId,
      amount_fen: amountFen,
      currency: 'CNY',
      card_number: '622848******0128',
      bank_id: 1,
      region_id: 5,
      last_name: '张',
      first_name: '伟',
      customer_id: '',
      phone: '138****8000',
      email: 'pay@example.com',
      id_number: '',
      branch: '天河支行',
      bank_city: '广州',
      province: '广东省',
      city: '广州',
      street: '天河路385号',
      zip: '510620',
      description: '佣金',
    },
  } satisfies ValidatedRowView;
}

describe('the error map the grid colours its cells from', () => {
  it('files each issue under the cell it names; the amount issue under amount_fen', () => {
    const rows = [
      row(2, 1000),
      row(3, null, [issue('AMOUNT_INVALID', 'amount'), issue('ZIP_INVALID', 'zip', 'warning')]),
      row(4, 500, [issue('ROW_DUPLICATE', null, 'warning')]),
    ];
    const map = buildErrorMap(rows);
    expect([...map.keys()]).toEqual([3, 4]);
    expect(cellIssues(map, 3, 'amount_fen')?.map((i) => i.code)).toEqual(['AMOUNT_INVALID']);
    expect(cellSeverity(map, 3, 'amount_fen')).toBe('error');
    expect(cellSeverity(map, 3, 'zip')).toBe('warning');
    expect(cellSeverity(map, 3, 'card_number')).toBeNull();
    expect(cellSeverity(map, 2, 'amount_fen')).toBeNull();
    // A finding about the whole row colours no cell but is kept for the row.
    expect(map.get(4)?.row.map((i) => i.code)).toEqual(['ROW_DUPLICATE']);
    expect(map.get(4)?.byField.size).toBe(0);
  });

  it('an error among a cell’s warnings makes the cell an error', () => {
    const map = buildErrorMap([
      row(2, 100, [issue('PAN_PREFIX', 'card_number', 'warning'), issue('PAN_LUHN', 'card_number')]),
    ]);
    expect(cellSeverity(map, 2, 'card_number')).toBe('error');
  });

  it('forgets a line once it validates clean', () => {
    const map = buildErrorMap([row(2, null, [issue('AMOUNT_INVALID', 'amount')])]);
    setLineIssues(map, row(2, 100));
    expect(map.has(2)).toBe(false);
  });

  it('totals in integer fen: valid rows to import, error rows left out', () => {
    const summary = summarise([
      row(2, 10),
      row(3, 20, [issue('ZIP_INVALID', 'zip', 'warning')]),
      row(4, 7, [issue('PAN_LUHN', 'card_number')]),
      row(5, null, [issue('AMOUNT_INVALID', 'amount')]),
    ]);
    expect(summary).toEqual({ rows: 4, ok: 1, warnings: 1, errors: 2, validFen: 30, errorFen: 7 });
  });

  it('counts each code once per row, most frequent first, for the code filter', () => {
    const rows = [
      row(2, 1, [issue('NAME_NOT_CHINESE', 'last_name'), issue('NAME_NOT_CHINESE', 'first_name')]),
      row(3, 1, [issue('ZIP_INVALID', 'zip')]),
      row(4, 1, [issue('ZIP_INVALID', 'zip')]),
    ];
    expect(codeCounts(rows)).toEqual([
      { code: 'ZIP_INVALID', count: 2 },
      { code: 'NAME_NOT_CHINESE', count: 1 },
    ]);
  });

  it('filters by status and by code; no filter keeps the same array', () => {
    const rows = [
      row(2, 1),
      row(3, 1, [issue('ZIP_INVALID', 'zip', 'warning')]),
      row(4, 1, [issue('PAN_LUHN', 'card_number')]),
    ];
    expect(filterRows(rows, { status: 'all', code: null })).toBe(rows);
    expect(filterRows(rows, { status: 'error', code: null }).map((r) => r.line)).toEqual([4]);
    expect(filterRows(rows, { status: 'problems', code: null }).map((r) => r.line)).toEqual([3, 4]);
    expect(filterRows(rows, { status: 'all', code: 'ZIP_INVALID' }).map((r) => r.line)).toEqual([3]);
    expect(filterRows(rows, { status: 'error', code: 'ZIP_INVALID' })).toEqual([]);
  });

  it('builds the map for 100,000 rows in a plain loop, quickly', () => {
    const rows = Array.from({ length: 100_000 }, (_, i) =>
      row(i + 2, 100, i % 10 === 0 ? [issue('PAN_LUHN', 'card_number')] : []),
    );
    const started = performance.now();
    const map = buildErrorMap(rows);
    const summary = summarise(rows);
    const elapsed = performance.now() - started;
    expect(map.size).toBe(10_000);
    expect(summary.errors).toBe(10_000);
    // Far inside a frame's budget on any machine (a table library's own validator takes over a second).
    expect(elapsed).toBeLessThan(500);
  });
});

describe('the grid’s edits and the rows that follow them', () => {
  it('keeps the last value typed per cell, in the order cells were first changed', () => {
    let edits = mergeEdit([], { line: 3, field: 'zip', value: '51062' });
    edits = mergeEdit(edits, { line: 4, field: 'zip', value: '100000' });
    edits = mergeEdit(edits, { line: 3, field: 'zip', value: '510620' });
    edits = mergeEdit(edits, { line: 3, field: 'amount_fen', value: '12.50' });
    expect(edits).toEqual([
      { line: 4, field: 'zip', value: '100000' },
      { line: 3, field: 'zip', value: '510620' },
      { line: 3, field: 'amount_fen', value: '12.50' },
    ]);
    expect(withoutLines(edits, new Set([3]))).toEqual([{ line: 4, field: 'zip', value: '100000' }]);
  });

  it('validates again the changed line, rows whose findings compare rows, and rows with a typed id', () => {
    const rows = [
      row(2, 1, [], 'A'),
      row(3, 1, [issue('PAYMENT_ID_DUPLICATE', 'payment_id')], 'A'),
      row(4, 1, [], 'B'),
      row(5, 1, [issue('ROW_DUPLICATE', null, 'warning')], 'C'),
      row(6, 1, [issue('ZIP_INVALID', 'zip')], 'D'),
    ];
    expect(linesToRecheck(rows, [6])).toEqual([3, 5, 6]);
    expect(linesToRecheck(rows, [6], ' B ')).toEqual([3, 4, 5, 6]);
  });

  it('finds a line by binary search in file order', () => {
    const rows = [row(2, 1), row(5, 1), row(9, 1)];
    expect(indexOfLine(rows, 5)).toBe(1);
    expect(indexOfLine(rows, 9)).toBe(2);
    expect(indexOfLine(rows, 4)).toBe(-1);
  });

  it('replaces the grid’s copies in place and updates the error map', () => {
    const rows = [row(2, 1), row(3, null, [issue('AMOUNT_INVALID', 'amount')]), row(4, 1)];
    const map = buildErrorMap(rows);
    const copy = rows[1];
    const changed = applyFreshRows(rows, [row(3, 1250), row(99, 1)], map);
    // The same object, now holding the fresh values (the grid keeps drawing it where it was).
    expect(changed).toEqual([copy]);
    expect(rows[1]).toBe(copy);
    expect(rows[1]?.payout.amount_fen).toBe(1250);
    expect(rows[1]?.status).toBe('ok');
    expect(map.has(3)).toBe(false);
  });

  it('reconciles with a report of all rows with issues: others had theirs cleared', () => {
    const rows = [
      row(2, 1, [], 'A'),
      row(3, 1, [issue('PAYMENT_ID_DUPLICATE', 'payment_id')], 'A'),
      row(4, 1),
    ];
    const map = buildErrorMap(rows);
    // Line 2's id was changed elsewhere: line 3 is no longer a duplicate, and line 4 now is one.
    const changed = reconcileProblems(rows, [row(4, 1, [issue('PAYMENT_ID_DUPLICATE', 'payment_id')])], map);
    expect(changed.map((r) => r.line).sort()).toEqual([3, 4]);
    expect(rows[1]?.status).toBe('ok');
    expect(rows[1]?.issues).toEqual([]);
    expect(rows[2]?.status).toBe('error');
    expect([...map.keys()]).toEqual([4]);
  });

  it('tells when its totals differ from the console’s (another row changed too)', () => {
    const mine = summarise([row(2, 100), row(3, 50, [issue('ZIP_INVALID', 'zip')])]);
    const theirs = { rows: 2, ok: 1, warnings: 0, errors: 1, total_fen: 100 };
    expect(totalsAgree(mine, theirs)).toBe(true);
    expect(totalsAgree(mine, { ...theirs, errors: 2, ok: 0 })).toBe(false);
    expect(totalsAgree(mine, { ...theirs, total_fen: 150 })).toBe(false);
  });
});

describe('the error rows download', () => {
  it('neutralises cells Excel would run as a formula', () => {
    expect(neutraliseCell('=HYPERLINK("x")')).toBe('\'=HYPERLINK("x")');
    expect(neutraliseCell('+86 138')).toBe("'+86 138");
    expect(neutraliseCell('-5.00')).toBe("'-5.00");
    expect(neutraliseCell('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(neutraliseCell('\tx')).toBe("'\tx");
    expect(neutraliseCell('\rx')).toBe("'\rx");
    expect(neutraliseCell('张伟')).toBe('张伟');
    expect(neutraliseCell('a=b')).toBe('a=b');
    expect(neutraliseCell('')).toBe('');
  });

  it('quotes fields holding commas, quotes or line breaks', () => {
    expect(csvField('plain')).toBe('plain');
    expect(csvField('12,000.00')).toBe('"12,000.00"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField('two\nlines')).toBe('"two\nlines"');
  });

  it('repeats the file’s mapped columns under its own headers, with the line and what is wrong', () => {
    const bad = row(9, 500, [issue('ZIP_INVALID', 'zip'), issue('NAME_NOT_CHINESE', 'last_name')]);
    bad.payout.zip = '51062';
    bad.payout.description = '=cmd|x';
    const columns = exportColumns({
      header: ['订单号', '金额', '卡号', 'Notes', '邮编', '备注', '收款人'],
      mapping: {
        订单号: 'payment_id',
        金额: 'amount',
        卡号: 'card_number',
        Notes: null,
        邮编: 'zip',
        备注: 'description',
        收款人: 'full_name',
      },
      rows: [],
    });
    const csv = errorRowsCsv([bad], columns, { line: '原行号', issues: '错误说明' });
    expect(csv.startsWith('\uFEFF')).toBe(true);
    const lines = csv.slice(1).split('\r\n');
    expect(lines[0]).toBe('原行号,订单号,金额,卡号,邮编,备注,收款人,错误说明');
    // Amount in yuan as a file holds it, the card as the console shows it (masked), the formula neutralised.
    expect(lines[1]).toBe(
      "9,P-9,5.00,622848******0128,51062,'=cmd|x,张伟,[ZIP_INVALID] ZIP_INVALID on zip; [NAME_NOT_CHINESE] NAME_NOT_CHINESE on last_name",
    );
    expect(lines[2]).toBe('');
    expect(lines).toHaveLength(3);
  });

  it('names the download after the file', () => {
    expect(errorRowsFileName('五月工资.csv')).toBe('五月工资-errors.csv');
    expect(errorRowsFileName('payouts')).toBe('payouts-errors.csv');
  });

  it('reads cells as the operator edits them: yuan without separators, nothing for an unread value', () => {
    const r = row(2, 1234567);
    expect(cellText(r, 'amount_fen')).toBe('12345.67');
    r.payout.bank_id = null;
    expect(cellText(r, 'bank_id')).toBe('');
    expect(cellText(r, 'region_id')).toBe('5');
    r.payout.last_name = 'Smith';
    r.payout.first_name = 'John';
    expect(fullNameText(r)).toBe('John Smith');
  });
});

describe('what the wizard sends, and how it maps columns', () => {
  const source: IntakeSource = {
    file: { name: 'a.csv', bytes: utf8('x') },
    kind: 'payout',
    method: 'cup-p2p',
    encoding: 'auto',
    delimiter: 'auto',
    map: {},
  };

  it('sends the delimiter only when overridden, and a map only when there is one', () => {
    const plain = intakeInput(source, { rows: 'none' });
    expect(plain).toEqual({
      file: source.file,
      kind: 'payout',
      method: 'cup-p2p',
      encoding: 'auto',
      rows: 'none',
    });
    expect('delimiter' in plain).toBe(false);
    expect('map' in plain).toBe(false);
    const overridden = intakeInput({ ...source, delimiter: ';', map: { Betrag: 'amount' } });
    expect(overridden.delimiter).toBe(';');
    expect(overridden.map).toEqual({ Betrag: 'amount' });
  });

  it('gives a field to one column only', () => {
    const map = withTarget({ A: 'amount', B: 'zip' }, 'C', 'amount');
    expect(map).toEqual({ B: 'zip', C: 'amount' });
    expect(withTarget(map, 'B', null)).toEqual({ C: 'amount' });
  });

  it('learns the template headers from the shipped templates, in both languages', () => {
    const templates: FileTemplate[] = [
      {
        kind: 'payout',
        lang: 'en',
        file_name: 'en.csv',
        content: '\uFEFFpayment_id,amount,card_number\r\nP-1,1,6\r\n',
      },
      {
        kind: 'payout',
        lang: 'zh-CN',
        file_name: 'zh.csv',
        content: '\uFEFF订单号,金额,卡号\r\nP-1,1,6\r\n',
      },
    ];
    const targets = templateTargets(templates);
    expect(targets.get('金额')).toBe('amount');
    expect(targets.get('cardnumber')).toBe('card_number');
    // Guessing while the console refuses the columns: own choice, else template, else nothing.
    expect(guessedMapping(['Card Number', '金额', 'Betrag'], { Betrag: 'zip' }, targets)).toEqual({
      'Card Number': 'card_number',
      金额: 'amount',
      Betrag: 'zip',
    });
    // A template column whose field went to another column is not used.
    expect(guessedMapping(['金额', 'Betrag'], { Betrag: 'amount' }, targets)).toEqual({
      金额: null,
      Betrag: 'amount',
    });
  });

  it('applies a preset to the headers a file has, and picks the fullest preset that fits', () => {
    const preset = (name: string, map: Record<string, string>): MappingPreset => ({
      name,
      map,
      updated_at: '',
      updated_by: 'alice',
    });
    const header = ['Betrag ', 'KARTE', 'Name'];
    const small = preset('small', { Betrag: 'amount' });
    const full = preset('full', { betrag: 'amount', Karte: 'card_number', Name: 'full_name' });
    const other = preset('other', { Betrag: 'amount', Konto: 'card_number' });
    expect(presetForHeader(full, header)).toEqual({
      'Betrag ': 'amount',
      KARTE: 'card_number',
      Name: 'full_name',
    });
    expect(matchingPreset([small, other, full], header)?.name).toBe('full');
    expect(matchingPreset([other], header)).toBeNull();
  });

  it('reads the header and first rows itself, in GB18030 or with a chosen delimiter', () => {
    const gbk = encodeGbk('金额,卡号,"银行, 编号"\r\n1.00,6228481234567890128,中国银行\r\n');
    expect(readLocalPreview(gbk, 'auto', 'auto')).toEqual({
      header: ['金额', '卡号', '银行, 编号'],
      rows: [['1.00', '622************0128', '中国银行']],
    });
    expect(readLocalPreview(utf8('\uFEFFa;b;c\n1;2;3\n4;5;6\n7;8;9\n'), 'auto', 'auto', 2)).toEqual({
      header: ['a', 'b', 'c'],
      rows: [
        ['1', '2', '3'],
        ['4', '5', '6'],
      ],
    });
    expect(readLocalPreview(utf8('a;b,c\n'), 'utf-8', ',').header).toEqual(['a;b', 'c']);
  });

  it('masks card, ID and phone numbers in the rows it reads itself', () => {
    expect(maskLongNumbers('6228 4812 3456 7890 128')).toBe('622************0128');
    expect(maskLongNumbers('44010619900307123X')).toBe('440***********123X');
    expect(maskLongNumbers('tel 13800138000')).toBe('tel 138****8000');
    expect(maskLongNumbers('1234.56')).toBe('1234.56');
    expect(maskLongNumbers('2026-12-01')).toBe('2026-12-01');
  });
});

/** A refund file's row as the console reports it: TransID and amount in `payout`, the rest in `refund`. */
function refundRow(
  line: number,
  fields: { payId: string; transId: string; amountFen: number | null; capturedFen?: number | null },
  issues: RowIssueView[] = [],
): ValidatedRowView {
  const base = row(line, fields.amountFen, issues, fields.transId);
  const empty = Object.fromEntries(Object.keys(base.payout).map((key) => [key, ''])) as object;
  return {
    ...base,
    payout: {
      ...(empty as ValidatedRowView['payout']),
      payment_id: fields.transId,
      amount_fen: fields.amountFen,
      currency: 'CNY',
      bank_id: 0,
      region_id: 0,
    },
    refund: {
      pay_id: fields.payId,
      trans_id: fields.transId,
      ref_nr: 'ORDER-77',
      reason: '客户退货',
      captured_fen: fields.capturedFen ?? null,
    },
  };
}

describe('refund files in the wizard', () => {
  const PAY_ID = '0123456789abcdef0123456789abcdef';
  const refundSource: IntakeSource = {
    file: { name: 'refunds.csv', bytes: utf8('x') },
    kind: 'refund',
    method: 'cup-p2p',
    encoding: 'auto',
    delimiter: 'auto',
    map: {},
  };

  it('asks for a refund intake, without a payout method', () => {
    const input = intakeInput(refundSource, { rows: 'all' });
    expect(input).toEqual({ file: refundSource.file, kind: 'refund', encoding: 'auto', rows: 'all' });
    expect('method' in input).toBe(false);
    expect(intakeInput({ ...refundSource, map: { 原交易号: 'pay_id' } }).map).toEqual({ 原交易号: 'pay_id' });
  });

  it('maps a refund file to the refund fields, a payout file to the payout fields', () => {
    expect(targetsFor('refund')).toEqual(REFUND_TARGETS);
    expect(targetsFor('payout')).toContain('card_number');
    expect(targetsFor('refund')).not.toContain('card_number');
    expect([...requiredTargetsFor('refund')].sort()).toEqual(['amount', 'pay_id']);
    expect(requiredTargetsFor('payout').has('card_number')).toBe(true);
  });

  it('learns the headers of the templates of the chosen kind only', () => {
    const templates: FileTemplate[] = [
      { kind: 'payout', lang: 'en', file_name: 'p-en.csv', content: 'payment_id,amount,card_number\r\n' },
      { kind: 'payout', lang: 'zh-CN', file_name: 'p-zh.csv', content: '订单号,金额,卡号\r\n' },
      { kind: 'refund', lang: 'en', file_name: 'r-en.csv', content: 'pay_id,trans_id,amount,reason\r\n' },
      {
        kind: 'refund',
        lang: 'zh-CN',
        file_name: 'r-zh.csv',
        content: '原付款PayID,退款流水号,退款金额,退款原因\r\n',
      },
    ];
    expect(templatesOf(templates, 'refund').map((template) => template.file_name)).toEqual([
      'r-en.csv',
      'r-zh.csv',
    ]);
    const payout = templateTargets(templates, 'payout');
    expect(payout.get('卡号')).toBe('card_number');
    expect(payout.has('payid')).toBe(false);
    const refund = templateTargets(templates, 'refund');
    expect(refund.get('原付款payid')).toBe('pay_id');
    expect(refund.get('退款金额')).toBe('amount');
    expect(refund.get('transid')).toBe('trans_id');
    expect(refund.has('卡号')).toBe(false);
    // The payout file's English template stays the source of payout targets, whatever comes first.
    expect(templateTargets([...templates].reverse()).get('金额')).toBe('amount');
  });

  it("reads a refund row's cells: PayID, TransID, amounts in yuan, an unknown capture as empty", () => {
    const r = refundRow(2, { payId: PAY_ID, transId: 'T-2', amountFen: 12_345, capturedFen: 50_000 });
    expect(refundCellText(r, 'pay_id')).toBe(PAY_ID);
    expect(refundCellText(r, 'trans_id')).toBe('T-2');
    expect(refundCellText(r, 'amount')).toBe('123.45');
    expect(refundCellText(r, 'captured_amount')).toBe('500.00');
    expect(refundCellText(r, 'ref_nr')).toBe('ORDER-77');
    expect(refundCellText(r, 'reason')).toBe('客户退货');
    const unknown = refundRow(3, { payId: PAY_ID, transId: 'T-3', amountFen: null });
    expect(refundCellText(unknown, 'captured_amount')).toBe('');
    expect(refundCellText(unknown, 'amount')).toBe('');
    // A payout row has no refund cells.
    expect(refundCellText(row(4, 100), 'pay_id')).toBe('');
  });

  it('colours the refund cell an issue names; the capture rule marks the amount', () => {
    const above = issue('REFUND_ABOVE_CAPTURE', 'amount');
    const shape = issue('PAY_ID_INVALID', 'pay_id', 'warning');
    const r = refundRow(5, { payId: 'short', transId: 'T-5', amountFen: 60_000 }, [above, shape]);
    expect(refundCellIssues(r, 'amount')).toEqual([above]);
    expect(refundCellSeverity(r, 'amount')).toBe('error');
    expect(refundCellSeverity(r, 'pay_id')).toBe('warning');
    expect(refundCellSeverity(r, 'reason')).toBeNull();
    expect(refundKeyOfIssueField('amount_fen')).toBe('amount');
    expect(refundKeyOfIssueField('payment_id')).toBe('trans_id');
    expect(refundKeyOfIssueField('card_number')).toBeNull();
    expect(refundKeyOfIssueField(null)).toBeNull();
  });

  it("downloads refund error rows under the file's own headers, with their refund cells", () => {
    const r = refundRow(4, { payId: PAY_ID, transId: 'T-4', amountFen: 60_000, capturedFen: 50_000 }, [
      issue('REFUND_ABOVE_CAPTURE', 'amount'),
    ]);
    const csv = errorRowsCsv(
      [r],
      exportColumns({
        header: ['PayID', 'Betrag', 'Grund', 'Kommentar'],
        mapping: { PayID: 'pay_id', Betrag: 'amount', Grund: 'reason', Kommentar: null },
        rows: [],
      }),
      { line: 'Line', issues: 'Issues' },
    );
    expect(csv).toBe(
      `\uFEFFLine,PayID,Betrag,Grund,Issues\r\n4,${PAY_ID},600.00,客户退货,[REFUND_ABOVE_CAPTURE] REFUND_ABOVE_CAPTURE on amount\r\n`,
    );
  });

  it('names every refund field and code in both languages', () => {
    for (const lang of ['zh-CN', 'en'] as const) {
      const messages = importMessages[lang];
      for (const target of REFUND_TARGETS) {
        expect(messages.target[target], `${lang} target ${target}`).toBeTruthy();
        expect(messages.refundField[target], `${lang} refundField ${target}`).toBeTruthy();
      }
      expect(messages.code.REFUND_ABOVE_CAPTURE).toBeTruthy();
      expect(Object.keys(messages.kind).sort()).toEqual(Object.keys(importMessages.en.kind).sort());
    }
  });
});
