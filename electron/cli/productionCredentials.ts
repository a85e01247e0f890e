import type { Database } from '../core/store/database.js';
import { loadCredentials, passphraseCipher, passphraseFromEnv } from '../core/credentials/index.js';
import { UsageError } from './args.js';

/**
 * The production project id and secret key, decrypted in this process only. The passphrase comes from
 * CUP_PAYOUTS_PASSPHRASE; the key itself never reaches output, logs or error messages.
 */
export function loadProductionCredentials(db: Database): { projectId: number; secretKey: string } {
  const credentials = loadCredentials(db, passphraseCipher(passphraseFromEnv()), 'production');
  if (!credentials) {
    throw new UsageError(
      'No production credentials are stored: run `cup-payouts credentials set --db PATH --user NAME --project-id N` first.',
    );
  }
  return credentials;
}
