import { createCipheriv, createDecipheriv, createHmac, randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { CredentialsError } from '../../electron/core/credentials/errors.js';
import { maskPan } from '../../electron/core/i18n/mask.js';
import {
  INSTALLATION_KEY_CIPHER_KIND,
  createFieldCipher,
  deriveKeys,
  installationKeyCipher,
  maskCardNumber,
  maskIdNumber,
  maskPhone,
  type PayeeSecrets,
} from '../../electron/core/security/index.js';

const keys = deriveKeys(Buffer.alloc(32, 1));
const otherKeys = deriveKeys(Buffer.alloc(32, 2));
const PAYEE: PayeeSecrets = {
  card_number: '6222021234567890123',
  id_number: '11010519491231002X',
  phone: '+86 138 0013 8000',
};
const PAYMENT = 'P-2024-000017';

function errorOf(fn: () => unknown): CredentialsError {
  try {
    fn();
  } catch (err) {
    expect(err).toBeInstanceOf(CredentialsError);
    return err as CredentialsError;
  }
  throw new Error('expected a CredentialsError');
}

function payeeLocked(fn: () => unknown): CredentialsError {
  const err = errorOf(fn);
  expect(err.code).toBe('CREDENTIALS_LOCKED');
  expect(err.params).toEqual({ reason: 'payee_data' });
  return err;
}

/** A version-1 envelope sealed here, with any plaintext and additional data. */
function sealHere(key: Buffer, aad: Buffer, plain: string | Buffer): Buffer {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  cipher.setAAD(aad);
  const body = Buffer.concat([cipher.update(plain), cipher.final()]);
  return Buffer.concat([Buffer.of(1), iv, cipher.getAuthTag(), body]);
}

function openHere(key: Buffer, aad: Buffer, sealed: Buffer): string {
  const decipher = createDecipheriv('aes-256-gcm', key, sealed.subarray(1, 13), { authTagLength: 16 });
  decipher.setAAD(aad);
  decipher.setAuthTag(sealed.subarray(13, 29));
  return Buffer.concat([decipher.update(sealed.subarray(29)), decipher.final()]).toString('utf8');
}

const payeeAad = (binding: string) => Buffer.concat([Buffer.of(1), Buffer.from(binding)]);

describe('createFieldCipher: seal and open', () => {
  const fields = createFieldCipher(keys);

  it('round-trips the three fields, non-ASCII and empty ones included', () => {
    expect(fields.open(fields.seal(PAYEE, PAYMENT), PAYMENT)).toEqual(PAYEE);
    const odd = { card_number: '', id_number: '身份证"\\,[]', phone: '☎ 0\u0000' };
    expect(fields.open(fields.seal(odd, '支付-1'), '支付-1')).toEqual(odd);
  });

  it('is AES-256-GCM under keys.pii of a JSON array, the version byte and binding authenticated', () => {
    const sealed = fields.seal(PAYEE, PAYMENT);
    const plain = JSON.stringify([PAYEE.card_number, PAYEE.id_number, PAYEE.phone]);
    expect(sealed[0]).toBe(1);
    expect(sealed.length).toBe(1 + 12 + 16 + Buffer.byteLength(plain));
    expect(openHere(keys.pii, payeeAad(PAYMENT), sealed)).toBe(plain);
    expect(fields.open(sealHere(keys.pii, payeeAad(PAYMENT), plain), PAYMENT)).toEqual(PAYEE);
  });

  it('seals with a fresh IV each time and shows nothing of the values', () => {
    const a = fields.seal(PAYEE, PAYMENT);
    const b = fields.seal(PAYEE, PAYMENT);
    expect(a.subarray(1, 13).equals(b.subarray(1, 13))).toBe(false);
    expect(a.subarray(29).equals(b.subarray(29))).toBe(false);
    for (const value of Object.values(PAYEE)) expect(a.includes(value)).toBe(false);
  });

  it('does not open under another binding: a blob copied to another payout', () => {
    const sealed = fields.seal(PAYEE, PAYMENT);
    payeeLocked(() => fields.open(sealed, 'P-2024-000018'));
    payeeLocked(() => fields.open(sealed, ''));
    payeeLocked(() => fields.open(fields.seal(PAYEE, ''), PAYMENT));
    expect(fields.open(fields.seal(PAYEE, ''), '')).toEqual(PAYEE);
  });

  it('does not open under another installation key, nor as a provider secret', () => {
    const sealed = fields.seal(PAYEE, PAYMENT);
    payeeLocked(() => createFieldCipher(otherKeys).open(sealed, PAYMENT));
    expect(() => installationKeyCipher(keys).decrypt(sealed)).toThrow(CredentialsError);
    payeeLocked(() => fields.open(sealHere(keys.secrets, payeeAad(PAYMENT), '["a","b","c"]'), PAYMENT));
  });

  it('refuses altered, truncated or foreign envelopes with a constant message and no secret', () => {
    const sealed = fields.seal(PAYEE, PAYMENT);
    const messages = new Set<string>();
    for (const at of [0, 1, 12, 13, 28, 29, sealed.length - 1]) {
      const altered = Buffer.from(sealed);
      altered[at] = altered[at]! ^ 0x01;
      messages.add(payeeLocked(() => fields.open(altered, PAYMENT)).message);
    }
    for (const bad of [sealed.subarray(0, 29), sealed.subarray(0, 28), Buffer.alloc(0), Buffer.alloc(80)]) {
      messages.add(payeeLocked(() => fields.open(bad, PAYMENT)).message);
    }
    messages.add(payeeLocked(() => fields.open(null as unknown as Buffer, PAYMENT)).message);
    expect(messages.size).toBe(1);
    const [message] = [...messages];
    expect(message).toMatch(/^The payee data cannot be decrypted/);
    for (const value of [...Object.values(PAYEE), PAYMENT, '6222']) expect(message).not.toContain(value);
  });

  it('refuses a version-2 envelope, even one sealed under the right key', () => {
    const v2 = sealHere(keys.pii, payeeAad(PAYMENT), JSON.stringify(['1', '2', '3']));
    expect(fields.open(v2, PAYMENT)).toEqual({ card_number: '1', id_number: '2', phone: '3' });
    v2[0] = 2;
    payeeLocked(() => fields.open(v2, PAYMENT));
  });

  it('refuses authentic plaintext that is not three strings', () => {
    for (const plain of [
      'not json',
      '{"card_number":"1"}',
      '["1","2"]',
      '["1","2","3","4"]',
      '["1",2,"3"]',
      '',
    ]) {
      payeeLocked(() => fields.open(sealHere(keys.pii, payeeAad(PAYMENT), plain), PAYMENT));
    }
    payeeLocked(() => fields.open(sealHere(keys.pii, payeeAad(PAYMENT), '["1","2",null]'), PAYMENT));
  });

  it('seals text only', () => {
    const notText = { ...PAYEE, phone: 13800138000 } as unknown as PayeeSecrets;
    expect(() => fields.seal(notText, PAYMENT)).toThrow(
      new TypeError('Payee card number, ID number and phone are sealed as text.'),
    );
    expect(() => fields.seal({ ...PAYEE, card_number: null } as unknown as PayeeSecrets, PAYMENT)).toThrow(
      TypeError,
    );
    expect(() => fields.seal({ ...PAYEE, id_number: 1 } as unknown as PayeeSecrets, PAYMENT)).toThrow(
      TypeError,
    );
  });
});

describe('createFieldCipher: cardHash', () => {
  const fields = createFieldCipher(keys);

  it('is HMAC-SHA256 under keys.piiHash of the card digits, as hex', () => {
    const expected = createHmac('sha256', keys.piiHash).update('6222021234567890').digest('hex');
    expect(fields.cardHash('6222021234567890')).toBe(expected);
    expect(expected).toMatch(/^[0-9a-f]{64}$/);
  });

  it('is the same however the digits are grouped, and differs per card and per installation', () => {
    const hash = fields.cardHash('6222021234567890');
    expect(fields.cardHash('6222 0212 3456 7890')).toBe(hash);
    expect(fields.cardHash('6222-0212-3456-7890\n')).toBe(hash);
    expect(fields.cardHash('6222021234567891')).not.toBe(hash);
    expect(createFieldCipher(otherKeys).cardHash('6222021234567890')).not.toBe(hash);
    expect(fields.cardHash('6222021234567890')).toBe(hash);
  });
});

describe('installationKeyCipher', () => {
  const cipher = installationKeyCipher(keys);

  it('round-trips a secret under its own kind', () => {
    expect(cipher.kind).toBe('installation-key-aes-256-gcm');
    expect(INSTALLATION_KEY_CIPHER_KIND).toBe(cipher.kind);
    for (const secret of ['sk-Gate-5f1c9a2e7b44d0c8', '密钥-ключ-🔑', '']) {
      expect(cipher.decrypt(cipher.encrypt(secret))).toBe(secret);
    }
  });

  it('is AES-256-GCM under keys.secrets, version byte as additional data, fresh IV', () => {
    const a = cipher.encrypt('sk-Gate-5f1c9a2e7b44d0c8');
    const b = cipher.encrypt('sk-Gate-5f1c9a2e7b44d0c8');
    expect(a[0]).toBe(1);
    expect(a.length).toBe(1 + 12 + 16 + 24);
    expect(openHere(keys.secrets, Buffer.of(1), a)).toBe('sk-Gate-5f1c9a2e7b44d0c8');
    expect(cipher.decrypt(sealHere(keys.secrets, Buffer.of(1), 'from elsewhere'))).toBe('from elsewhere');
    expect(a.subarray(1, 13).equals(b.subarray(1, 13))).toBe(false);
    expect(a.includes('sk-Gate')).toBe(false);
  });

  it('refuses other keys, altered data and other versions as CREDENTIALS_LOCKED, with one message', () => {
    const sealed = cipher.encrypt('sk-Gate-5f1c9a2e7b44d0c8');
    const messages = new Set<string>();
    const locked = (fn: () => unknown) => {
      const err = errorOf(fn);
      expect(err.code).toBe('CREDENTIALS_LOCKED');
      messages.add(err.message);
    };
    locked(() => installationKeyCipher(otherKeys).decrypt(sealed));
    for (const at of [0, 1, 13, 29, sealed.length - 1]) {
      const altered = Buffer.from(sealed);
      altered[at] = altered[at]! ^ 0x01;
      locked(() => cipher.decrypt(altered));
    }
    locked(() => cipher.decrypt(sealed.subarray(0, 28)));
    locked(() => cipher.decrypt(Buffer.alloc(0)));
    const v2 = sealHere(keys.secrets, Buffer.of(1), 'x');
    v2[0] = 2;
    locked(() => cipher.decrypt(v2));
    locked(() => cipher.decrypt(sealHere(keys.secrets, Buffer.of(2), 'x')));
    // A genuine tag cut to 12 bytes over an empty secret: GCM would accept it unless told the tag's length.
    const empty = sealHere(keys.secrets, Buffer.of(1), '');
    locked(() => cipher.decrypt(empty.subarray(0, 25)));
    expect(cipher.decrypt(empty)).toBe('');
    expect(messages.size).toBe(1);
    expect([...messages][0]).toMatch(/^The stored credentials cannot be decrypted/);
    expect([...messages][0]).not.toContain('sk-Gate');
  });
});

describe('masks', () => {
  it('maskCardNumber is the console card mask (maskPan), on the digits, and keeps empty empty', () => {
    expect(maskCardNumber('6222021234567890')).toBe('622202******7890');
    expect(maskCardNumber('6222021234567890123')).toBe('622202******0123');
    expect(maskCardNumber('6222 0212 3456 7890')).toBe('622202******7890');
    expect(maskCardNumber('6222-0212-3456-7890')).toBe('622202******7890');
    expect(maskCardNumber('6222021234567890')).toBe(maskPan('6222021234567890'));
    expect(maskCardNumber('123456789')).toBe('******6789');
    expect(maskCardNumber('1234567')).toBe('******');
    expect(maskCardNumber('')).toBe('');
    expect(maskCardNumber(' - ')).toBe('');
  });

  it('maskIdNumber: first 3 and last 4 from 8 characters, else the last 2 from 3, one star each', () => {
    expect(maskIdNumber('11010519491231002X')).toBe('110***********002X');
    expect(maskIdNumber('12345678')).toBe('123*5678');
    expect(maskIdNumber('123456789')).toBe('123**6789');
    expect(maskIdNumber('1234567')).toBe('*****67');
    expect(maskIdNumber('123')).toBe('*23');
    expect(maskIdNumber('12')).toBe('**');
    expect(maskIdNumber('1')).toBe('*');
    expect(maskIdNumber('')).toBe('');
    expect(maskIdNumber('𠀀𠀁𠀂𠀃𠀄𠀅𠀆𠀇')).toBe('𠀀𠀁𠀂*𠀄𠀅𠀆𠀇');
  });

  it('maskPhone keeps the country code, then the first 3 and last 4 national digits', () => {
    expect(maskPhone('13800138000')).toBe('138****8000');
    expect(maskPhone('138 0013 8000')).toBe('138****8000');
    expect(maskPhone('+8613800138000')).toBe('+86 138****8000');
    expect(maskPhone('+86 138-0013-8000')).toBe('+86 138****8000');
    expect(maskPhone(' 0086 13800138000 ')).toBe('0086 138****8000');
    expect(maskPhone('+44 20 7946 0958')).toBe('+44 207***0958');
    expect(maskPhone('+852-9123-4567')).toBe('+852 912*4567');
    expect(maskPhone('0044 2079460958')).toBe('0044 207***0958');
    expect(maskPhone('(010) 1234-5678')).toBe('010****5678');
    expect(maskPhone('+447700900123')).toBe('447*****0123');
    expect(maskPhone('+1234 5678901')).toBe('123****8901');
    expect(maskPhone('+44  20 7946 0958')).toBe('+44 207***0958');
    expect(maskPhone('+44 - 2079460958')).toBe('+44 207***0958');
    expect(maskPhone('+7 9123456789')).toBe('+7 912***6789');
    expect(maskPhone('00852 91234567')).toBe('00852 912*4567');
    expect(maskPhone('000852 91234567')).toBe('000*******4567');
    expect(maskPhone('44 2079460958')).toBe('442*****0958');
    expect(maskPhone('138-0013-8000 (+86)')).toBe('138******0086');
    expect(maskPhone('138 0086 8000')).toBe('138****8000');
  });

  it('maskPhone hides short numbers but the last 2, and text without digits entirely', () => {
    expect(maskPhone('12345')).toBe('***45');
    expect(maskPhone('+86 12345')).toBe('+86 ***45');
    expect(maskPhone('12')).toBe('**');
    expect(maskPhone('n/a')).toBe('***');
    expect(maskPhone('+86')).toBe('***');
    expect(maskPhone('')).toBe('');
    expect(maskPhone('   ')).toBe('');
  });
});
