/**
 * Every error code an operation reports, with its kind and its message in both languages. Params carry ids,
 * counts and names only: never a secret or a full card number.
 */
import { batchStatusName } from '../i18n/payoutReasons.js';
import type { ErrorKind, ErrorParams } from './errors.js';

type Message = (p: ErrorParams) => string;
interface Entry {
  kind: ErrorKind;
  en: Message;
  'zh-CN': Message;
}

const statusZh = (status: unknown) => batchStatusName(String(status), 'zh-CN');
const listZh = (value: unknown) =>
  String(value)
    .split(',')
    .map((s) => statusZh(s.trim()))
    .join('或');
const listEn = (value: unknown) => String(value).split(',').join(' or ');

/** What each batch action is called in a sentence. */
const ACTION_WORDS: Record<string, { en: string; zh: string }> = {
  approve: { en: 'approved', zh: '审批' },
  reject: { en: 'rejected', zh: '驳回' },
  submit: { en: 'sent', zh: '发送' },
  pause: { en: 'paused', zh: '暂停' },
  resume: { en: 'resumed', zh: '恢复' },
  cancel: { en: 'cancelled', zh: '取消' },
  recheck: { en: 'rechecked', zh: '复查' },
};
const actionEn = (p: ErrorParams) => ACTION_WORDS[String(p.action)]?.en ?? String(p.action);
const actionZh = (p: ErrorParams) => ACTION_WORDS[String(p.action)]?.zh ?? String(p.action);

const CREDENTIAL_REASONS_EN: Record<string, string> = {
  project_id: 'The project id must be a positive whole number.',
  secret_empty: 'The secret key is empty; nothing was stored.',
  secret_whitespace:
    'The secret key starts or ends with spaces or line breaks; copy it again exactly. Nothing was stored.',
};
const CREDENTIAL_REASONS_ZH: Record<string, string> = {
  project_id: '项目 ID 必须是正整数。',
  secret_empty: '密钥为空；未保存任何内容。',
  secret_whitespace: '密钥首尾含有空格或换行；请重新准确复制。未保存任何内容。',
};

export const ERROR_MESSAGES = {
  INVALID_INPUT: {
    kind: 'invalid',
    en: (p) => `Invalid ${p.field}: expected ${p.expected}.`,
    'zh-CN': (p) => `${p.field} 无效：应为${p.expected_zh ?? p.expected}。`,
  },
  // The name is cut to 64 characters where it is reported: a caller's text is never echoed at length.
  UNKNOWN_OPERATION: {
    kind: 'invalid',
    en: (p) => `There is no operation "${p.name}".`,
    'zh-CN': (p) => `没有名为“${p.name}”的操作。`,
  },
  USER_REQUIRED: {
    kind: 'invalid',
    en: () => 'A user name is required: it is recorded in the audit trail.',
    'zh-CN': () => '需要用户名：它会记入审计日志。',
  },
  NO_DATABASE: {
    kind: 'unavailable',
    en: (p) => `No console database at ${p.path}: check the --db path (or CUP_PAYOUTS_DB).`,
    'zh-CN': (p) => `${p.path} 处没有控制台数据库：请检查 --db 路径（或 CUP_PAYOUTS_DB）。`,
  },
  INTERNAL: {
    kind: 'internal',
    en: (p) =>
      `Something went wrong inside the console. Nothing was lost; quote reference ${p.reference} ` +
      `to support (details in ${p.log}).`,
    'zh-CN': (p) =>
      `控制台内部出错。已保存的数据没有丢失；请向技术支持提供编号 ${p.reference}（详情见 ${p.log}）。`,
  },

  BATCH_NOT_FOUND: {
    kind: 'not_found',
    en: (p) => `Batch ${p.batchId} does not exist.`,
    'zh-CN': (p) => `批次 ${p.batchId} 不存在。`,
  },
  BATCH_WRONG_STATUS: {
    kind: 'refused',
    en: (p) => `Batch ${p.batchId} is ${p.status}; it can be ${actionEn(p)} only when ${listEn(p.allowed)}.`,
    'zh-CN': (p) =>
      `批次 ${p.batchId} 当前为“${statusZh(p.status)}”，只有在“${listZh(p.allowed)}”时才能${actionZh(p)}。`,
  },
  SAME_USER_APPROVAL: {
    kind: 'refused',
    en: (p) => `Batch ${p.batchId} was imported by ${p.importer}; another person must approve it.`,
    'zh-CN': (p) => `批次 ${p.batchId} 由 ${p.importer} 导入，必须由另一人审批。`,
  },
  REASON_REQUIRED: {
    kind: 'invalid',
    en: () => 'Say why the batch is rejected: the importer reads the reason.',
    'zh-CN': () => '请填写驳回原因：导入人会看到它。',
  },

  FILE_ALREADY_IMPORTED: {
    kind: 'refused',
    en: () =>
      'Import refused: this exact file was already imported. Importing it again could pay twice; allow a duplicate file only if that is really intended.',
    'zh-CN': () => '拒绝导入：该文件已导入过。重复导入可能导致重复付款；仅在确需时才允许重复文件。',
  },
  PAYMENT_ID_USED: {
    kind: 'refused',
    en: (p) => `Import refused: payment id ${p.paymentId} is already used by an earlier batch.`,
    'zh-CN': (p) => `拒绝导入：订单号 ${p.paymentId} 已被之前的批次使用。`,
  },
  INVALID_PAYOUT: {
    kind: 'invalid',
    en: (p) => `Line ${p.line}: the payout cannot be stored (amount, bank or region missing).`,
    'zh-CN': (p) => `第 ${p.line} 行：该笔付款无法保存（缺少金额、银行或地区）。`,
  },
  EMPTY_BATCH: {
    kind: 'invalid',
    en: () => 'A batch needs at least one payout.',
    'zh-CN': () => '批次至少需要一笔付款。',
  },
  CONTROL_TOTAL_MISMATCH: {
    kind: 'internal',
    en: () => 'The stored totals differ from the file’s; nothing was stored.',
    'zh-CN': () => '保存的合计与文件不一致；未保存任何内容。',
  },
  SCHEMA_TOO_NEW: {
    kind: 'unavailable',
    en: () =>
      'This database was written by a newer version of the console. Update the console; do not open it with an older one.',
    'zh-CN': () => '该数据库由更新版本的控制台写入。请升级控制台，不要用旧版本打开。',
  },
  WAL_UNAVAILABLE: {
    kind: 'unavailable',
    en: () =>
      'The database folder does not support write-ahead logging. Keep the database on a local disk (CUP_PAYOUTS_DB moves it).',
    'zh-CN': () =>
      '数据库所在文件夹不支持预写日志。请将数据库放在本地磁盘上（可用 CUP_PAYOUTS_DB 指定位置）。',
  },

  CREDENTIALS_MISSING: {
    kind: 'unavailable',
    en: () =>
      'No production credentials are stored: an admin sets them first (`cup-payouts credentials set --db PATH --user NAME --project-id N`).',
    'zh-CN': () =>
      '未存储生产环境凭据：请管理员先设置（`cup-payouts credentials set --db PATH --user NAME --project-id N`）。',
  },
  CREDENTIALS_LOCKED: {
    kind: 'unavailable',
    en: (p) =>
      p.reason === 'cipher_mismatch'
        ? `The stored credentials were sealed by "${p.stored}", which "${p.current}" cannot open. Set them again here.`
        : 'The stored credentials cannot be decrypted: the passphrase is wrong or the stored data was altered.',
    'zh-CN': (p) =>
      p.reason === 'cipher_mismatch'
        ? `已存储的凭据由“${p.stored}”加密，“${p.current}”无法解密。请在此处重新设置。`
        : '无法解密已存储的凭据：口令错误，或存储的数据已被篡改。',
  },
  CREDENTIALS_ALREADY_SET: {
    kind: 'refused',
    en: () => 'Credentials are already stored; confirm that they should be replaced.',
    'zh-CN': () => '凭据已存在；请确认是否替换。',
  },
  CREDENTIALS_NOT_REPLACEABLE: {
    kind: 'unavailable',
    en: () =>
      'Credentials are already stored and cannot be opened here, so they were not replaced. If they really should be replaced, delete them first (`cup-payouts credentials delete`).',
    'zh-CN': () =>
      '已存储的凭据无法在此解密，因此未替换。如确需替换，请先删除（`cup-payouts credentials delete`）。',
  },
  INVALID_CREDENTIALS: {
    kind: 'invalid',
    en: (p) => CREDENTIAL_REASONS_EN[String(p.reason)] ?? 'The credentials are not valid.',
    'zh-CN': (p) => CREDENTIAL_REASONS_ZH[String(p.reason)] ?? '凭据无效。',
  },
  PASSPHRASE_MISSING: {
    kind: 'unavailable',
    en: () => 'Set CUP_PAYOUTS_PASSPHRASE to the passphrase that encrypts the stored credentials.',
    'zh-CN': () => '请设置 CUP_PAYOUTS_PASSPHRASE 为加密凭据所用的口令。',
  },
  ENCRYPTION_UNAVAILABLE: {
    kind: 'unavailable',
    en: () =>
      'This computer offers no secure storage for credentials (no OS key store), so they were not saved. On Linux, install and unlock a keyring (GNOME Keyring or KWallet).',
    'zh-CN': () =>
      '本机没有可用的安全存储（操作系统密钥库），因此凭据未保存。在 Linux 上请安装并解锁密钥环（GNOME Keyring 或 KWallet）。',
  },

  SETTING_INVALID: {
    kind: 'invalid',
    en: (p) => `Setting ${p.key} must be ${p.expected}.`,
    'zh-CN': (p) => `设置项 ${p.key} 必须是${p.expected_zh ?? p.expected}。`,
  },
  TIMING_INVALID: {
    kind: 'invalid',
    // Only a command line run sets these times, so its option names are given.
    en: (p) =>
      p.reason === 'production_delay'
        ? `In production a status query waits at least ${p.min} ms after sending (--status-delay-ms).`
        : `The not-found grace time (--not-found-grace-ms) must be at least the request timeout (${p.min} ms): a late request may still land.`,
    'zh-CN': (p) =>
      p.reason === 'production_delay'
        ? `生产环境中，发送后至少等待 ${p.min} 毫秒才能查询状态（--status-delay-ms）。`
        : `“未找到”宽限时间（--not-found-grace-ms）不得短于请求超时（${p.min} 毫秒）：迟到的请求仍可能到达。`,
  },
  SETTING_LOCKED: {
    kind: 'refused',
    en: (p) =>
      `${p.key} cannot change while batches ${p.batches} are being sent or followed: their payouts are followed where they were sent. Change it once they are completed, or cancel their unsent rest and wait until what was sent is final.`,
    'zh-CN': (p) =>
      `批次 ${p.batches} 正在发送或跟踪中，不能更改 ${p.key}：其付款须在原环境中跟踪到底。请等这些批次完成后再更改，或取消其未发送部分并等待已发送的付款得到最终结果。`,
  },
  METHOD_UNKNOWN: {
    kind: 'invalid',
    en: (p) => `Unknown payout method "${p.method}" (cup-p2p, cup-quickpay or cup-banks).`,
    'zh-CN': (p) => `未知付款方式“${p.method}”（可选 cup-p2p、cup-quickpay、cup-banks）。`,
  },
  PROVIDER_UNAVAILABLE: {
    kind: 'unavailable',
    en: (p) => `The payment provider cannot be reached from here: ${p.detail}`,
    'zh-CN': (p) => `无法连接支付服务商：${p.detail}`,
  },
} satisfies Record<string, Entry>;

export type ErrorCode = keyof typeof ERROR_MESSAGES;
