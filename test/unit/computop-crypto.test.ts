import { randomBytes, randomInt } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { blowfishEcbDecrypt, blowfishEcbEncrypt } from '../../electron/core/providers/computop/blowfish.js';
import {
  answerMac,
  decryptData,
  encodeFields,
  encryptData,
  inquiryMac,
  macMatches,
  openAnswer,
  parseFields,
  paygateMac,
  PaygateCryptoError,
  requestMac,
  sealRequest,
} from '../../electron/core/providers/computop/paygateCrypto.js';

const bytes = (text: string) => new TextEncoder().encode(text);
const fromHex = (hex: string) => new Uint8Array(Buffer.from(hex, 'hex'));
const toHex = (data: Uint8Array) => Buffer.from(data).toString('hex').toUpperCase();

const MERCHANT = 'Test_Merchant';
const HMAC_KEY = 'Hmac-Secret-Key!';
const PAY_ID = '0123456789abcdef0123456789abcdef';

describe('Blowfish-ECB', () => {
  // The original known-answer set (Schneier's test vectors).
  it.each([
    ['0000000000000000', '0000000000000000', '4EF997456198DD78'],
    ['FFFFFFFFFFFFFFFF', 'FFFFFFFFFFFFFFFF', '51866FD5B85ECB8A'],
  ])('key %s, plaintext %s gives %s', (key, plain, cipher) => {
    expect(toHex(blowfishEcbEncrypt(fromHex(plain), fromHex(key)))).toBe(cipher);
    expect(toHex(blowfishEcbDecrypt(fromHex(cipher), fromHex(key)))).toBe(plain);
  });

  // ../shared/design/gateway-computop.md
  it('encrypts "plaintext" under "password", zero-padded', () => {
    expect(toHex(blowfishEcbEncrypt(bytes('plaintext'), bytes('password')))).toBe(
      '14EC7A6DA0FBB3E50A84B47302443328',
    );
  });

  it('encrypts the 23-byte vector under a 16-byte key, zero-padded', () => {
    const cipher = blowfishEcbEncrypt(bytes('Unencrypted plain text!'), bytes('16CharKeyLength!'));
    expect(toHex(cipher)).toBe('4105AAFDC6445BF2EB8242371136F488A4812B38A821E753');
    const plain = blowfishEcbDecrypt(cipher, bytes('16CharKeyLength!'));
    expect(toHex(plain)).toBe(toHex(bytes('Unencrypted plain text!\0')));
  });

  it('gives empty output for empty input, and whole blocks otherwise', () => {
    expect(blowfishEcbEncrypt(new Uint8Array(0), bytes('k'))).toHaveLength(0);
    expect(blowfishEcbEncrypt(bytes('12345678'), bytes('k'))).toHaveLength(8);
    expect(blowfishEcbEncrypt(bytes('123456789'), bytes('k'))).toHaveLength(16);
  });

  it('refuses keys outside 1–56 bytes and ciphertext that is not whole blocks', () => {
    expect(() => blowfishEcbEncrypt(bytes('x'), new Uint8Array(0))).toThrow(RangeError);
    expect(() => blowfishEcbEncrypt(bytes('x'), new Uint8Array(57))).toThrow(RangeError);
    expect(blowfishEcbEncrypt(bytes('x'), new Uint8Array(56).fill(7))).toHaveLength(8);
    expect(() => blowfishEcbDecrypt(new Uint8Array(12), bytes('k'))).toThrow(RangeError);
  });

  it('round-trips random data under random keys', () => {
    for (let i = 0; i < 50; i += 1) {
      const key = randomBytes(randomInt(1, 57));
      const plain = randomBytes(randomInt(0, 5) * 8);
      const cipher = blowfishEcbEncrypt(plain, key);
      expect(toHex(blowfishEcbDecrypt(cipher, key))).toBe(toHex(plain));
    }
  });
});

describe('MACs', () => {
  it('HMAC-SHA256("password", "value")', () => {
    expect(paygateMac('password', ['value'])).toBe(
      '18B40402BBF3FEED824E9F762B412F1108C4D678B2A067425B99963CD68B1D6A',
    );
  });

  it('request MAC with an empty PayID keeps its *', () => {
    const mac = requestMac(HMAC_KEY, {
      payId: '',
      transId: 'T1000',
      merchantId: MERCHANT,
      amount: 1234,
      currency: 'CNY',
    });
    expect(mac).toBe('E3FE0482315E1B4BC2563BB18A99DF1964EAB49FC3D16DFDB7BFCCE924C5B82C');
    expect(paygateMac(HMAC_KEY, ['', 'T1000', MERCHANT, '1234', 'CNY'])).toBe(mac);
  });

  it('refund (credit) request MAC', () => {
    const mac = requestMac(HMAC_KEY, {
      payId: PAY_ID,
      transId: 'R1000',
      merchantId: MERCHANT,
      amount: '500',
      currency: 'CNY',
    });
    expect(mac).toBe('E0958B7242F093D67C7D60CD3983B31D70B17148FAEE4E4C7EF480BA2DE0EA71');
  });

  it('response MAC', () => {
    const mac = answerMac(HMAC_KEY, {
      payId: PAY_ID,
      transId: 'R1000',
      merchantId: MERCHANT,
      status: 'OK',
      code: '00000000',
    });
    expect(mac).toBe('AFCF2306252F9D6E6EEEC107AC3F23B031B5D04F87CCADDF51028AC5191CF75A');
  });

  it('inquiry MAC leaves amount and currency empty', () => {
    expect(inquiryMac(HMAC_KEY, { payId: PAY_ID, transId: 'R1000', merchantId: MERCHANT })).toBe(
      paygateMac(HMAC_KEY, [PAY_ID, 'R1000', MERCHANT, '', '']),
    );
    expect(inquiryMac(HMAC_KEY, { payId: PAY_ID, transId: 'R1000', merchantId: MERCHANT })).not.toBe(
      paygateMac(HMAC_KEY, [PAY_ID, 'R1000', MERCHANT]),
    );
  });

  it('compares MACs case-insensitively and refuses any other', () => {
    const mac = 'AFCF2306252F9D6E6EEEC107AC3F23B031B5D04F87CCADDF51028AC5191CF75A';
    expect(macMatches(mac, mac.toLowerCase())).toBe(true);
    expect(macMatches(mac, mac.slice(0, -1) + 'B')).toBe(false);
    expect(macMatches(mac, mac.slice(0, -2))).toBe(false);
    expect(macMatches(mac, '')).toBe(false);
  });
});

/** Text of `length` characters drawn from ASCII, Chinese and emoji (1–4 UTF-8 bytes each). */
function randomText(length: number): string {
  const alphabet = ['a', 'Z', '7', ' ', '*', 'é', '退', '款', '€', '😀'];
  return Array.from({ length }, () => alphabet[randomInt(alphabet.length)]).join('');
}

describe('Data', () => {
  it('round-trips text of random lengths, multi-byte UTF-8 included; Len counts bytes', () => {
    for (let length = 0; length < 70; length += 1) {
      const text = randomText(length);
      const { len, data } = encryptData(text, 'blowfish-key');
      expect(len).toBe(Buffer.byteLength(text, 'utf8'));
      expect(data).toMatch(/^(?:[0-9A-F]{16})*$/);
      expect(decryptData(len, data, 'blowfish-key')).toBe(text);
    }
  });

  it('cuts to Len whatever padding follows, and reads hex in either case', () => {
    const { data } = encryptData('Code=00000000&Status=OK', 'k');
    expect(decryptData(4, data, 'k')).toBe('Code');
    expect(decryptData(4, data.toLowerCase(), 'k')).toBe('Code');
    // A plaintext padded with something other than zeros is cut all the same.
    const padded = toHex(blowfishEcbEncrypt(bytes('abc\x05\x05\x05\x05\x05'), bytes('k')));
    expect(decryptData(3, padded, 'k')).toBe('abc');
  });

  it('refuses bad hex, broken blocks, a Len beyond the data and text that is not UTF-8', () => {
    const { data } = encryptData('hello', 'k');
    const problem = (run: () => unknown) => {
      try {
        run();
      } catch (error) {
        expect(error).toBeInstanceOf(PaygateCryptoError);
        return (error as PaygateCryptoError).problem;
      }
      return 'no error';
    };
    expect(problem(() => decryptData(5, `${data.slice(0, -1)}G`, 'k'))).toBe('bad_hex');
    expect(problem(() => decryptData(5, data.slice(0, -1), 'k'))).toBe('bad_hex');
    expect(problem(() => decryptData(3, data.slice(0, 8), 'k'))).toBe('bad_length');
    expect(problem(() => decryptData(9, data, 'k'))).toBe('bad_length');
    expect(problem(() => decryptData(-1, data, 'k'))).toBe('bad_length');
    const cutInsideACharacter = encryptData('退', 'k');
    expect(problem(() => decryptData(2, cutInsideACharacter.data, 'k'))).toBe('bad_text');
  });
});

describe('fields', () => {
  it('encodes in order and refuses & and = rather than send something ambiguous', () => {
    expect(
      encodeFields([
        ['MerchantID', 'M'],
        ['Amount', '500'],
      ]),
    ).toBe('MerchantID=M&Amount=500');
    expect(() => encodeFields([['RefNr', 'a&b']])).toThrow(PaygateCryptoError);
    expect(() => encodeFields([['RefNr', 'a=b']])).toThrow(PaygateCryptoError);
    expect(() => encodeFields([['Ref&Nr', 'a']])).toThrow(PaygateCryptoError);
    expect(() => encodeFields([['', 'a']])).toThrow(PaygateCryptoError);
  });

  it('parses keys case-insensitively in any order, keeps extras, splits on the first =', () => {
    const fields = parseFields('code=00000000&MID=M&PayID=abc&Extra=1&Description=a=b=c&flag');
    expect(fields.get('code')).toBe('00000000');
    expect(fields.get('mid')).toBe('M');
    expect(fields.get('payid')).toBe('abc');
    expect(fields.get('extra')).toBe('1');
    expect(fields.get('description')).toBe('a=b=c');
    expect(fields.get('flag')).toBe('');
    expect(fields.has('PayID')).toBe(false);
  });

  it('keeps the first of duplicate keys', () => {
    expect(parseFields('Code=00000000&CODE=22060200&code=x').get('code')).toBe('00000000');
  });
});

describe('request and answer envelopes', () => {
  it('seals a form body with MerchantID in clear and the fields encrypted', () => {
    const body = sealRequest(
      [
        ['MerchantID', 'Test Merchant'],
        ['Amount', '500'],
      ],
      { merchantId: 'Test Merchant', blowfishPassword: 'bf-key' },
    );
    const form = new URLSearchParams(body);
    expect(body.startsWith('MerchantID=Test+Merchant&Len=')).toBe(true);
    expect([...form.keys()]).toEqual(['MerchantID', 'Len', 'Data']);
    expect(form.get('Len')).toBe('35');
    expect(decryptData(35, form.get('Data')!, 'bf-key')).toBe('MerchantID=Test Merchant&Amount=500');
  });

  it('opens an answer with outer keys in any case, lower-case hex and plain extras', () => {
    const { len, data } = encryptData('mid=M&PayID=P&Code=00000000&Status=OK', 'bf-key');
    const fields = openAnswer(`data=${data.toLowerCase()}&LEN=${len}&Custom=x\r\n`, 'bf-key');
    expect(Object.fromEntries(fields)).toEqual({ mid: 'M', payid: 'P', code: '00000000', status: 'OK' });
  });

  it('refuses an answer without Len and Data, or with a Len that is no number', () => {
    const { data } = encryptData('Code=00000000', 'k');
    expect(() => openAnswer('Code=00000000&Status=OK', 'k')).toThrow(PaygateCryptoError);
    expect(() => openAnswer(`Len=&Data=${data}`, 'k')).toThrow(PaygateCryptoError);
    expect(() => openAnswer(`Len=x1&Data=${data}`, 'k')).toThrow(PaygateCryptoError);
    expect(() => openAnswer('', 'k')).toThrow(PaygateCryptoError);
  });
});
