import type { SandboxContext } from '../context.js';
import { jsonReply, type Reply } from '../http.js';
import { bankListItem, type SandboxMethod } from '../methods.js';
import { checkGateRequest } from '../requestAuth.js';

/**
 * `POST /v2/info/banks/chinaunionpay/payout/list` and `/v2/info/banks/{method}/payout/list`: the
 * method's banks as an unsigned JSON array, after the usual signature and project checks.
 */
export function handleBankList(ctx: SandboxContext, method: SandboxMethod, raw: string): Reply {
  const checked = checkGateRequest(raw, ctx.options.projectId, ctx.options.secretKey);
  if (!checked.ok) return checked.reply;
  return jsonReply(
    200,
    method.banks.map((bank) => bankListItem(bank, method)),
  );
}
