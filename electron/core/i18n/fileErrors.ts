/** User-facing messages for file-level import failures, in English and Chinese. */
import { TEMPLATE_HEADERS } from '../csv/headers.js';
import type { FileErrorCode, IntakeFileError } from '../csv/errors.js';
import type { ColumnTarget, Lang } from '../types.js';

type Params = Record<string, string | number>;
type Messages = Record<Lang, (p: Params) => string>;

export function describeFileError(err: IntakeFileError, lang: Lang): string {
  return MESSAGES[err.code][lang](err.params);
}

/** "amount (金额)" / "amount（金额）": the field name as in --map, plus the Chinese template header. */
function columnLabel(name: string, lang: Lang): string {
  const headers = TEMPLATE_HEADERS[name as ColumnTarget] as { zh: string } | undefined;
  if (headers === undefined) return name;
  return lang === 'en' ? `${name} (${headers.zh})` : `${name}（${headers.zh}）`;
}

function columnList(p: Params): string[] {
  return listOf(p.column);
}

const FULL_NAME_HINT: Record<Lang, string> = {
  en: ` A single ${columnLabel('full_name', 'en')} column can replace last_name and first_name.`,
  'zh-CN': `也可以用一列 ${columnLabel('full_name', 'zh-CN')}代替 last_name 和 first_name。`,
};

/** "utf-8, gb18030" → ['utf-8', 'gb18030']. */
function listOf(value: string | number | undefined): string[] {
  return String(value ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '');
}

const ENCODING_NAMES: Record<string, string> = { 'utf-8': 'UTF-8', gb18030: 'GB18030', big5: 'Big5' };

function encodingName(encoding: string | number | undefined): string {
  const key = String(encoding ?? '');
  return ENCODING_NAMES[key] ?? key;
}

/** ['a', 'b', 'c'] → "a, b or c" (with `separator` ', ' and `last` ' or '). */
function joinList(items: string[], separator: string, last: string): string {
  if (items.length <= 1) return items.join('');
  return items.slice(0, -1).join(separator) + last + items[items.length - 1]!;
}

function needsNameHint(columns: string[]): boolean {
  return columns.includes('last_name') || columns.includes('first_name');
}

const MESSAGES: Record<FileErrorCode, Messages> = {
  FILE_EMPTY: {
    en: () => 'The file is empty.',
    'zh-CN': () => '文件为空。',
  },
  FILE_NO_ROWS: {
    en: () => 'The file has a header row but no payout rows.',
    'zh-CN': () => '文件只有表头，没有付款数据行。',
  },
  FILE_MISSING_COLUMN: {
    en: (p) => {
      const columns = columnList(p);
      const noun = columns.length === 1 ? 'column' : 'columns';
      const hint = needsNameHint(columns) ? FULL_NAME_HINT.en : '';
      return `Required ${noun} missing: ${columns.map((c) => columnLabel(c, 'en')).join(', ')}.${hint}`;
    },
    'zh-CN': (p) => {
      const columns = columnList(p);
      const hint = needsNameHint(columns) ? FULL_NAME_HINT['zh-CN'] : '';
      return `缺少必填列：${columns.map((c) => columnLabel(c, 'zh-CN')).join('、')}。${hint}`;
    },
  },
  FILE_DUPLICATE_COLUMN: {
    en: (p) =>
      `More than one column maps to ${columnLabel(String(p.column), 'en')}: ${p.headers}. Keep only one of them.`,
    'zh-CN': (p) =>
      `多个列都对应 ${columnLabel(String(p.column), 'zh-CN')}：${String(p.headers).split(', ').join('、')}。请只保留其中一列。`,
  },
  FILE_BINARY: {
    en: (p) =>
      p.format === 'xlsx' || p.format === 'xls'
        ? `This is an Excel workbook (.${p.format}), not a CSV file. In Excel, use Save As › "CSV UTF-8 (Comma delimited)".`
        : 'This is not a text file. Choose a CSV file.',
    'zh-CN': (p) =>
      p.format === 'xlsx' || p.format === 'xls'
        ? `这是 Excel 工作簿（.${p.format}），不是 CSV 文件。请在 Excel 中“另存为”›“CSV UTF-8（逗号分隔）”。`
        : '该文件不是文本文件，请选择 CSV 文件。',
  },
  FILE_UNDECODABLE: {
    en: (p) => {
      if (p.encoding === 'utf-16') {
        return 'The file is saved as UTF-16 (Excel "Unicode Text"). Save it as "CSV UTF-8 (Comma delimited)" instead.';
      }
      const where = p.line === undefined ? '' : ` (first problem on line ${p.line})`;
      if (p.encoding === 'utf-8') {
        return `The file is not valid UTF-8${where}. Choose the encoding GB18030, Big5 or Auto.`;
      }
      return (
        `The file cannot be read as ${encodingName(p.encoding)} text${where}. ` +
        'Check its encoding, or save it as "CSV UTF-8".'
      );
    },
    'zh-CN': (p) => {
      if (p.encoding === 'utf-16') {
        return '文件是 UTF-16 编码（Excel“Unicode 文本”）。请另存为“CSV UTF-8（逗号分隔）”。';
      }
      const where = p.line === undefined ? '' : `（问题始于第 ${p.line} 行）`;
      if (p.encoding === 'utf-8') {
        return `文件不是有效的 UTF-8 编码${where}。请选择 GB18030、Big5 或自动识别编码。`;
      }
      return `无法按 ${encodingName(p.encoding)} 编码读取该文件${where}。请检查文件编码，或另存为“CSV UTF-8”。`;
    },
  },
  FILE_ENCODING_UNCERTAIN: {
    en: (p) => {
      const tried = joinList(listOf(p.tried).map(encodingName), ', ', ' and ');
      const where = p.line === undefined ? '' : ` (from line ${p.line})`;
      return (
        `The file's encoding could not be recognised: tried ${tried}, and neither reads correctly${where}. ` +
        `Choose its encoding: --encoding ${joinList(listOf(p.choices), ', ', ' or ')} ` +
        '(big5 for Hong Kong and Taiwan files). Other encodings, such as Japanese Shift-JIS, are not supported: ' +
        'save the file as "CSV UTF-8 (Comma delimited)".'
      );
    },
    'zh-CN': (p) => {
      const tried = joinList(listOf(p.tried).map(encodingName), '、', ' 和 ');
      const where = p.line === undefined ? '' : `（从第 ${p.line} 行起）`;
      return (
        `无法识别文件编码：已尝试 ${tried}，均无法正确读取${where}。` +
        `请指定编码：--encoding ${joinList(listOf(p.choices), '、', ' 或 ')}（香港、台湾文件用 big5）。` +
        '不支持其他编码（如日文 Shift-JIS），请将文件另存为“CSV UTF-8（逗号分隔）”。'
      );
    },
  },
  FILE_MALFORMED_QUOTES: {
    en: (p) =>
      p.problem === 'unclosed'
        ? `A quoted field that starts on line ${p.line} is never closed. Check the quotation marks on that line.`
        : `Line ${p.line} has a quoted field with text after its closing quote (like "abc"def). ` +
          'Inside a quoted field, write a quotation mark twice ("").',
    'zh-CN': (p) =>
      p.problem === 'unclosed'
        ? `第 ${p.line} 行有未闭合的引号，请检查该行的引号。`
        : `第 ${p.line} 行的带引号字段在结束引号后还有其他字符（如 "abc"def）。字段内的引号请写成两个（""）。`,
  },
  MAP_INVALID: {
    en: (p) => {
      switch (p.reason) {
        case 'syntax':
          return `Column mapping "${p.entry}" is not in the form header=field.`;
        case 'unknown_field':
          return `Column mapping "${p.entry}" names an unknown field. Fields: ${Object.keys(TEMPLATE_HEADERS).join(', ')}.`;
        case 'header_not_found':
          return `Column mapping "${p.entry}": the file has no column with that header.`;
        default:
          return `Column mapping "${p.entry}" maps a header or a field twice.`;
      }
    },
    'zh-CN': (p) => {
      switch (p.reason) {
        case 'syntax':
          return `列映射“${p.entry}”格式不正确，应为“表头=字段”。`;
        case 'unknown_field':
          return `列映射“${p.entry}”中的字段不存在。可用字段：${Object.keys(TEMPLATE_HEADERS).join('、')}。`;
        case 'header_not_found':
          return `列映射“${p.entry}”：文件中没有该表头的列。`;
        default:
          return `列映射“${p.entry}”重复映射了同一表头或字段。`;
      }
    },
  },
};
