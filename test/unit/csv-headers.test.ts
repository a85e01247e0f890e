import { describe, expect, it } from 'vitest';
import { IntakeFileError } from '../../electron/core/csv/errors.js';
import {
  mapHeader,
  normaliseHeader,
  parseMapOption,
  templateTargetOf,
} from '../../electron/core/csv/headers.js';
import type { ColumnTarget } from '../../electron/core/types.js';

function thrown(fn: () => unknown): IntakeFileError {
  try {
    fn();
  } catch (err) {
    if (err instanceof IntakeFileError) return err;
    throw err;
  }
  throw new Error('expected an IntakeFileError');
}

const EN = [
  'payment_id',
  'amount',
  'currency',
  'card_number',
  'bank_id',
  'region_id',
  'last_name',
  'first_name',
];
const ZH = ['订单号', '金额', '币种', '卡号', '银行编号', '地区编号', '姓', '名'];

describe('header matching', () => {
  it('maps the English and the Chinese template headers to the same columns', () => {
    const expected = {
      payment_id: 0,
      amount: 1,
      currency: 2,
      card_number: 3,
      bank_id: 4,
      region_id: 5,
      last_name: 6,
      first_name: 7,
    };
    expect(mapHeader(EN).columns).toEqual(expected);
    expect(mapHeader(ZH).columns).toEqual(expected);
  });

  it('matches ignoring case, spaces, full-width spaces, underscores and a stray BOM', () => {
    expect(templateTargetOf('Card Number')).toBe('card_number');
    expect(templateTargetOf(' AMOUNT ')).toBe('amount');
    expect(templateTargetOf('\uFEFFpayment_id')).toBe('payment_id');
    expect(templateTargetOf('卡\u3000号')).toBe('card_number');
    expect(templateTargetOf(' 收款人 姓名 ')).toBe('full_name');
    expect(templateTargetOf('ＡＭＯＵＮＴ')).toBe('amount');
    expect(normaliseHeader('Bank-ID\t')).toBe('bankid');
    expect(templateTargetOf('amount2')).toBeUndefined();
  });

  it('reports unknown columns as ignored, but not blank trailing headers', () => {
    const mapping = mapHeader([...EN, 'Notes', '内部编号', '', ' ']);
    expect(mapping.ignored).toEqual(['Notes', '内部编号']);
  });

  it('tells whether the file has a payment_id column', () => {
    expect(mapHeader(EN).hasPaymentIdColumn).toBe(true);
    expect(mapHeader(EN.slice(1)).hasPaymentIdColumn).toBe(false);
    expect(mapHeader(EN.slice(1)).columns.payment_id).toBeUndefined();
  });

  it('accepts one full_name column instead of last_name and first_name', () => {
    const mapping = mapHeader(['金额', '卡号', '银行编号', '地区编号', '收款人姓名']);
    expect(mapping.columns.full_name).toBe(4);
    expect(mapping.columns.last_name).toBeUndefined();
  });

  it('names every missing required column at once, in template order', () => {
    const err = thrown(() => mapHeader(['payment_id', 'bank_id', 'region_id', 'phone']));
    expect(err.code).toBe('FILE_MISSING_COLUMN');
    expect(err.params.column).toBe('amount, card_number, last_name, first_name');
  });

  it('names only the missing name part when the other one is present', () => {
    const err = thrown(() => mapHeader(['amount', 'card_number', 'bank_id', 'region_id', 'last_name']));
    expect(err.params.column).toBe('first_name');
  });

  it('refuses two columns that feed the same field', () => {
    const err = thrown(() => mapHeader([...EN, '金额']));
    expect(err.code).toBe('FILE_DUPLICATE_COLUMN');
    expect(err.params).toEqual({ column: 'amount', headers: 'amount, 金额' });
  });
});

describe('parseMapOption', () => {
  it('parses header=field pairs separated by commas', () => {
    const map = parseMapOption('their header=amount, Other Header = card_number,收款人=full_name');
    expect([...map]).toEqual([
      ['their header', 'amount'],
      ['Other Header', 'card_number'],
      ['收款人', 'full_name'],
    ]);
  });

  it('accepts the field as a template header in either language, in any case', () => {
    expect([...parseMapOption('Betrag=金额,PAN=Card_Number')]).toEqual([
      ['Betrag', 'amount'],
      ['PAN', 'card_number'],
    ]);
  });

  it.each([
    ['amount', 'syntax'],
    ['=amount', 'syntax'],
    ['Betrag=', 'syntax'],
    ['a=amount,,b=card_number', 'syntax'],
    ['Betrag=money', 'unknown_field'],
    ['a=amount,b=amount', 'duplicate'],
    ['My Col=amount,mycol=card_number', 'duplicate'],
  ])('refuses %j (%s)', (spec, reason) => {
    const err = thrown(() => parseMapOption(spec));
    expect(err.code).toBe('MAP_INVALID');
    expect(err.params.reason).toBe(reason);
  });

  it('names the offending entry', () => {
    expect(thrown(() => parseMapOption('a=amount, Betrag=money')).params.entry).toBe('Betrag=money');
  });
});

describe('mapHeader with a custom map', () => {
  const header = ['Ref', 'Summe', 'PAN', 'Bank', 'Region', 'Name'];
  const map = parseMapOption(
    'ref=payment_id,summe=amount,pan=card_number,bank=bank_id,region=region_id,name=full_name',
  );

  it('maps headers case- and space-insensitively', () => {
    expect(mapHeader(header, map).columns).toEqual({
      payment_id: 0,
      amount: 1,
      card_number: 2,
      bank_id: 3,
      region_id: 4,
      full_name: 5,
    });
  });

  it('wins over template matching: the template-named column for that field is ignored', () => {
    const custom = new Map<string, ColumnTarget>([['Betrag', 'amount']]);
    const mapping = mapHeader(
      ['amount', 'Betrag', 'card_number', 'bank_id', 'region_id', '姓', '名'],
      custom,
    );
    expect(mapping.columns.amount).toBe(1);
    expect(mapping.ignored).toEqual(['amount']);
  });

  it('can send a template-named column to another field', () => {
    const custom = new Map<string, ColumnTarget>([['备注', 'customer_id']]);
    const mapping = mapHeader(['amount', 'card_number', 'bank_id', 'region_id', '姓', '名', '备注'], custom);
    expect(mapping.columns.customer_id).toBe(6);
    expect(mapping.columns.description).toBeUndefined();
  });

  it('refuses a custom header that is not in the file', () => {
    const err = thrown(() => mapHeader(EN, new Map<string, ColumnTarget>([['Summe', 'amount']])));
    expect(err.code).toBe('MAP_INVALID');
    expect(err.params).toEqual({ entry: 'Summe=amount', reason: 'header_not_found' });
  });

  it('refuses a custom header that matches two columns', () => {
    const err = thrown(() =>
      mapHeader([...EN, 'X', 'x'], new Map<string, ColumnTarget>([['x', 'description']])),
    );
    expect(err.code).toBe('FILE_DUPLICATE_COLUMN');
    expect(err.params).toEqual({ column: 'description', headers: 'X, x' });
  });
});
