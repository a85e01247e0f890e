import { describe, expect, it } from 'vitest';
import { decodeCsvBytes, type EncodingChoice } from '../../electron/core/csv/decode.js';
import { IntakeFileError } from '../../electron/core/csv/errors.js';
import { describeFileError } from '../../electron/core/i18n/fileErrors.js';
import { encodeGbk } from '../fixtures/csv/gbk.js';
import { encodeBig5, encodeShiftJis } from '../fixtures/csv/legacyEncodings.js';
import {
  JAPANESE_ONE_NAME,
  JAPANESE_PAYOUTS,
  SIMPLIFIED_PAYOUTS,
  TRADITIONAL_ONE_NAME,
  TRADITIONAL_PAYOUTS,
} from '../fixtures/csv/realisticPayouts.js';
import { EN_HEADER, ROW_1, ROW_2, utf8, withUtf8Bom, ZH_HEADER } from '../fixtures/csv/samples.js';

function decodeError(bytes: Uint8Array, override?: EncodingChoice): IntakeFileError {
  try {
    decodeCsvBytes(bytes, override);
  } catch (err) {
    if (err instanceof IntakeFileError) return err;
    throw err;
  }
  throw new Error('expected an IntakeFileError');
}

describe('decodeCsvBytes', () => {
  it('decodes UTF-8 with a BOM and strips the BOM', () => {
    const result = decodeCsvBytes(withUtf8Bom(utf8('金额,卡号\n1,2\n')));
    expect(result).toEqual({ text: '金额,卡号\n1,2\n', encoding: 'utf-8', bom: true });
  });

  it('decodes UTF-8 without a BOM strictly', () => {
    expect(decodeCsvBytes(utf8('姓,名\n张,伟\n'))).toEqual({
      text: '姓,名\n张,伟\n',
      encoding: 'utf-8',
      bom: false,
    });
  });

  it('falls back to GB18030 for GBK bytes (Chinese Excel "Save as CSV")', () => {
    const text = `${ZH_HEADER}\r\nP-1,1234.56,CNY,6228481234567890128,1,5,欧阳,娜娜\r\n`;
    const result = decodeCsvBytes(encodeGbk(text));
    expect(result).toEqual({ text, encoding: 'gb18030', bom: false });
  });

  it('decodes as GB18030 when forced, even if the bytes are valid UTF-8', () => {
    // "涓" is what the UTF-8 bytes of 中 (E4 B8 AD) look like as GBK: proof the override was applied. (中文:
    // six bytes, all valid GB18030 pairs; 中 alone leaves AD without a trail byte, which is refused.)
    const result = decodeCsvBytes(utf8('中文'), 'gb18030');
    expect(result.encoding).toBe('gb18030');
    expect(result.text).not.toBe('中');
    expect(result.text.startsWith('涓')).toBe(true);
  });

  it('refuses GBK bytes when UTF-8 is forced, naming the first bad line', () => {
    const err = decodeError(encodeGbk('amount,card_number\n1,2\n张,伟\n'), 'utf-8');
    expect(err.code).toBe('FILE_UNDECODABLE');
    expect(err.params).toEqual({ encoding: 'utf-8', line: 3 });
  });

  it('strips the BOM when UTF-8 is forced', () => {
    expect(decodeCsvBytes(withUtf8Bom(utf8('a,b')), 'utf-8')).toEqual({
      text: 'a,b',
      encoding: 'utf-8',
      bom: true,
    });
  });

  it('treats a file with a UTF-8 BOM but broken bytes as damaged, not as GBK', () => {
    const err = decodeError(withUtf8Bom(encodeGbk('姓,名\n')));
    expect(err.code).toBe('FILE_UNDECODABLE');
    expect(err.params.encoding).toBe('utf-8');
  });

  it('refuses a PNG image as binary', () => {
    const png = new Uint8Array([
      0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, 0x49, 0x48, 0x44, 0x52,
    ]);
    const err = decodeError(png);
    expect(err.code).toBe('FILE_BINARY');
    expect(err.params.format).toBe('binary');
  });

  it('recognises an XLSX workbook (ZIP) and an old XLS file', () => {
    const xlsx = new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0x14, 0, 0x06, 0, ...utf8('[Content_Types].xml')]);
    expect(decodeError(xlsx).params).toEqual({ format: 'xlsx' });
    const xls = new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0]);
    expect(decodeError(xls).params).toEqual({ format: 'xls' });
  });

  it('refuses binary content without NUL bytes by its share of control characters', () => {
    const bytes = new Uint8Array(2000);
    for (let i = 0; i < bytes.length; i++) bytes[i] = i % 2 === 0 ? 0x41 : 0x01 + (i % 8);
    expect(decodeError(bytes).code).toBe('FILE_BINARY');
  });

  it('tolerates a stray control character such as a DOS end-of-file mark', () => {
    expect(decodeCsvBytes(utf8('a,b\n1,2\n\x1a')).text).toBe('a,b\n1,2\n\x1a');
  });

  it('reports UTF-16 text (Excel "Unicode Text") as undecodable, with or without a BOM', () => {
    const utf16 = (s: string) => new Uint8Array(Buffer.from(s, 'utf16le'));
    expect(decodeError(new Uint8Array([0xff, 0xfe, ...utf16('amount\tcard')])).params).toEqual({
      encoding: 'utf-16',
    });
    expect(decodeError(utf16('amount\tcard_number\r\n1\t2\r\n')).params).toEqual({ encoding: 'utf-16' });
  });

  it('refuses bytes that are neither UTF-8 nor GB18030 text', () => {
    // 0xFF is never valid in UTF-8 and never a GB18030 lead byte: every pair becomes U+FFFD.
    const bytes = new Uint8Array(400).fill(0xff);
    expect(decodeError(bytes).code).toBe('FILE_ENCODING_UNCERTAIN');
    const forced = decodeError(bytes, 'gb18030');
    expect(forced.code).toBe('FILE_UNDECODABLE');
    expect(forced.params).toEqual({ encoding: 'gb18030', line: 1 });
  });
});

describe('decodeCsvBytes: auto detection takes GB18030 only when it reads as Chinese', () => {
  const UNCERTAIN = { tried: 'utf-8, gb18030', choices: 'utf-8, gb18030, big5' };

  it('still reads a real GBK payout file (names, banks, provinces, 喆 堃 玥) as GB18030', () => {
    expect(decodeCsvBytes(encodeGbk(SIMPLIFIED_PAYOUTS))).toEqual({
      text: SIMPLIFIED_PAYOUTS,
      encoding: 'gb18030',
      bom: false,
    });
    // One payee whose given name is outside GB2312, under an English header: one rare ideograph of two.
    const oneRare = `${EN_HEADER}\r\nP-1,1,CNY,6228481234567890128,1,5,王,喆\r\n`;
    expect(decodeCsvBytes(encodeGbk(oneRare)).text).toBe(oneRare);
  });

  it.each([
    ['a Japanese payout file', JAPANESE_PAYOUTS],
    ['田中 太郎 alone', JAPANESE_ONE_NAME],
  ])('refuses Shift-JIS (%s) instead of reading it as GB18030 mojibake', (_, text) => {
    const bytes = encodeShiftJis(text);
    // Proof that these bytes are GB18030 "text" without a single replacement character.
    expect(new TextDecoder('gb18030').decode(bytes)).not.toContain('\uFFFD');
    const err = decodeError(bytes);
    expect(err.code).toBe('FILE_ENCODING_UNCERTAIN');
    expect(err.params).toEqual({ ...UNCERTAIN, line: 2 });
  });

  it.each([
    ['a Hong Kong and Taiwan payout file', TRADITIONAL_PAYOUTS],
    ['陳大文 alone', TRADITIONAL_ONE_NAME],
  ])('refuses Big5 (%s) in auto detection', (_, text) => {
    const err = decodeError(encodeBig5(text));
    expect(err.code).toBe('FILE_ENCODING_UNCERTAIN');
    expect(err.params).toEqual({ ...UNCERTAIN, line: 2 });
  });

  it.each([
    ['a stray 0xFF byte', [0xff]],
    ['a Latin-1 é before a letter', [0xe9, 0x65]],
    ['a Latin-1 é before a comma', [0xe9]],
    ['a UTF-8 sequence cut short', [0xe4, 0xb8]],
    ['four invalid bytes', [0xff, 0xfe, 0xc0, 0x80]],
  ])('refuses a UTF-8 file with %s, naming its line, never decoding it with U+FFFD', (_, bad) => {
    const lines = [
      ZH_HEADER,
      ROW_1,
      ROW_2,
      ROW_1.replace('P-1', 'P-3'),
      'P-4,1,CNY,6228481234567890128,1,5,',
    ];
    const bytes = new Uint8Array([
      ...utf8(lines.join('\r\n')),
      ...utf8('Jos'),
      ...bad,
      ...utf8(',伟\r\nP-5,2,CNY,6228481234567890128,1,5,李,娜\r\n'),
    ]);
    const err = decodeError(bytes);
    expect(err.code).toBe('FILE_ENCODING_UNCERTAIN');
    expect(err.params).toEqual({ ...UNCERTAIN, line: 5 });
  });

  it('refuses an ASCII file with one Latin-1 byte rather than reading it as an ideograph', () => {
    const err = decodeError(
      new Uint8Array([...utf8(`${EN_HEADER}\nP-1,1,CNY,6228481234567890128,1,5,Jos`), 0xe9, 0x65, 0x0a]),
    );
    expect(err.code).toBe('FILE_ENCODING_UNCERTAIN');
    expect(err.params.line).toBe(2);
  });

  it('names the tried encodings and the choices in both languages', () => {
    const err = new IntakeFileError('FILE_ENCODING_UNCERTAIN', { ...UNCERTAIN, line: 2 });
    expect(describeFileError(err, 'en')).toBe(
      "The file's encoding could not be recognised: tried UTF-8 and GB18030, and neither reads correctly " +
        '(from line 2). Choose its encoding: --encoding utf-8, gb18030 or big5 (big5 for Hong Kong and Taiwan ' +
        'files). Other encodings, such as Japanese Shift-JIS, are not supported: save the file as ' +
        '"CSV UTF-8 (Comma delimited)".',
    );
    expect(describeFileError(err, 'zh-CN')).toBe(
      '无法识别文件编码：已尝试 UTF-8 和 GB18030，均无法正确读取（从第 2 行起）。' +
        '请指定编码：--encoding utf-8、gb18030 或 big5（香港、台湾文件用 big5）。' +
        '不支持其他编码（如日文 Shift-JIS），请将文件另存为“CSV UTF-8（逗号分隔）”。',
    );
  });
});

describe('decodeCsvBytes: a chosen encoding', () => {
  it('decodes Big5 when big5 is chosen', () => {
    expect(decodeCsvBytes(encodeBig5(TRADITIONAL_PAYOUTS), 'big5')).toEqual({
      text: TRADITIONAL_PAYOUTS,
      encoding: 'big5',
      bom: false,
    });
  });

  it('refuses a forced GB18030 decoding with even one invalid byte, naming its line', () => {
    const bytes = new Uint8Array([
      ...encodeGbk(`${ZH_HEADER}\r\n${ROW_1}\r\nP-2,1,CNY,`),
      0xff,
      ...utf8('\r\n'),
    ]);
    const err = decodeError(bytes, 'gb18030');
    expect(err.code).toBe('FILE_UNDECODABLE');
    expect(err.params).toEqual({ encoding: 'gb18030', line: 3 });
    // U+FFFD written as GB18030 (84 31 A4 37) is a character of the file, not damage.
    const encodedFffd = new Uint8Array([...utf8('a,b\n1,'), 0x84, 0x31, 0xa4, 0x37, 0x0a]);
    expect(decodeCsvBytes(encodedFffd, 'gb18030').text).toBe('a,b\n1,\uFFFD\n');
  });

  it('refuses a forced Big5 decoding with an invalid byte, naming its line', () => {
    const bytes = new Uint8Array([
      ...encodeBig5(`${EN_HEADER}\r\nP-1,1,CNY,1,1,5,陳,大文,`),
      // A lead byte without its trail byte.
      0xa4,
      ...utf8(',x\r\n'),
    ]);
    const err = decodeError(bytes, 'big5');
    expect(err.code).toBe('FILE_UNDECODABLE');
    expect(err.params).toEqual({ encoding: 'big5', line: 2 });
  });

  it('counts a lone CR as a line end when naming the line of a bad byte', () => {
    const bytes = new Uint8Array([...utf8('a,b\r1,2\r\n3,'), 0x81, ...utf8(',x\r\n')]);
    expect(decodeError(bytes, 'gb18030').params).toEqual({ encoding: 'gb18030', line: 3 });
    expect(decodeError(bytes, 'big5').params).toEqual({ encoding: 'big5', line: 3 });
    expect(decodeError(bytes, 'utf-8').params).toEqual({ encoding: 'utf-8', line: 3 });
  });

  it('describes an undecodable Big5 file with its line', () => {
    const err = new IntakeFileError('FILE_UNDECODABLE', { encoding: 'big5', line: 4 });
    expect(describeFileError(err, 'en')).toBe(
      'The file cannot be read as Big5 text (first problem on line 4). Check its encoding, or save it as "CSV UTF-8".',
    );
    expect(describeFileError(err, 'zh-CN')).toBe(
      '无法按 Big5 编码读取该文件（问题始于第 4 行）。请检查文件编码，或另存为“CSV UTF-8”。',
    );
  });
});
