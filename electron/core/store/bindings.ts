import type { BatchRecord, EnvironmentBinding } from './types.js';

/** Where a batch is bound, from its columns; null while it has never been sent. */
export function bindingOfBatch(
  batch: Pick<BatchRecord, 'environment' | 'gate_url' | 'project_id' | 'merchant_id'>,
): EnvironmentBinding | null {
  if (batch.environment === null || batch.project_id === null) return null;
  const binding: EnvironmentBinding = {
    environment: batch.environment,
    gateUrl: batch.gate_url,
    projectId: batch.project_id,
  };
  if (batch.merchant_id !== null) binding.merchantId = batch.merchant_id;
  return binding;
}
