import { describe, expect, it } from 'vitest';
import { checkChineseName } from '../../electron/core/validation/name.js';
import { checkPhone } from '../../electron/core/validation/phone.js';
import { checkEmail } from '../../electron/core/validation/email.js';
import { checkIdNumber, residentIdCheckChar } from '../../electron/core/validation/idNumber.js';
import type { RowIssue } from '../../electron/core/types.js';

function run<T>(check: (value: string, issues: RowIssue[]) => T, value: string) {
  const issues: RowIssue[] = [];
  return { value: check(value, issues), issues };
}

describe('checkChineseName', () => {
  const name = (value: string, field: 'last_name' | 'first_name' = 'last_name') =>
    run((v, issues) => checkChineseName(field, v, issues), value);

  it.each([
    ['王', '王'],
    ['欧阳', '欧阳'],
    ['倩文', '倩文'],
    ['𠀀', '𠀀'], // CJK Extension B
    ['〇', '〇'],
    ['阿卜杜拉·买买提', '阿卜杜拉·买买提'],
    ['阿卜杜拉・买买提', '阿卜杜拉·买买提'], // katakana middle dot, normalised
    ['阿卜杜拉･买买提', '阿卜杜拉·买买提'], // half-width katakana middle dot
    ['阿卜杜拉‧买买提', '阿卜杜拉·买买提'], // hyphenation point
    ['阿依古丽·艾买提·热合曼', '阿依古丽·艾买提·热合曼'],
  ])('accepts %j', (value, normalised) => {
    expect(name(value)).toEqual({ value: normalised, issues: [] });
  });

  it('reports an empty name as missing, naming the field', () => {
    expect(name('', 'first_name').issues).toEqual([
      { code: 'REQUIRED_MISSING', severity: 'error', field: 'first_name', params: {} },
    ]);
  });

  it.each(['Zhang', '张 三', '张3', '·张', '张·', '张··三', '张.三', '张•三', 'キム', '김', '张-三', '(王)'])(
    'refuses %j as NAME_NOT_CHINESE',
    (value) => {
      expect(name(value, 'first_name')).toEqual({
        value,
        issues: [{ code: 'NAME_NOT_CHINESE', severity: 'error', field: 'first_name', params: { value } }],
      });
    },
  );
});

describe('checkPhone', () => {
  it.each([
    ['', ''],
    ['13800138000', '13800138000'],
    ['19912345678', '19912345678'],
    ['138 0013 8000', '13800138000'],
    ['138-0013-8000', '13800138000'],
    ['+86 138 0013 8000', '8613800138000'],
    ['+86-13800138000', '8613800138000'],
    ['8613800138000', '8613800138000'],
    ['008613800138000', '8613800138000'],
    ['(+86) 138.0013.8000', '8613800138000'],
    ['１３８００１３８０００', '13800138000'],
    ['+852 9123 4567', '85291234567'],
    ['00852 9123 4567', '85291234567'],
    ['+86 10 1234 5678', '861012345678'],
  ])('accepts %j as %j', (value, digits) => {
    expect(run(checkPhone, value)).toEqual({ value: digits, issues: [] });
  });

  it.each([
    ['12800138000', '128****8000'], // 12x is no mobile range
    ['1380013800', '138***3800'], // 10 digits
    ['138001380001', '138*****0001'], // 12 digits
    ['010-12345678', '010****5678'], // a landline without country code
    ['91234567', '912*4567'], // a local Hong Kong number without country code
    ['+0123456789', '012***6789'],
    ['+1234567890123456', '123*********3456'], // 16 digits: beyond E.164
    ['phone', '*****'],
    ['138OO138000', '138**8000'],
  ])('refuses %j as PHONE_INVALID, naming it masked (%j)', (value, masked) => {
    expect(run(checkPhone, value)).toEqual({
      value,
      issues: [{ code: 'PHONE_INVALID', severity: 'error', field: 'phone', params: { value: masked } }],
    });
  });
});

describe('checkEmail', () => {
  it.each([
    ['', ''],
    ['user@example.com', 'user@example.com'],
    ['12345@qq.com', '12345@qq.com'],
    ['first.last+tag@mail.example.com.cn', 'first.last+tag@mail.example.com.cn'],
    ['user＠example．com', 'user@example.com'],
  ])('accepts %j', (value, email) => {
    expect(run(checkEmail, value)).toEqual({ value: email, issues: [] });
  });

  it.each([
    'user',
    'user@',
    '@example.com',
    'user@example',
    'user@@example.com',
    'us er@example.com',
    'user@example.c',
    'user@.com',
    `${'a'.repeat(250)}@qq.com`,
  ])('refuses %j', (value) => {
    expect(run(checkEmail, value).issues).toEqual([
      { code: 'EMAIL_INVALID', severity: 'error', field: 'email', params: { value } },
    ]);
  });
});

describe('checkIdNumber', () => {
  it.each([
    ['', ''],
    ['11010519491231002X', '11010519491231002X'],
    ['11010519491231002x', '11010519491231002X'],
    ['440308199901011234', '440308199901011234'],
    ['１１０１０５１９４９１２３１００２Ｘ', '11010519491231002X'],
    ['110105491231002', '110105491231002'], // old 15-digit ID: not checked
    ['E12345678', 'E12345678'], // a passport
    ['1101051949123100', '1101051949123100'], // 16 digits: not a resident ID, no opinion
  ])('accepts %j without an issue', (value, normalised) => {
    expect(run(checkIdNumber, value)).toEqual({ value: normalised, issues: [] });
  });

  it.each([
    ['110105194912310021', '110105********0021'],
    ['440308199901011235', '440308********1235'],
    ['44030819990101123X', '440308********123X'],
  ])('warns on %j (wrong check character), masking it', (value, masked) => {
    expect(run(checkIdNumber, value).issues).toEqual([
      { code: 'DOC_NUMBER_INVALID', severity: 'warning', field: 'id_number', params: { value: masked } },
    ]);
  });

  it('computes the ISO 7064 MOD 11-2 check character', () => {
    expect(residentIdCheckChar('11010519491231002')).toBe('X');
    expect(residentIdCheckChar('44030819990101123')).toBe('4');
  });
});
