import { describe, expect, it } from 'vitest';
import { splitChineseFullName } from '../../electron/core/csv/fullName.js';

describe('splitChineseFullName', () => {
  it.each([
    ['张伟', '张', '伟'],
    ['王小明', '王', '小明'],
    ['欧阳娜娜', '欧阳', '娜娜'],
    ['司马光', '司马', '光'],
    ['诸葛亮', '诸葛', '亮'],
    ['上官婉儿', '上官', '婉儿'],
    ['慕容复', '慕容', '复'],
    ['第五伦', '第五', '伦'],
    ['歐陽修', '歐陽', '修'],
  ])('%s → %s + %s', (full, last, first) => {
    expect(splitChineseFullName(full)).toEqual({ last_name: last, first_name: first });
  });

  it('treats a two-character name as single surname + given name, even if it looks compound', () => {
    expect(splitChineseFullName('东方')).toEqual({ last_name: '东', first_name: '方' });
  });

  it('does not treat 单于 as a compound surname (单 is a common surname)', () => {
    expect(splitChineseFullName('单于飞')).toEqual({ last_name: '单', first_name: '于飞' });
  });

  it('removes all whitespace, including full-width spaces', () => {
    expect(splitChineseFullName(' 张 伟 ')).toEqual({ last_name: '张', first_name: '伟' });
    expect(splitChineseFullName('欧阳\u3000娜娜')).toEqual({ last_name: '欧阳', first_name: '娜娜' });
  });

  it('splits dotted names: given name before the first dot, father’s name (family) after', () => {
    expect(splitChineseFullName('艾力·买买提')).toEqual({ last_name: '买买提', first_name: '艾力' });
    expect(splitChineseFullName('阿卜杜拉·艾力·买买提')).toEqual({
      last_name: '艾力·买买提',
      first_name: '阿卜杜拉',
    });
    expect(splitChineseFullName('艾力 • 买买提')).toEqual({ last_name: '买买提', first_name: '艾力' });
  });

  it('gives a one-character name as family name only', () => {
    expect(splitChineseFullName('张')).toEqual({ last_name: '张', first_name: '' });
    expect(splitChineseFullName('')).toEqual({ last_name: '', first_name: '' });
  });

  it('does not cut a character outside the BMP in half', () => {
    expect(splitChineseFullName('𠮷野家')).toEqual({ last_name: '𠮷', first_name: '野家' });
  });

  it('splits non-Han names at the last space, keeping initials together', () => {
    expect(splitChineseFullName('John Smith')).toEqual({ last_name: 'Smith', first_name: 'John' });
    expect(splitChineseFullName('  J. R. R.  Tolkien ')).toEqual({
      last_name: 'Tolkien',
      first_name: 'J. R. R.',
    });
    expect(splitChineseFullName('Madonna')).toEqual({ last_name: 'Madonna', first_name: '' });
  });
});
