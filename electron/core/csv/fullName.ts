/** Splits a recipient's full name into the family and given name the payout request needs. */

export interface NameParts {
  last_name: string;
  first_name: string;
}

/**
 * Two-character family names (复姓), simplified and traditional forms. Leaves out pairings that are only
 * artefacts of the Hundred Family Surnames layout (e.g. 岳帅, 年爱) and 单于, whose first character 单 is a
 * common surname on its own (单于飞 is far more likely 单 + 于飞).
 */
const COMPOUND_SURNAMES: ReadonlySet<string> = new Set(
  [
    '欧阳 司马 诸葛 上官 东方 皇甫 尉迟 公孙 慕容 长孙 宇文 司徒 夏侯 轩辕 令狐 钟离 端木 独孤 南宫 西门',
    '百里 呼延 万俟 闻人 澹台 公冶 太史 申屠 濮阳 赫连 司空 第五 拓跋 鲜于 闾丘 淳于 宗政 仲孙 公羊 太叔',
    '巫马 公西 漆雕 乐正 壤驷 公良 夹谷 宰父 谷梁 段干 东郭 南门 归海 羊舌 微生 梁丘 左丘 东门 伯赏 颛孙',
    '子车 亓官 司寇 公输 东野 哥舒 完颜 纳兰',
    // Traditional forms, as written in Hong Kong, Macao and Taiwan.
    '歐陽 司馬 諸葛 東方 尉遲 公孫 長孫 軒轅 鍾離 獨孤 南宮 西門 萬俟 聞人 澹臺 濮陽 赫連 閭丘 顓孫 樂正',
    '東郭 東門 夾谷 穀梁 歸海',
  ]
    .join(' ')
    .split(' '),
);

/** Separators between the parts of a transliterated name: 艾力·买买提, 艾力•买买提, 艾力.买买提. */
const NAME_DOT = /[·•・･‧．.]/;
const HAN = /\p{Script=Han}/u;

/**
 * - Han names: whitespace removed; the family name is the first character, or the first two when they
 *   form a compound surname and a given name follows (a two-character name is single surname + single
 *   given name, so 东方 alone is 东 + 方).
 * - Names with a middle dot (Uyghur and other transliterated names, e.g. 艾力·买买提): the personal name
 *   comes first and the father's name, which serves as the family name, comes after it. So the given
 *   name is the part before the first dot and the family name is the rest (dots kept).
 * - Names without Han characters ("John Smith"): family name = last word, given name = the words before
 *   (validation flags such names; this only keeps their parts in a sensible place).
 * - A single character or word gives last_name = it, first_name = '' (validation reports it as missing).
 */
export function splitChineseFullName(full: string): NameParts {
  const name = full.trim();
  // In Latin names a dot marks an initial ("J. Smith"), not a boundary between name parts.
  if (!HAN.test(name)) return splitAtLastSpace(name);

  const han = removeSpaces(name);
  const dot = han.search(NAME_DOT);
  if (dot > 0 && dot < han.length - 1)
    return { first_name: han.slice(0, dot), last_name: han.slice(dot + 1) };

  // By code point, so that a rare character outside the BMP (e.g. 𠮷) is not cut in half.
  const chars = [...han];
  const familyLength = chars.length >= 3 && COMPOUND_SURNAMES.has(chars[0]! + chars[1]!) ? 2 : 1;
  return { last_name: chars.slice(0, familyLength).join(''), first_name: chars.slice(familyLength).join('') };
}

function removeSpaces(s: string): string {
  return s.replace(/\s+/g, '');
}

function splitAtLastSpace(name: string): NameParts {
  const words = name.split(/\s+/).filter((w) => w !== '');
  const last = words.pop() ?? '';
  return { last_name: last, first_name: words.join(' ') };
}
