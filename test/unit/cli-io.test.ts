import { describe, expect, it } from 'vitest';
import { line, printJson, terminalSafe, type CliIo } from '../../electron/cli/io.js';

function capture(): { io: CliIo; writes: string[] } {
  const writes: string[] = [];
  const stream = { write: (text: string) => writes.push(text) };
  return { io: { stdin: [] as never, stdout: stream, stderr: stream, env: {} }, writes };
}

describe('printJson', () => {
  it.each([
    [
      'an object with rows',
      { file: { name: 'a.csv', rows: 2 }, rows: [{ line: 2, issues: [] }, { line: 3 }] },
    ],
    [
      'members and elements without a JSON form',
      { a: undefined, b: () => 1, c: [undefined, () => 1, null], d: 1 },
    ],
    ['values with toJSON and nesting', { at: new Date(0), deep: { list: [[1, 2], { x: 'y' }] }, n: null }],
    ['a top-level array', [{ a: 1 }, 'two', 3]],
    ['a scalar', 'text'],
    ['an empty object and array', { rows: [], empty: {} }],
  ])('writes exactly what JSON.stringify writes: %s', (_what, document) => {
    const { io, writes } = capture();
    printJson(io, document);
    expect(writes.join('')).toBe(`${JSON.stringify(document)}\n`);
  });

  it('writes a large report in pieces, never as one string', () => {
    const rows = Array.from({ length: 5000 }, (_, i) => ({ line: i + 2, message: '金额无效'.repeat(10) }));
    const { io, writes } = capture();
    printJson(io, { rows });
    expect(writes.length).toBeGreaterThan(5);
    expect(Math.max(...writes.map((w) => w.length))).toBeLessThan(80 * 1024);
    expect(JSON.parse(writes.join(''))).toEqual({ rows });
  });

  it('escapes control, bidi and zero-width characters as \\u escapes: the same data, safe to print', () => {
    const { io, writes } = capture();
    printJson(io, { name: '张\u202e伟\u0007\u200b' });
    const out = writes.join('');
    // eslint-disable-next-line no-control-regex
    expect(out).not.toMatch(/[\u0007\u200b\u202e]/);
    expect(JSON.parse(out)).toEqual({ name: '张\u202e伟\u0007\u200b' });
  });
});

describe('terminal text', () => {
  it('shows unsafe characters as <U+XXXX> and keeps line feeds and tabs', () => {
    expect(terminalSafe('a\u001b[31mb\u202ec\td\n')).toBe('a<U+001B>[31mb<U+202E>c\td\n');
    const { io, writes } = capture();
    line(io.stdout, 'x\u0007');
    expect(writes).toEqual(['x<U+0007>\n']);
  });
});
