/**
 * Why a payout stands where it stands, in plain words and in the user's language: what its state means,
 * the provider's guidance for its code when there is one, and what a person should do.
 */
import type { Lang } from '../types.js';

type Words = Record<Lang, string>;

const STATES: Record<string, Words> = {
  draft: { en: 'Imported, waiting for approval.', 'zh-CN': '已导入，等待审批。' },
  queued: { en: 'Approved, not sent yet.', 'zh-CN': '已审批，尚未发送。' },
  sending: { en: 'Leaving the machine; its outcome is not known yet.', 'zh-CN': '正在发送，结果未知。' },
  accepted: {
    en: 'The provider accepted it for processing; not paid yet.',
    'zh-CN': '服务商已受理，尚未付款。',
  },
  unknown: {
    en: 'No usable answer yet: the console asks the provider (it never resends blindly).',
    'zh-CN': '尚无有效应答：控制台正在向服务商查询（绝不盲目重发）。',
  },
  rejected: {
    en: 'Refused by the gateway before registration; nothing was paid.',
    'zh-CN': '网关在登记前拒绝；未付款。',
  },
  needs_attention: {
    en: 'Needs a person: it is not retried by itself.',
    'zh-CN': '需要人工处理：系统不会自动重试。',
  },
  cancelled: { en: 'Cancelled before it was sent; nothing was paid.', 'zh-CN': '发送前已取消；未付款。' },
  processing: { en: 'The provider is processing it.', 'zh-CN': '服务商处理中。' },
  success: { en: 'Paid.', 'zh-CN': '已付款。' },
  decline: { en: 'Declined; nothing was paid.', 'zh-CN': '被拒绝；未付款。' },
  error: {
    en: 'The provider rejected the request; nothing was paid.',
    'zh-CN': '服务商拒绝了请求；未付款。',
  },
  reversed: { en: 'Paid, then reversed: the money came back.', 'zh-CN': '已付款后被冲正：款项已退回。' },
  partially_paid_out: { en: 'Only part of it was paid out.', 'zh-CN': '仅部分付款。' },
};

/** The console's and the provider's state names, as a person reads them. */
const STATE_NAMES: Record<string, Words> = {
  draft: { en: 'draft', 'zh-CN': '草稿' },
  queued: { en: 'queued', 'zh-CN': '待发送' },
  sending: { en: 'sending', 'zh-CN': '发送中' },
  accepted: { en: 'accepted', 'zh-CN': '已受理' },
  unknown: { en: 'unknown', 'zh-CN': '结果未知' },
  rejected: { en: 'rejected', 'zh-CN': '已拒绝' },
  needs_attention: { en: 'needs attention', 'zh-CN': '需人工处理' },
  cancelled: { en: 'cancelled', 'zh-CN': '已取消' },
  processing: { en: 'processing', 'zh-CN': '处理中' },
  success: { en: 'paid', 'zh-CN': '已付款' },
  decline: { en: 'declined', 'zh-CN': '被拒绝' },
  error: { en: 'error', 'zh-CN': '出错' },
  reversed: { en: 'reversed', 'zh-CN': '已冲正' },
  partially_paid_out: { en: 'partially paid', 'zh-CN': '部分付款' },
};

/** Where a refund's state is named otherwise than a payout's. */
const REFUND_STATE_NAMES: Record<string, Words> = {
  success: { en: 'refunded', 'zh-CN': '已退款' },
};

export function stateName(state: string, lang: Lang, kind: 'payout' | 'refund' = 'payout'): string {
  const own = kind === 'refund' ? REFUND_STATE_NAMES[state] : undefined;
  return (own ?? STATE_NAMES[state])?.[lang] ?? state;
}

/** Batch statuses, as a person reads them. */
const BATCH_STATUS_NAMES: Record<string, Words> = {
  draft: { en: 'draft', 'zh-CN': '草稿' },
  approved: { en: 'approved', 'zh-CN': '已审批' },
  sending: { en: 'sending', 'zh-CN': '发送中' },
  paused: { en: 'paused', 'zh-CN': '已暂停' },
  completed: { en: 'completed', 'zh-CN': '已完成' },
  cancelled: { en: 'cancelled', 'zh-CN': '已取消' },
  rejected: { en: 'rejected', 'zh-CN': '已驳回' },
};

export function batchStatusName(status: string, lang: Lang): string {
  return BATCH_STATUS_NAMES[status]?.[lang] ?? status;
}

/** Plain guidance for a provider code, or null; supplied by the provider adapter. */
export type CodeGuidance = (code: string, lang: Lang) => string | null;

/**
 * States whose own meaning says it all: the money went out (and maybe came back). Their code is the code of the
 * successful payout operation, whose guidance ("paid") would contradict a reversal.
 */
/** Where a refund's state means something else than a payout's. */
const REFUND_STATES: Record<string, Words> = {
  success: { en: 'Refunded: credited back to the payment.', 'zh-CN': '已退款：已退回原支付。' },
  pending: {
    en: 'Accepted by Paygate, not final yet: the console asks again; it is never sent twice.',
    'zh-CN': 'Paygate 已受理，尚未完成：控制台会继续查询，绝不会重复退款。',
  },
};

const PAID_STATES: ReadonlySet<string> = new Set(['success', 'reversed', 'partially_paid_out']);

/**
 * The provider's guidance for the payout's code when there is some (it says what happened, whether money may
 * have moved and what to do); otherwise, and always for a paid payout, what the state means, followed by the
 * provider's own message.
 */
export function plainReason(
  payout: { state: string; code: string | null; message: string | null },
  lang: Lang,
  guidance: CodeGuidance,
  kind: 'payout' | 'refund' = 'payout',
): string {
  const advice = payout.code && !PAID_STATES.has(payout.state) ? guidance(payout.code, lang) : null;
  if (advice) return advice;
  const own = kind === 'refund' ? REFUND_STATES[payout.state] : undefined;
  const meaning = (own ?? STATES[payout.state])?.[lang] ?? stateName(payout.state, lang);
  return payout.message ? `${meaning} ${payout.message}` : meaning;
}
