/** Why an import stored nothing, in the caller's language: one wording for payout and refund files. */
import type { ImportReport } from '../../contract/records.js';
import type { ImportRefusal } from '../intake.js';
import type { Lang } from '../types.js';

const REFUSALS: Record<ImportRefusal['code'], Record<Lang, (r: ImportRefusal) => string>> = {
  ROWS_HAVE_ERRORS: {
    en: (r) =>
      `Import refused: ${'errorRows' in r ? r.errorRows : 0} rows have errors. Fix them, or import only the valid rows with --drop-errors.`,
    'zh-CN': (r) =>
      `拒绝导入：${'errorRows' in r ? r.errorRows : 0} 行存在错误。请修正，或使用 --drop-errors 仅导入有效行。`,
  },
  FILE_ALREADY_IMPORTED: {
    en: (r) =>
      `Import refused: this file (or the same rows saved with other line endings, BOM or encoding) was already imported as batch ${'batchIds' in r ? r.batchIds.join(', ') : ''}. Importing it again could pay twice; use --allow-duplicate-file if that is really intended.`,
    'zh-CN': (r) =>
      `拒绝导入：该文件（或内容相同、仅换行符、BOM 或编码不同的文件）已作为批次 ${'batchIds' in r ? r.batchIds.join(', ') : ''} 导入过。重复导入可能导致重复付款；如确需导入，请使用 --allow-duplicate-file。`,
  },
  NOTHING_TO_IMPORT: {
    en: () => 'Import refused: no row is valid, nothing to store.',
    'zh-CN': () => '拒绝导入：没有有效行可保存。',
  },
  PAYMENT_ID_USED: {
    en: (r) =>
      `Import refused: payment id ${'paymentId' in r ? r.paymentId : ''} (line ${'line' in r ? r.line : ''}) is already used by an earlier batch. Nothing was stored.`,
    'zh-CN': (r) =>
      `拒绝导入：订单号 ${'paymentId' in r ? r.paymentId : ''}（第 ${'line' in r ? r.line : ''} 行）已被之前的批次使用。未保存任何内容。`,
  },
};

export function refusalView(refusal: ImportRefusal, lang: Lang): NonNullable<ImportReport['refused']> {
  return { code: refusal.code, message: REFUSALS[refusal.code][lang](refusal) };
}
