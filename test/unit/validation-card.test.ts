import { describe, expect, it } from 'vitest';
import { checkCard, passesLuhn } from '../../electron/core/validation/card.js';
import type { RowIssue } from '../../electron/core/types.js';

function card(value: string) {
  const issues: RowIssue[] = [];
  const pan = checkCard(value, issues);
  return { pan, issues };
}

const codes = (value: string) => card(value).issues.map((i) => `${i.severity}:${i.code}`);

describe('checkCard', () => {
  it.each([
    ['6222021234567894', '6222021234567894'], // 16 digits
    ['622202123456789012', '622202123456789012'], // 18
    ['6222021234567890128', '6222021234567890128'], // 19
    ['810000000000000127', '810000000000000127'], // the 81 range
    ['6222 0212 3456 7890 128', '6222021234567890128'],
    ['6222-0212-3456-7890-128', '6222021234567890128'],
    ['6222\u00a00212\u30003456 7890128', '6222021234567890128'],
    ['６２２２０２１２３４５６７８９０１２８', '6222021234567890128'],
    // 16 digits in groups of four are 19 characters: as long as a PAN, yet not one until the spaces go.
    ['6222 0212 3456 7894', '6222021234567894'],
  ])('accepts %j as %s', (value, pan) => {
    expect(card(value)).toEqual({ pan, issues: [] });
  });

  it('reports an empty cell as missing', () => {
    expect(card('')).toEqual({
      pan: '',
      issues: [{ code: 'REQUIRED_MISSING', severity: 'error', field: 'card_number', params: {} }],
    });
  });

  it.each(['6.22202E+18', '6.22202e18', '6.22202E18', '6E+18', ' 6.22202E+18 '.trim()])(
    'refuses Excel scientific notation %j as PAN_EXCEL_DAMAGED (error)',
    (value) => {
      expect(card(value).issues).toEqual([
        {
          code: 'PAN_EXCEL_DAMAGED',
          severity: 'error',
          field: 'card_number',
          params: { pan: value, kind: 'scientific' },
        },
      ]);
    },
  );

  // Only a value that is exactly a float preview is shown as is: anything more may hold card digits.
  it.each([
    ['6222021234567894E5', '622202******94E5', 18],
    ['6E+18 6222021234567894 (2)', '6E+186******4(2)', 24],
  ])('refuses %j, which merely contains a float preview, as PAN_INVALID (masked)', (value, pan, length) => {
    expect(card(value).issues).toEqual([
      { code: 'PAN_INVALID', severity: 'error', field: 'card_number', params: { pan, length } },
    ]);
  });

  it.each([
    ['622202123456789', 15], // too short
    ['62220212345678901234', 20], // too long
    ['6222a21234567890128', 19],
    ['6222.021234567890128', 20],
  ])('refuses %j as PAN_INVALID with a masked value and its length', (value, length) => {
    const { issues } = card(value);
    expect(issues).toHaveLength(1);
    expect(issues[0]).toMatchObject({ code: 'PAN_INVALID', severity: 'error', params: { length } });
    expect(String(issues[0]?.params.pan)).toContain('******');
    expect(String(issues[0]?.params.pan)).not.toContain(value.slice(6, -4));
  });

  it('warns (not blocks) on a Luhn failure, masking the number', () => {
    const { pan, issues } = card('6222021234567890127');
    expect(pan).toBe('6222021234567890127');
    expect(issues).toEqual([
      { code: 'PAN_LUHN', severity: 'warning', field: 'card_number', params: { pan: '622202******0127' } },
    ]);
  });

  it('reports zeros after the 15th digit plus a Luhn failure as an Excel-damage error instead of PAN_LUHN', () => {
    // Excel keeps 15 significant digits: the real digits are lost, so the row cannot be paid as it is.
    expect(card('6222021234567890000').issues).toEqual([
      {
        code: 'PAN_EXCEL_DAMAGED',
        severity: 'error',
        field: 'card_number',
        params: { pan: '622202******0000', kind: 'zeros' },
      },
    ]);
    expect(codes('6222021234567800')).toEqual(['error:PAN_EXCEL_DAMAGED']); // 16 digits, 16th is 0
  });

  it('does not suspect Excel when trailing zeros pass Luhn, nor when a non-zero digit follows the 15th', () => {
    expect(codes('6222021234567820000')).toEqual([]);
    expect(codes('6222021234567891000')).toEqual(['warning:PAN_LUHN']);
  });

  it('warns on a prefix other than 62 or 81', () => {
    expect(card('4111111111111111').issues).toEqual([
      {
        code: 'PAN_PREFIX',
        severity: 'warning',
        field: 'card_number',
        params: { pan: '411111******1111', prefix: '41' },
      },
    ]);
  });

  it('can report both warnings on one card', () => {
    expect(codes('4111111111111112')).toEqual(['warning:PAN_LUHN', 'warning:PAN_PREFIX']);
  });
});

describe('passesLuhn', () => {
  it.each(['4111111111111111', '6222021234567894', '6222021234567890128', '79927398713'])(
    'accepts %s',
    (pan) => {
      expect(passesLuhn(pan)).toBe(true);
    },
  );
  it.each(['4111111111111112', '6222021234567895', '79927398710'])('refuses %s', (pan) => {
    expect(passesLuhn(pan)).toBe(false);
  });
});
