/**
 * `validate --preview N`: the request bodies the first payable rows would be sent as, exactly as the request
 * builder makes them for the environment the settings choose, with the card number masked and no signature.
 */
import type { RequestPreview } from '../../contract/records.js';
import { maskPan } from '../i18n/mask.js';
import { maskIdNumber, maskPhone } from '../security/index.js';
import type { IntakeResult } from '../intake.js';
import { previewPayoutRequest } from '../providers/ecommpay/payoutRequest.js';
import { productionEndpoint, sandboxEndpoint } from '../providers/ecommpay/endpoints.js';
import type { MethodId } from '../types.js';
import type { OperationContext } from './context.js';
import { resolveSendingConfig } from './sendingConfig.js';
import type { Settings } from './settingsModel.js';

export async function requestPreviews(
  ctx: OperationContext,
  validation: IntakeResult,
  settings: Settings,
  method: MethodId,
  count: number,
): Promise<RequestPreview[]> {
  const config = resolveSendingConfig(settings);
  // Production's project id when credentials are stored; the secret is never needed for a preview.
  const stored =
    settings.environment === 'production' ? await ctx.store?.credentials.get('production') : null;
  const endpoint =
    settings.environment === 'production'
      ? productionEndpoint(stored?.projectId ?? 0, '', settings.production_gate_url ?? undefined)
      : sandboxEndpoint('');
  const regions = new Map(ctx.reference.regions.map((region) => [region.id, region]));
  const previews: RequestPreview[] = [];
  for (const row of validation.rows) {
    if (previews.length >= count) break;
    const p = row.payout;
    // Only rows that can be stored make a request.
    if (row.status === 'error' || p.amount_fen === null || p.bank_id === null || p.region_id === null)
      continue;
    const payout = { ...p, amount_fen: p.amount_fen, bank_id: p.bank_id, region_id: p.region_id };
    previews.push({
      line: row.line,
      payment_id: p.payment_id,
      path: endpoint.payoutPaths[method],
      body: maskPayeeValues(
        previewPayoutRequest(payout, endpoint, config.payoutDefaults, maskPan, regions.get(p.region_id)),
        p,
      ),
    });
  }
  return previews;
}

/**
 * The payee's ID number and phone masked wherever the request carries them (the card number is masked by
 * the builder): a preview shows the request's shape and values, never the payee's data in clear.
 */
function maskPayeeValues<T>(body: T, payout: { id_number: string; phone: string }): T {
  const masks = new Map<string, string>();
  if (payout.id_number) masks.set(payout.id_number, maskIdNumber(payout.id_number));
  const phoneDigits = payout.phone.replace(/\D/g, '');
  if (phoneDigits) {
    masks.set(phoneDigits, maskPhone(phoneDigits));
    masks.set(payout.phone, maskPhone(payout.phone));
  }
  return JSON.parse(JSON.stringify(body), (_key, value: unknown) =>
    typeof value === 'string' && masks.has(value) ? masks.get(value) : value,
  ) as T;
}
