import { describe, expect, it } from 'vitest';
import { decodeCsvBytes } from '../../electron/core/csv/decode.js';
import { IntakeFileError } from '../../electron/core/csv/errors.js';
import { encodeGbk } from '../fixtures/csv/gbk.js';
import { utf8, withUtf8Bom, ZH_HEADER } from '../fixtures/csv/samples.js';

function decodeError(bytes: Uint8Array, override?: 'auto' | 'utf-8' | 'gb18030'): IntakeFileError {
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
    // "涓" is what the UTF-8 bytes of 中 (E4 B8 AD) look like as GBK: proof the override was applied.
    const result = decodeCsvBytes(utf8('中'), 'gb18030');
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
    const err = decodeError(bytes);
    expect(err.code).toBe('FILE_UNDECODABLE');
    expect(err.params.encoding).toBe('gb18030');
  });
});
