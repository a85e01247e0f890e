import { scryptSync } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  PASSWORD_MIN_LENGTH,
  hashPassword,
  passwordWeakness,
  verifyPassword,
} from '../../electron/core/security/index.js';

const PASSWORD = 'correct horse battery staple';
const FORMAT = /^scrypt\$1\$15\$8\$1\$([A-Za-z0-9_-]{22})\$([A-Za-z0-9_-]{43})$/;
const MAXMEM = 64 * 1024 * 1024;

/** A stored hash made here, independently of the module, with any parameters. */
function storedWith(
  password: string,
  logN: number,
  r: number,
  p: number,
  text = [logN, r, p].join('$'),
  sizes = { salt: 16, hash: 32 },
) {
  const salt = Buffer.alloc(sizes.salt, 7);
  const hash = scryptSync(password, salt, sizes.hash, { N: 2 ** logN, r, p, maxmem: MAXMEM });
  return `scrypt$1$${text}$${salt.toString('base64url')}$${hash.toString('base64url')}`;
}

describe('hashPassword', () => {
  it('writes scrypt (N=2^15, r=8, p=1) of the NFC password with a random 16-byte salt, self-described', async () => {
    const stored = await hashPassword('café-crème');
    const [, salt, hash] = FORMAT.exec(stored) ?? [];
    expect(salt).toBeDefined();
    const expected = scryptSync('café-crème'.normalize('NFC'), Buffer.from(salt!, 'base64url'), 32, {
      N: 2 ** 15,
      r: 8,
      p: 1,
      maxmem: MAXMEM,
    });
    expect(hash).toBe(expected.toString('base64url'));
  });

  it('salts each hash afresh', async () => {
    const [a, b] = await Promise.all([hashPassword(PASSWORD), hashPassword(PASSWORD)]);
    expect(a).not.toBe(b);
    expect(a.split('$')[5]).not.toBe(b.split('$')[5]);
    expect(a).not.toContain(PASSWORD);
  });
});

describe('verifyPassword', () => {
  it('accepts the password and nothing else', async () => {
    const stored = await hashPassword(PASSWORD);
    expect(await verifyPassword(PASSWORD, stored)).toBe(true);
    expect(await verifyPassword('correct horse battery stapler', stored)).toBe(false);
    expect(await verifyPassword('Correct horse battery staple', stored)).toBe(false);
    expect(await verifyPassword('', stored)).toBe(false);
  });

  it('treats the NFC and NFD spellings of a password as one', async () => {
    const nfd = 'cafe\u0301 au lait';
    const stored = await hashPassword(nfd);
    expect(await verifyPassword('caf\u00e9 au lait', stored)).toBe(true);
    expect(await verifyPassword(nfd, await hashPassword('caf\u00e9 au lait'))).toBe(true);
  });

  it('reads the parameters from the stored hash, so they can change later', async () => {
    const stored = storedWith(PASSWORD, 10, 4, 4);
    expect(await verifyPassword(PASSWORD, stored)).toBe(true);
    expect(await verifyPassword('wrong', stored)).toBe(false);
    expect(await verifyPassword(PASSWORD, storedWith(PASSWORD, 1, 1, 1))).toBe(true);
  });

  it('refuses a stored p above 4 (time no memory cap bounds) and memory over 64 MiB', async () => {
    expect(await verifyPassword(PASSWORD, storedWith(PASSWORD, 10, 1, 5))).toBe(false);
    // 2^16 × r 8 × 128 bytes = 64 MiB: scrypt refuses it under the cap; no throw escapes.
    const tooBig = storedWith(PASSWORD, 12, 8, 1).replace('$12$8$1$', '$16$8$1$');
    expect(await verifyPassword(PASSWORD, tooBig)).toBe(false);
  });

  it('returns false for anything that is not a stored hash, and never throws', async () => {
    const good = await hashPassword(PASSWORD);
    const parts = good.split('$');
    const withPart = (index: number, value: string) =>
      parts.map((p, i) => (i === index ? value : p)).join('$');
    const flip = (text: string) => (text[0] === 'A' ? 'B' : 'A') + text.slice(1);
    const malformed = [
      '',
      'garbage',
      PASSWORD,
      good + '$',
      parts.slice(0, 6).join('$'),
      withPart(0, 'bcrypt'),
      withPart(0, 'SCRYPT'),
      withPart(1, '2'),
      withPart(1, '01'),
      withPart(2, '0'),
      withPart(3, '0'),
      withPart(4, '0'),
      withPart(2, 'x'),
      withPart(2, '15 '),
      withPart(2, '+15'),
      withPart(2, '1e1'),
      withPart(5, ''),
      withPart(6, ''),
      withPart(5, parts[5]!.slice(1)),
      withPart(6, parts[6]!.slice(1)),
      withPart(5, parts[5]! + 'AAAA'),
      withPart(6, parts[6]! + 'AA'),
      withPart(5, parts[5]!.slice(0, -1) + '!'),
      withPart(5, parts[5]!.slice(0, 21) + '='),
      withPart(6, parts[6]!.replace(/.$/, '+')),
      withPart(5, parts[5]!.replace(/-/g, '+').replace(/_/g, '/') + '=='),
      withPart(5, '-' + parts[5]!.slice(1, -1) + '.'),
      withPart(6, ' ' + parts[6]!),
      withPart(6, parts[6]! + '\n'),
      withPart(6, flip(parts[6]!)),
      withPart(5, flip(parts[5]!)),
    ];
    for (const stored of malformed) expect(await verifyPassword(PASSWORD, stored), stored).toBe(false);
    for (const stored of [null, undefined, 42, {}]) {
      expect(await verifyPassword(PASSWORD, stored as unknown as string)).toBe(false);
    }
  });

  it('refuses salts and hashes of other lengths than 16 and 32 bytes, even when they match', async () => {
    expect(await verifyPassword(PASSWORD, storedWith(PASSWORD, 10, 1, 1, undefined))).toBe(true);
    for (const sizes of [
      { salt: 15, hash: 32 },
      { salt: 24, hash: 32 },
      { salt: 16, hash: 16 },
      { salt: 16, hash: 33 },
    ]) {
      expect(await verifyPassword(PASSWORD, storedWith(PASSWORD, 10, 1, 1, undefined, sizes))).toBe(false);
    }
  });

  it('refuses leading zeros and non-canonical base64url, though they decode to valid values', async () => {
    expect(await verifyPassword(PASSWORD, storedWith(PASSWORD, 10, 1, 1, '010$1$1'))).toBe(false);
    expect(await verifyPassword(PASSWORD, storedWith(PASSWORD, 10, 1, 1, '10$01$1'))).toBe(false);
    expect(await verifyPassword(PASSWORD, storedWith(PASSWORD, 10, 1, 1, '10$1$01'))).toBe(false);
    const good = storedWith(PASSWORD, 10, 1, 1);
    expect(await verifyPassword(PASSWORD, good)).toBe(true);
    // The salt's last character carries 4 unused bits: `w` (110000) and `x` (110001) decode alike.
    const parts = good.split('$');
    const salt = parts[5]!;
    const twin = salt.slice(0, -1) + String.fromCharCode(salt.charCodeAt(salt.length - 1) + 1);
    expect(Buffer.from(twin, 'base64url').equals(Buffer.from(salt, 'base64url'))).toBe(true);
    parts[5] = twin;
    expect(await verifyPassword(PASSWORD, parts.join('$'))).toBe(false);
  });
});

describe('passwordWeakness', () => {
  const ok = (password: string, name = 'alice') => expect(passwordWeakness(password, name), password);

  it('accepts long passwords with no composition rules', () => {
    expect(PASSWORD_MIN_LENGTH).toBe(10);
    ok(PASSWORD).toBeNull();
    ok('mercury venus earth').toBeNull();
    ok('我的密码是长城永不倒').toBeNull();
    ok('abcdabcdab').toBeNull();
    ok('1a2b1a2b1a2').toBeNull();
    ok('acegikmoqs').toBeNull();
    ok('abcdefghik').toBeNull();
    ok('7391-4428-0615').toBeNull();
  });

  it('too_short: fewer than 10 code points of the NFC form', () => {
    ok('Xk7#mQ2$p').toBe('too_short');
    ok('Xk7#mQ2$pL').toBeNull();
    ok('').toBe('too_short');
    // 5 emoji are 10 UTF-16 units but 5 code points.
    ok('🐉🐅🐍🦊🐢').toBe('too_short');
    ok('🐉🐅🐍🦊🐢🐉🐅🐍🦊🐳').toBeNull();
    // 9 characters typed decomposed are 12 code points, 9 once composed.
    ok('cafe\u0301bru\u0302le\u0301').toBe('too_short');
    ok('cafe\u0301bru\u0302le\u0301!').toBeNull();
  });

  it('control_chars: any C0 or C1 control, DEL included, before anything else', () => {
    for (const control of ['\u0000', '\u0007', '\t', '\n', '\u001f', '\u007f', '\u0085', '\u009f']) {
      ok(`correct${control}horse battery`).toBe('control_chars');
    }
    ok('\u0001').toBe('control_chars');
    ok('correct\u00a0horse battery').toBeNull();
  });

  it('contains_name: the normalised account name, its separator-less form or the part before @', () => {
    ok('my-ALICE-password').toBe('contains_name');
    ok('my-alice-password', 'ＡＬＩＣＥ').toBe('contains_name');
    ok('my-ali\u200bce-password').toBe('contains_name');
    ok('ｍｙ ａｌｉｃｅ ｐａｓｓ').toBe('contains_name');
    ok('wanglirocks2024', 'wang.li').toBe('contains_name');
    ok('my wang.li secret', 'wang.li').toBe('contains_name');
    ok('alice-in-wonderland', 'alice@example.com').toBe('contains_name');
    ok('xbobx-strong-pass', 'bob').toBe('contains_name');
    // Names under 3 characters would forbid too much.
    ok('bo-is-my-name-ok', 'bo').toBeNull();
    ok('lili-is-a-flower', 'l.i').toBeNull();
    ok('a-b-c-wonderful', '@@').toBeNull();
    ok('my-ali-cat-is-big', 'alice').toBeNull();
  });

  it('common: a listed password or pattern, alone or followed by digits and punctuation only', () => {
    for (const password of [
      'password123',
      'Password2024!',
      'P@ssw0rd!!!',
      'pa$$word-1',
      'qwertyuiop',
      '1q2w3e4r5t',
      '1234567890',
      'iloveyou123',
      'woaini1314',
      '5201314520',
      'abcd1234!!',
      'admin@2024',
      'UnionPay2024',
      'pass word 123',
      'ｐａｓｓｗｏｒｄ１２３',
    ]) {
      ok(password).toBe('common');
    }
    ok('passwordmanagerxyz').toBeNull();
    ok('mypassword123').toBeNull();
    ok('password123x').toBeNull();
  });

  it('repetitive: under 4 distinct characters, a repeated block, or one straight run', () => {
    ok('aaaaaaaaaaaa').toBe('repetitive');
    ok('aAaAaAaAaA').toBe('repetitive');
    ok('abcabcabcab').toBe('repetitive');
    ok('hellohello').toBe('repetitive');
    ok('tiger-tiger-').toBe('repetitive');
    ok('abcdefghij').toBe('repetitive');
    ok('zyxwvutsrq').toBe('repetitive');
    ok('KLMNOPQRST').toBe('repetitive');
  });

  it('reports the first problem in order: control, length, name, common, repetition', () => {
    ok('alice\u0000').toBe('control_chars');
    ok('alice').toBe('too_short');
    ok('alicealice').toBe('contains_name');
    ok('password!!', 'password').toBe('contains_name');
    ok('1234567890').toBe('common');
  });
});
