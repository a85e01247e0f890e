import type { Role } from '../../../electron/contract/api';

export type UiLang = 'zh-CN' | 'en';

const messages = {
  'zh-CN': {
    title: '银联代付控制台',
    environment: '环境',
    sandbox: '内置沙箱',
    production: '生产环境',
    batches: '批次',
    noBatches: '还没有批次。请用命令行 cup-payouts import 导入付款文件。',
    file: '文件',
    method: '方式',
    status: '状态',
    count: '笔数',
    total: '总额（元）',
    createdBy: '导入人',
    database: '数据库',
    loadFailed: '加载失败',
    approvedBy: '审批人',
    loading: '正在加载…',
    retry: '重试',
    starting: '正在连接控制台…',
    startFailed: '无法连接控制台',
    engineFailed: '发送引擎',
    language: '语言',
    signedInAs: '当前用户',
    signOut: '退出登录',
    createAdminTitle: '创建首个管理员',
    createAdminIntro: '此数据库还没有任何账户。先创建一个管理员账户，之后由管理员添加其他人员。',
    accountName: '账户名',
    password: '密码',
    passwordAgain: '再次输入密码',
    passphrase: '命令行口令（可选）',
    passphraseNote: '至少 12 个字符。设置后，命令行工具可用此口令打开同一个数据库。',
    createAdmin: '创建并登录',
    signInTitle: '登录',
    signIn: '登录',
    keyPassphrase: '数据库口令',
    keyPassphraseNote: '此数据库的密钥已锁定：请输入创建数据库时设置的口令。',
    unlockTitle: '会话已锁定',
    unlock: '解锁',
    fillIn: '请输入账户名和密码。',
    fillInPassword: '请输入密码。',
    passwordsDiffer: '两次输入的密码不一致。',
    sessionEnded: '会话已结束，请重新登录。',
    signedOut: '已退出登录。',
  },
  en: {
    title: 'CUP Payout Console',
    environment: 'Environment',
    sandbox: 'embedded sandbox',
    production: 'production',
    batches: 'Batches',
    noBatches: 'No batches yet. Import a payout file with the cup-payouts import command.',
    file: 'File',
    method: 'Method',
    status: 'Status',
    count: 'Payouts',
    total: 'Total (CNY)',
    createdBy: 'Imported by',
    database: 'Database',
    loadFailed: 'Could not load',
    approvedBy: 'Approved by',
    loading: 'Loading…',
    retry: 'Try again',
    starting: 'Connecting to the console…',
    startFailed: 'Could not reach the console',
    engineFailed: 'Sending engine',
    language: 'Language',
    signedInAs: 'Signed in as',
    signOut: 'Sign out',
    createAdminTitle: 'Create the first admin',
    createAdminIntro:
      'This database has no accounts yet. Create an admin account first; the admin then adds everyone else.',
    accountName: 'Account name',
    password: 'Password',
    passwordAgain: 'Password again',
    passphrase: 'Passphrase for the command line (optional)',
    passphraseNote:
      'At least 12 characters. With it, the cup-payouts command line can open this same database.',
    createAdmin: 'Create and sign in',
    signInTitle: 'Sign in',
    signIn: 'Sign in',
    keyPassphrase: 'Database passphrase',
    keyPassphraseNote:
      "This database's key is locked: enter the passphrase set when the database was created.",
    unlockTitle: 'Session locked',
    unlock: 'Unlock',
    fillIn: 'Enter the account name and the password.',
    fillInPassword: 'Enter the password.',
    passwordsDiffer: 'The two passwords differ.',
    sessionEnded: 'Your session has ended. Sign in again.',
    signedOut: 'You have signed out.',
  },
} as const;

export type MessageKey = keyof (typeof messages)['en'];

export function translate(lang: UiLang, key: MessageKey): string {
  return messages[lang][key];
}

const BATCH_STATUS: Record<UiLang, Record<string, string>> = {
  'zh-CN': {
    draft: '草稿',
    approved: '已审批',
    sending: '发送中',
    paused: '已暂停',
    completed: '已完成',
    cancelled: '已取消',
    rejected: '已驳回',
  },
  en: {
    draft: 'draft',
    approved: 'approved',
    sending: 'sending',
    paused: 'paused',
    completed: 'completed',
    cancelled: 'cancelled',
    rejected: 'rejected',
  },
};

/** A batch status in the UI's language. */
export function batchStatusLabel(lang: UiLang, status: string): string {
  return BATCH_STATUS[lang][status] ?? status;
}

const ROLE: Record<UiLang, Record<Role, string>> = {
  'zh-CN': { admin: '管理员', operator: '经办人', approver: '审批人', viewer: '查看者' },
  en: { admin: 'admin', operator: 'operator', approver: 'approver', viewer: 'viewer' },
};

/** An account's roles in the UI's language, e.g. "经办人、审批人" or "operator, approver". */
export function rolesLabel(lang: UiLang, roles: readonly Role[]): string {
  return roles.map((role) => ROLE[lang][role] ?? role).join(lang === 'zh-CN' ? '、' : ', ');
}
