/**
 * The needs-attention queue: across all batches, what waits for a person, oldest first, each with what
 * happened in plain words and what to do. Payouts in needs_attention (the engine stopped following them and
 * never retries them by itself; `unknown` ones are not listed: the engine resolves those with status
 * queries), and batches that wait: drafts to approve, approved batches ready to send, paused ones, and
 * blocked ones (changed after approval).
 */
import type { Operations } from '../../contract/operations.js';
import type { AttentionItem } from '../../contract/records.js';
import { plainReason } from '../i18n/payoutReasons.js';
import { CONSOLE_STATES } from '../payoutStates.js';
import type { WaitingBatch, WaitingPayout } from '../store/reportsPort.js';
import type { BatchStatus } from '../store/types.js';
import { PROVIDER_MISMATCH } from '../submission/decide.js';
import type { Lang } from '../types.js';
import { approvalsNeeded } from './access.js';
import { query, requireStore, type Operation } from './operation.js';
import { readSettings } from './settingsModel.js';
import { PAYOUT_GUIDANCE } from './views.js';

/** At most this many items: the queue is worked through from the top, not read whole. */
export const ATTENTION_LIMIT = 1000;

/** Payout states in which nothing happens until a person acts. */
const WAITING_PAYOUT_STATES: readonly string[] = [CONSOLE_STATES.needsAttention];

/** Batch statuses that wait for a person, each with the audit action that put the batch there. */
const WAITING_BATCHES: Partial<Record<BatchStatus, string>> = {
  draft: 'batch.import',
  approved: 'batch.approve',
  paused: 'batch.pause',
  blocked: 'batch.blocked',
};

type Words = Record<Lang, string>;

/** What to do about a payout in needs_attention. */
const PAYOUT_ACTIONS: { mismatch: Words; other: Words } = {
  mismatch: {
    en: "Do not send it again: the provider holds another payment under this ID. Compare it with the provider's records and settle it with their support.",
    'zh-CN':
      '请勿重新发送：服务商在该订单号下记录的是另一笔付款。请与服务商的记录核对，并联系服务商客服处理。',
  },
  other: {
    en: "Recheck the batch to ask the provider again. If it is still not final, ask the provider's support about this payment ID; do not pay it again until they confirm it failed.",
    'zh-CN':
      '请复查该批次，再次向服务商查询。如仍无最终结果，请就该订单号咨询服务商客服；在确认失败之前不要重新付款。',
  },
};

function payoutItem(payout: WaitingPayout, lang: Lang): AttentionItem {
  const action = payout.code === PROVIDER_MISMATCH ? PAYOUT_ACTIONS.mismatch : PAYOUT_ACTIONS.other;
  return {
    kind: 'payout',
    batch_id: payout.batch_id,
    payment_id: payout.payment_id,
    line: payout.line,
    amount_fen: payout.amount_fen,
    state: payout.state,
    code: payout.code,
    // The same words as the batch's payout list and status report.
    reason: plainReason(payout, lang, PAYOUT_GUIDANCE),
    action: action[lang],
    since: payout.since,
  };
}

/** What a waiting batch's status means, and what to do, given the approvals it needs. */
function batchWords(batch: WaitingBatch, needed: number): { reason: Words; action: Words } {
  switch (batch.status) {
    case 'draft': {
      const partly = batch.approvals_given > 0 && batch.approvals_given < needed;
      return {
        reason: partly
          ? {
              en: `Imported by ${batch.created_by}; ${batch.approvals_given} of ${needed} approvals given.`,
              'zh-CN': `由 ${batch.created_by} 导入；已有 ${batch.approvals_given}/${needed} 个审批。`,
            }
          : {
              en: `Imported by ${batch.created_by}; waiting for approval.`,
              'zh-CN': `由 ${batch.created_by} 导入，等待审批。`,
            },
        action: partly
          ? {
              en: 'A second approver, not the first one, reviews it and approves or rejects it.',
              'zh-CN': '请由另一位审批人（非第一位）审核后审批或驳回。',
            }
          : {
              en: 'An approver who neither imported nor edited it reviews it and approves or rejects it.',
              'zh-CN': '请由未导入、未编辑该批次的审批人审核后审批或驳回。',
            },
      };
    }
    case 'approved':
      return {
        reason: {
          en: `Approved by ${batch.approved_by ?? '—'}; ready to send.`,
          'zh-CN': `已由 ${batch.approved_by ?? '—'} 审批，可以发送。`,
        },
        action: { en: 'An operator sends it (Submit).', 'zh-CN': '请由操作员发送（提交）。' },
      };
    case 'paused':
      return {
        reason: {
          en: 'Paused: nothing more of it is sent until it is resumed.',
          'zh-CN': '已暂停：恢复前不会再发送其中任何付款。',
        },
        action: {
          en: 'Resume it to send the rest, or cancel what has not been sent.',
          'zh-CN': '请恢复以继续发送其余付款，或取消尚未发送的部分。',
        },
      };
    default:
      return {
        reason: {
          en: 'Its content changed after it was approved, so nothing more of it is sent.',
          'zh-CN': '审批后内容被改动，因此不再发送其中任何付款。',
        },
        action: {
          en: 'Cancel it, then import the file again for a fresh approval.',
          'zh-CN': '请取消该批次，然后重新导入文件并重新审批。',
        },
      };
  }
}

function batchItem(batch: WaitingBatch, needed: number, lang: Lang): AttentionItem {
  const words = batchWords(batch, needed);
  return {
    kind: 'batch',
    batch_id: batch.id,
    payment_id: null,
    line: null,
    amount_fen: batch.total_fen,
    state: batch.status,
    code: batch.status === 'blocked' ? 'APPROVAL_CONTENT_CHANGED' : null,
    reason: words.reason[lang],
    action: words.action[lang],
    since: batch.since,
  };
}

/** Oldest first; at the same moment a batch before its payouts, then by batch and line. */
function oldestFirst(a: AttentionItem, b: AttentionItem): number {
  const since = (a.since ?? '').localeCompare(b.since ?? '');
  if (since !== 0) return since;
  if (a.batch_id !== b.batch_id) return a.batch_id - b.batch_id;
  return (a.line ?? 0) - (b.line ?? 0);
}

export const attentionHandlers = {
  attentionQueue: query({
    input: () => undefined,
    async run(ctx) {
      const store = requireStore(ctx);
      const settings = readSettings(await store.settings.all());
      const payouts = await store.reports.waitingPayouts({
        states: WAITING_PAYOUT_STATES,
        limit: ATTENTION_LIMIT,
      });
      const batches = await store.reports.waitingBatches({ since: WAITING_BATCHES, limit: ATTENTION_LIMIT });
      const items = [
        ...batches.map((batch) =>
          batchItem(batch, approvalsNeeded(batch.total_fen, settings.second_approver_above_fen), ctx.lang),
        ),
        ...payouts.map((payout) => payoutItem(payout, ctx.lang)),
      ];
      return items.sort(oldestFirst).slice(0, ATTENTION_LIMIT);
    },
  }),
} satisfies Partial<{ [K in keyof Operations]: Operation<unknown, Operations[K]['output']> }>;
