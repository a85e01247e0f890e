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
  secret_short:
    'The secret key is too short to be a project key (6 characters at least). Nothing was stored.',
};
const CREDENTIAL_REASONS_ZH: Record<string, string> = {
  project_id: '项目 ID 必须是正整数。',
  secret_empty: '密钥为空；未保存任何内容。',
  secret_whitespace: '密钥首尾含有空格或换行；请重新准确复制。未保存任何内容。',
  secret_short: '密钥太短，不像项目密钥（至少 6 个字符）。未保存任何内容。',
};

/** The fields a provider CSV column can feed (reconciliation's --map). */
const RECONCILIATION_FIELDS =
  'payment_id, operation_id, operation_type, operation_status, amount, amount_minor, currency, created_at, completed_at, code, message';

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
  // What was typed and what was expected are not echoed: the approver reads the totals off the review.
  APPROVAL_TOTALS_MISMATCH: {
    kind: 'invalid',
    en: (p) => {
      const typed =
        { count: 'number of payouts typed does', total: 'total amount typed does' }[String(p.mismatch)] ??
        'number of payouts and the total amount typed do';
      return `The ${typed} not match batch ${p.batchId}: nothing was approved. Check them against the review and type them again.`;
    },
    'zh-CN': (p) => {
      const typed = { count: '笔数', total: '总金额' }[String(p.mismatch)] ?? '笔数和总金额';
      return `输入的${typed}与批次 ${p.batchId} 不符：未审批任何内容。请对照审批摘要核对后重新输入。`;
    },
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

  NOT_A_CONSOLE_DATABASE: {
    kind: 'unavailable',
    en: (p) =>
      `${p.path} is not a CUP Payout Console database (another application's file, or not a database at all). Nothing was changed. Check the --db path (or CUP_PAYOUTS_DB).`,
    'zh-CN': (p) =>
      `${p.path} 不是银联代付控制台的数据库（是其他程序的文件，或根本不是数据库）。未做任何更改。请检查 --db 路径（或 CUP_PAYOUTS_DB）。`,
  },
  DATABASE_DAMAGED: {
    kind: 'unavailable',
    en: (p) =>
      `The database ${p.path} is damaged (SQLite reports: ${p.detail}). Nothing was changed and nothing was sent. Restore the last backup: stop every console using it, copy the backup over ${p.path}, delete ${p.path}-wal and ${p.path}-shm if they exist, then run the command again.`,
    'zh-CN': (p) =>
      `数据库 ${p.path} 已损坏（SQLite 报告：${p.detail}）。未做任何更改，也未发送任何付款。请恢复最近的备份：关闭所有使用它的控制台，用备份文件覆盖 ${p.path}，如有 ${p.path}-wal 和 ${p.path}-shm 请删除，然后重新运行命令。`,
  },
  DATABASE_READ_ONLY: {
    kind: 'unavailable',
    en: (p) =>
      `The database ${p.path} or its folder cannot be written (${p.detail}): check the permissions, or whether the disk is read-only. Nothing was changed.`,
    'zh-CN': (p) =>
      `无法写入数据库 ${p.path} 或其所在文件夹（${p.detail}）：请检查权限，或磁盘是否只读。未做任何更改。`,
  },
  DATABASE_LOCKED: {
    kind: 'unavailable',
    en: (p) =>
      `Another program keeps the database ${p.path} locked (${p.detail}). Close it or wait, then try again. Nothing was changed.`,
    'zh-CN': (p) => `另一个程序锁住了数据库 ${p.path}（${p.detail}）。请关闭该程序或稍候再试。未做任何更改。`,
  },
  DISK_FULL: {
    kind: 'unavailable',
    en: (p) => `The disk holding ${p.path} is full. Nothing was changed; free some space and try again.`,
    'zh-CN': (p) => `${p.path} 所在的磁盘已满。未做任何更改；请释放空间后重试。`,
  },
  DATABASE_CANNOT_OPEN: {
    kind: 'unavailable',
    en: (p) => `The database ${p.path} cannot be opened or created there (${p.detail}). Check the path.`,
    'zh-CN': (p) => `无法在该位置打开或创建数据库 ${p.path}（${p.detail}）。请检查路径。`,
  },
  BACKUP_EXISTS: {
    kind: 'invalid',
    en: (p) => `${p.path} exists already: a backup never overwrites a file. Choose another name.`,
    'zh-CN': (p) => `${p.path} 已存在：备份绝不覆盖已有文件。请换一个文件名。`,
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
        : p.reason === 'wrong_passphrase'
          ? 'The passphrase does not unlock this database (CUP_PAYOUTS_PASSPHRASE): it is wrong, or the database was made with another one. Nothing was changed.'
          : p.reason === 'payee_data'
            ? 'Payee data of a payout cannot be decrypted: it was altered in the database file or copied from another payout.'
            : 'The stored credentials cannot be decrypted: they were altered in the database file, or sealed with another installation key. Set them again.',
    'zh-CN': (p) =>
      p.reason === 'cipher_mismatch'
        ? `已存储的凭据由“${p.stored}”加密，“${p.current}”无法解密。请在此处重新设置。`
        : p.reason === 'wrong_passphrase'
          ? '该口令无法解锁此数据库（CUP_PAYOUTS_PASSPHRASE）：口令错误，或数据库由其他口令创建。未做任何更改。'
          : p.reason === 'payee_data'
            ? '某笔付款的收款人数据无法解密：数据库文件中的数据被改动，或是从其他付款复制而来。'
            : '无法解密已存储的凭据：数据库文件中的数据被改动，或由其他安装密钥加密。请重新设置。',
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
    en: () =>
      'Set CUP_PAYOUTS_PASSPHRASE to the passphrase that unlocks this database (or run the command on a terminal to be asked for it).',
    'zh-CN': () => '请设置 CUP_PAYOUTS_PASSPHRASE 为解锁此数据库的口令（或在终端中运行命令以输入口令）。',
  },
  PASSWORD_MISSING: {
    kind: 'unavailable',
    en: (p) =>
      `Set ${p.variable} to the password (or run the command on a terminal to be asked for it). Passwords are never read from the command line.`,
    'zh-CN': (p) => `请设置 ${p.variable} 为密码（或在终端中运行命令以输入密码）。密码不会从命令行参数读取。`,
  },
  PASSWORD_MISMATCH: {
    kind: 'invalid',
    en: () => 'The two passwords typed differ. Nothing was changed.',
    'zh-CN': () => '两次输入的密码不一致。未做任何更改。',
  },
  PASSPHRASE_WEAK: {
    kind: 'invalid',
    en: (p) =>
      p.reason === 'blank'
        ? 'The passphrase is blank. Nothing was created.'
        : 'The passphrase is too short: use at least 12 characters (a few words are easy to remember). Nothing was created.',
    'zh-CN': (p) =>
      p.reason === 'blank'
        ? '口令为空。未创建任何内容。'
        : '口令太短：至少需要 12 个字符（几个单词即可）。未创建任何内容。',
  },
  PASSWORD_WEAK: {
    kind: 'invalid',
    en: (p) =>
      `The password is too weak: ${
        {
          too_short: 'use at least 10 characters',
          contains_name: 'it must not contain the account name',
          common: 'it is one of the most used passwords',
          repetitive: 'it repeats or runs through the same few characters',
          control_chars: 'it contains control characters',
          unchanged: 'the new password is the old one',
        }[String(p.reason)] ?? 'choose another'
      }. Nothing was changed.`,
    'zh-CN': (p) =>
      `密码强度不足：${
        {
          too_short: '至少需要 10 个字符',
          contains_name: '不能包含账户名',
          common: '这是最常用的密码之一',
          repetitive: '字符重复或为连续序列',
          control_chars: '含有控制字符',
          unchanged: '新密码与旧密码相同',
        }[String(p.reason)] ?? '请换一个'
      }。未做任何更改。`,
  },
  KEY_MISSING: {
    kind: 'unavailable',
    en: () =>
      'This database has no installation key yet: create the first admin with `cup-payouts init --db PATH --admin NAME`.',
    'zh-CN': () => '此数据库尚无安装密钥：请先用 `cup-payouts init --db PATH --admin NAME` 创建首个管理员。',
  },
  KEY_EXISTS: {
    kind: 'refused',
    en: () => 'This database has an installation key already.',
    'zh-CN': () => '此数据库已有安装密钥。',
  },
  KEY_NEEDS_PASSPHRASE: {
    kind: 'unavailable',
    en: () =>
      'The installation key is locked: give the passphrase (CUP_PAYOUTS_PASSPHRASE on the command line).',
    'zh-CN': () => '安装密钥已锁定：请提供口令（命令行中为 CUP_PAYOUTS_PASSPHRASE）。',
  },
  KEY_NEEDS_OS_STORE: {
    kind: 'unavailable',
    en: () =>
      "This database's key is kept only by the desktop app's key store. In the desktop app, an admin sets a passphrase (Settings) so that the command line can open it.",
    'zh-CN': () =>
      '此数据库的密钥仅保存在桌面应用的系统密钥库中。请管理员在桌面应用“设置”中设置口令，命令行才能打开它。',
  },
  KEY_LOCKED: {
    kind: 'unavailable',
    en: () => 'The installation key is locked: nothing can be written until it is unlocked.',
    'zh-CN': () => '安装密钥已锁定：解锁前无法写入任何内容。',
  },
  NOT_INITIALISED: {
    kind: 'unavailable',
    en: () => 'No account exists yet: create the first admin with `cup-payouts init --db PATH --admin NAME`.',
    'zh-CN': () => '尚无任何账户：请用 `cup-payouts init --db PATH --admin NAME` 创建首个管理员。',
  },
  ALREADY_INITIALISED: {
    kind: 'refused',
    en: () => 'This database has accounts already; an admin adds more with `users add`.',
    'zh-CN': () => '此数据库已有账户；请由管理员用 `users add` 添加。',
  },
  SIGN_IN_REQUIRED: {
    kind: 'invalid',
    en: () =>
      'Sign in first. (On the command line: name the user with --user and give the password in CUP_PASSWORD, or at the prompt.)',
    'zh-CN': () => '请先登录。（命令行中：用 --user 指定用户，并在 CUP_PASSWORD 中或提示时输入密码。）',
  },
  SIGN_IN_FAILED: {
    kind: 'refused',
    en: () => 'Wrong user name or password.',
    'zh-CN': () => '用户名或密码错误。',
  },
  SESSION_LOCKED: {
    kind: 'refused',
    en: (p) => `The session of ${p.user} locked after a time without activity: enter the password again.`,
    'zh-CN': (p) => `${p.user} 的会话因长时间无操作已锁定：请重新输入密码。`,
  },
  ACCOUNT_LOCKED: {
    kind: 'refused',
    en: (p) =>
      `The account ${p.user} is locked after repeated failed sign-ins until ${p.until}; an admin can reset its password.`,
    'zh-CN': (p) => `账户 ${p.user} 因多次登录失败已锁定，直至 ${p.until}；管理员可重置其密码。`,
  },
  ACCOUNT_DISABLED: {
    kind: 'refused',
    en: (p) => `The account ${p.user} is disabled.`,
    'zh-CN': (p) => `账户 ${p.user} 已停用。`,
  },
  ACCOUNT_NAME_INVALID: {
    kind: 'invalid',
    en: (p) =>
      p.reason === 'empty'
        ? 'The account name is empty (or only invisible characters).'
        : p.reason === 'too_long'
          ? 'The account name is longer than 64 characters.'
          : 'An account name holds only letters, digits and . _ - @ (no spaces or symbols).',
    'zh-CN': (p) =>
      p.reason === 'empty'
        ? '账户名为空（或只有不可见字符）。'
        : p.reason === 'too_long'
          ? '账户名超过 64 个字符。'
          : '账户名只能包含字母、数字和 . _ - @（不能有空格或符号）。',
  },
  ROLE_INVALID: {
    kind: 'invalid',
    en: (p) => `Roles are one or more of ${p.roles}, separated by commas.`,
    'zh-CN': (p) => `角色须为 ${p.roles} 中的一个或多个，用逗号分隔。`,
  },
  ROLE_REQUIRED: {
    kind: 'refused',
    en: (p) => `${p.user} may not do this (${p.action}): it needs the role ${listEn(p.roles)}.`,
    'zh-CN': (p) =>
      `${p.user} 无权执行此操作（${p.action}）：需要角色 ${String(p.roles).split(',').join('或')}。`,
  },
  USER_EXISTS: {
    kind: 'refused',
    en: (p) => `An account named ${p.user} exists already.`,
    'zh-CN': (p) => `已存在名为 ${p.user} 的账户。`,
  },
  USER_CONFUSABLE: {
    kind: 'refused',
    en: (p) =>
      `This name looks like the existing account ${p.user} (same letters in another script, or look-alike characters): choose a clearly different name.`,
    'zh-CN': (p) =>
      `该名称与现有账户 ${p.user} 看起来相同（其他文字的同形字母或相似字符）：请选择明显不同的名称。`,
  },
  USER_NOT_FOUND: {
    kind: 'not_found',
    en: (p) => `There is no account named ${p.user}.`,
    'zh-CN': (p) => `没有名为 ${p.user} 的账户。`,
  },
  CANNOT_DISABLE_SELF: {
    kind: 'refused',
    en: () => 'You cannot disable your own account.',
    'zh-CN': () => '不能停用自己的账户。',
  },
  LAST_ADMIN: {
    kind: 'refused',
    en: () => 'This is the last active admin: add another admin first.',
    'zh-CN': () => '这是最后一个有效的管理员：请先添加另一个管理员。',
  },
  CANNOT_REMOVE_OWN_ADMIN: {
    kind: 'refused',
    en: () => 'You cannot take the admin role from your own account: another admin must do it.',
    'zh-CN': () => '不能取消自己账户的管理员角色：须由另一名管理员操作。',
  },
  EDITOR_APPROVAL: {
    kind: 'refused',
    en: (p) => `Batch ${p.batchId} was edited by ${p.editor}; another person must approve it.`,
    'zh-CN': (p) => `批次 ${p.batchId} 由 ${p.editor} 编辑过，必须由另一人审批。`,
  },
  SAME_APPROVER_TWICE: {
    kind: 'refused',
    en: (p) =>
      `${p.approver} approved batch ${p.batchId} already; its total needs a second, different approver.`,
    'zh-CN': (p) => `${p.approver} 已审批过批次 ${p.batchId}；该批次金额需要另一位审批人再次审批。`,
  },
  ENCRYPTION_UNAVAILABLE: {
    kind: 'unavailable',
    en: () =>
      'This computer offers no secure storage for credentials (no OS key store), so they were not saved. On Linux, install and unlock a keyring (GNOME Keyring or KWallet).',
    'zh-CN': () =>
      '本机没有可用的安全存储（操作系统密钥库），因此凭据未保存。在 Linux 上请安装并解锁密钥环（GNOME Keyring 或 KWallet）。',
  },

  ENVIRONMENT_MISMATCH: {
    kind: 'invalid',
    en: (p) =>
      `Refused, nothing was sent: the batch was sent to ${p.bound}, and every later run follows it there; this run asks for ${p.asked}. Run it without --env and --gate (or with the ones it was sent with).`,
    'zh-CN': (p) =>
      `已拒绝，未发送任何内容：该批次已发往 ${p.bound}，之后的每次运行都会继续在该环境处理；本次运行指定的是 ${p.asked}。请不带 --env 和 --gate 运行（或使用该批次原来的设置）。`,
  },
  APPROVAL_CONTENT_CHANGED: {
    kind: 'refused',
    en: (p) =>
      `Batch ${p.batchId} changed after it was approved, so nothing more of it is sent: it is blocked. Cancel it and import the file again for a fresh approval.`,
    'zh-CN': (p) =>
      `批次 ${p.batchId} 在审批后内容被改动，因此不再发送其中任何付款：该批次已被阻止。请取消该批次，重新导入文件并重新审批。`,
  },
  PROVIDER_UNREACHABLE: {
    kind: 'unavailable',
    en: (p) =>
      `The payment provider cannot be reached (${p.detail}). Nothing more was sent; the batch stays as it is — resume it once the provider can be reached.`,
    'zh-CN': (p) =>
      `无法连接支付服务商（${p.detail}）。未再发送任何内容；批次保持原状——待可连接后请继续（resume）。`,
  },
  SETTING_INVALID: {
    kind: 'invalid',
    en: (p) => `Setting ${p.key} must be ${p.expected}.`,
    'zh-CN': (p) => `设置项 ${p.key} 必须是${p.expected_zh ?? p.expected}。`,
  },
  LIMITS_OUTSIDE_PROVIDER: {
    kind: 'invalid',
    en: (p) => `The limits of ${p.method} must lie within the provider's documented ¥${p.min} to ¥${p.max}.`,
    'zh-CN': (p) => `${p.method_zh}的限额必须在服务商规定的 ¥${p.min} 至 ¥${p.max} 之内。`,
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
  // Offline reconciliation: the provider's file, its runs and their exceptions.
  PROVIDER_FILE_UNREADABLE: {
    kind: 'invalid',
    en: (p) =>
      p.reason === 'empty'
        ? 'The provider file is empty.'
        : p.reason === 'json_shape'
          ? 'The provider file is JSON but holds no operations: expected the Data API\'s /operations/get answer ({"operations": […]}), a list of such answers, or a list of operations.'
          : "The provider file is neither the Data API's JSON nor a CSV export.",
    'zh-CN': (p) =>
      p.reason === 'empty'
        ? '服务商文件为空。'
        : p.reason === 'json_shape'
          ? '服务商文件是 JSON，但不含操作记录：应为 Data API /operations/get 的应答（{"operations": […]}）、多个应答组成的列表，或操作记录列表。'
          : '服务商文件既不是 Data API 的 JSON，也不是 CSV 导出文件。',
  },
  PROVIDER_FILE_COLUMN_MISSING: {
    kind: 'invalid',
    en: (p) =>
      `The provider's CSV export has no column for: ${p.column}. Name its columns with --map "their header=field,…".`,
    'zh-CN': (p) => `服务商 CSV 导出文件缺少以下列：${p.column}。请用 --map "表头=字段,…" 指定列。`,
  },
  PROVIDER_FILE_VALUE: {
    kind: 'invalid',
    en: (p) =>
      `The provider file's ${p.line !== undefined ? `line ${p.line}` : `operation ${p.item}`} has no readable ${p.field}${p.value ? ` ("${p.value}")` : ''}.`,
    'zh-CN': (p) =>
      `服务商文件${p.line !== undefined ? `第 ${p.line} 行` : `第 ${p.item} 条操作`}的 ${p.field} 无法读取${p.value ? `（“${p.value}”）` : ''}。`,
  },
  PROVIDER_MAP_INVALID: {
    kind: 'invalid',
    en: (p) =>
      p.reason === 'syntax'
        ? `Column mapping "${p.entry}" is not in the form header=field.`
        : p.reason === 'unknown_field'
          ? `Column mapping "${p.entry}" names an unknown field. Fields: ${RECONCILIATION_FIELDS}.`
          : p.reason === 'header_not_found'
            ? `Column mapping "${p.entry}": the file has no column with that header.`
            : `Column mapping "${p.entry}" maps a header or a field twice.`,
    'zh-CN': (p) =>
      p.reason === 'syntax'
        ? `列映射“${p.entry}”格式不正确，应为“表头=字段”。`
        : p.reason === 'unknown_field'
          ? `列映射“${p.entry}”中的字段不存在。可用字段：${RECONCILIATION_FIELDS}。`
          : p.reason === 'header_not_found'
            ? `列映射“${p.entry}”：文件中没有该表头的列。`
            : `列映射“${p.entry}”重复映射了同一表头或字段。`,
  },
  RECONCILE_SOURCE_INVALID: {
    kind: 'invalid',
    en: () => 'Reconcile against one source: a provider file, or a Data API date range, not both.',
    'zh-CN': () => '对账只能使用一个来源：服务商文件或 Data API 日期范围，不能同时使用。',
  },
  RECONCILIATION_RUN_NOT_FOUND: {
    kind: 'not_found',
    en: (p) => `There is no reconciliation run ${p.runId}.`,
    'zh-CN': (p) => `不存在对账记录 ${p.runId}。`,
  },
  RECONCILIATION_EXCEPTION_NOT_FOUND: {
    kind: 'not_found',
    en: (p) => `There is no reconciliation exception ${p.exceptionId}.`,
    'zh-CN': (p) => `不存在对账差异 ${p.exceptionId}。`,
  },
  RECONCILIATION_EXCEPTION_RESOLVED: {
    kind: 'refused',
    en: (p) =>
      `Exception ${p.exceptionId} was already resolved by ${p.by} at ${p.at}; its note stays as it is.`,
    'zh-CN': (p) => `差异 ${p.exceptionId} 已由 ${p.by} 于 ${p.at} 处理；其说明保持不变。`,
  },
  DATA_API_NOT_CONFIGURED: {
    kind: 'unavailable',
    en: () =>
      'No Data API token is stored: an admin sets one with `credentials set --provider data-api`, or reconcile a saved file.',
    'zh-CN': () =>
      '尚未保存 Data API 令牌：请管理员执行 `credentials set --provider data-api`，或使用已保存的文件对账。',
  },
  DATA_API_FAILED: {
    kind: 'unavailable',
    en: (p) => `The Data API could not be read (${p.detail}). Nothing was stored.`,
    'zh-CN': (p) => `无法读取 Data API（${p.detail}）。未保存任何内容。`,
  },
  REPORT_SCOPE_INVALID: {
    kind: 'invalid',
    en: () => 'A report covers one batch, or the days from one date to another: give exactly one of the two.',
    'zh-CN': () => '报表的范围是一个批次，或从某日到某日的日期范围：二者只能且必须给出其一。',
  },
  REPORT_DATE_INVALID: {
    kind: 'invalid',
    en: (p) => `${p.field} "${p.value}" is not a date: write a day that exists as YYYY-MM-DD.`,
    'zh-CN': (p) => `${p.field}“${p.value}”不是有效日期：请按 YYYY-MM-DD 填写实际存在的日期。`,
  },
  REPORT_RANGE_REVERSED: {
    kind: 'invalid',
    en: (p) => `The range starts on ${p.from}, after the day it ends (${p.to}).`,
    'zh-CN': (p) => `日期范围的开始日（${p.from}）晚于结束日（${p.to}）。`,
  },
  RETRY_NOT_FOR_REFUNDS: {
    kind: 'refused',
    en: (p) =>
      `Batch ${p.batchId} is a refund batch: a failed refund is refunded again by importing a new refund file (with new TransIDs), after checking why it failed. Nothing was stored.`,
    'zh-CN': (p) =>
      `批次 ${p.batchId} 是退款批次：退款失败后，请先核对原因，再导入新的退款文件（使用新的交易号）重新退款。未保存任何内容。`,
  },
  REFUND_ABOVE_CAPTURE: {
    kind: 'refused',
    en: (p) =>
      `Refunds of payment ${p.payId} would total ${p.total}, more than its captured ${p.captured} (already refunded ${p.already}): nothing above the capture is ever refunded. Correct the file and import it again.`,
    'zh-CN': (p) =>
      `对支付 ${p.payId} 的退款合计将为 ${p.total}，超过其已清算金额 ${p.captured}（已退款 ${p.already}）：退款绝不超过清算金额。请更正文件后重新导入。`,
  },
  RETRY_NOTHING: {
    kind: 'refused',
    en: (p) => `Batch ${p.batchId} has no declined or rejected payout left to pay again. Nothing was stored.`,
    'zh-CN': (p) => `批次 ${p.batchId} 没有可重新付款的被拒绝或已拒绝付款。未保存任何内容。`,
  },
  RETRY_ALREADY_MADE: {
    kind: 'refused',
    en: (p) =>
      `Payment ${p.paymentId} is already paid again in batch ${p.retryBatchId}: a payout is paid again at most once (if that one failed too, pay it again from batch ${p.retryBatchId}). Nothing was stored.`,
    'zh-CN': (p) =>
      `订单 ${p.paymentId} 已在批次 ${p.retryBatchId} 中重新付款：每笔付款最多重新付款一次（若该笔也失败，请从批次 ${p.retryBatchId} 重新付款）。未保存任何内容。`,
  },
  RETRY_ROWS_INVALID: {
    kind: 'invalid',
    en: (p) =>
      `${p.count} payouts cannot be paid again as they stand (line, field, problem): ${p.lines}. Correct them with edits, or leave them out. Nothing was stored.`,
    'zh-CN': (p) =>
      `${p.count} 笔付款按现有数据无法重新付款（行号、字段、问题）：${p.lines}。请修改或不纳入这些行。未保存任何内容。`,
  },
  REPORT_FILE_UNWRITABLE: {
    kind: 'unavailable',
    en: (p) => `The report cannot be written to ${p.path} (${p.detail}). No file was written.`,
    'zh-CN': (p) => `无法将报表写入 ${p.path}（${p.detail}）。未写入任何文件。`,
  },
} satisfies Record<string, Entry>;

export type ErrorCode = keyof typeof ERROR_MESSAGES;
