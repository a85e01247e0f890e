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
