/** What an exception means, in plain words in the reader's language. */
import { stateName } from '../i18n/payoutReasons.js';
import { formatFen } from '../money.js';
import type { Lang } from '../types.js';
import type { FoundException } from './match.js';

function money(fen: number | null, currency: string | null): string {
  return fen === null ? '—' : `${formatFen(fen)} ${currency ?? ''}`.trim();
}

function state(value: string | null, lang: Lang): string {
  return value === null ? '—' : stateName(value, lang);
}

export function exceptionDetail(e: FoundException, lang: Lang): string {
  const consoleMoney = money(e.console_amount_fen, e.console_currency);
  const providerMoney = money(e.provider_amount_fen, e.provider_currency);
  const consoleState = state(e.console_status, lang);
  const providerState = state(e.provider_status, lang);
  const zh = lang === 'zh-CN';
  switch (e.kind) {
    case 'missing_at_provider':
      return zh
        ? `控制台已发送该付款（${consoleMoney}，${consoleState}），但服务商的记录中没有它。`
        : `The console sent this payout (${consoleMoney}, ${consoleState}) but the provider's operations do not show it.`;
    case 'unknown_at_console':
      return zh
        ? `服务商有一笔控制台不认识的付款（${providerMoney}，${providerState}）。`
        : `The provider shows a payout the console does not know (${providerMoney}, ${providerState}).`;
    case 'amount_mismatch':
      return zh
        ? `金额不符：控制台 ${consoleMoney}，服务商 ${providerMoney}。`
        : `Amounts differ: the console has ${consoleMoney}, the provider ${providerMoney}.`;
    case 'status_mismatch':
      return zh
        ? `状态不符：控制台为“${consoleState}”，服务商为“${providerState}”。`
        : `Statuses differ: the console says ${consoleState}, the provider ${providerState}.`;
    case 'duplicate':
      return zh
        ? `服务商显示该付款有多笔成功的付款操作（${e.provider_operation_ids.join('、')}）：可能重复付款。`
        : `The provider shows more than one successful payout operation for this payment (${e.provider_operation_ids.join(', ')}): it may have been paid twice.`;
  }
}
