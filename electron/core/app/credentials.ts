/**
 * The provider credentials: set (or replace), delete, and "are they set?". The secret key only ever goes in:
 * no operation returns it, and it is sealed before it reaches the store.
 */
import type { Operations } from '../../contract/operations.js';
import type { CredentialsStatus } from '../../contract/records.js';
import { CredentialsError } from '../credentials/errors.js';
import { checkProjectId, checkSecretKey, openSealedSecret } from '../credentials/secrets.js';
import type { SealedCredentials } from '../store/ports.js';
import { AppError } from './errors.js';
import { fieldsOf, oneOf, optionalBoolean } from './input.js';
import { mutation, query, requireStore, type Operation } from './operation.js';

const ENVIRONMENTS = ['production'] as const;

function environmentOf(raw: unknown) {
  return oneOf(fieldsOf(raw)['environment'] ?? 'production', ENVIRONMENTS, 'environment');
}

function statusOf(stored: SealedCredentials | null): CredentialsStatus {
  if (!stored) return { environment: 'production', stored: false };
  return {
    environment: stored.environment,
    stored: true,
    project_id: stored.projectId,
    cipher_kind: stored.cipherKind,
    updated_at: stored.updatedAt,
    updated_by: stored.updatedBy,
  };
}

export const credentialHandlers = {
  credentialsStatus: query({
    input: (raw) => ({ environment: environmentOf(raw) }),
    async run(ctx, { environment }) {
      return statusOf(await requireStore(ctx).credentials.get(environment));
    },
  }),

  setCredentials: mutation({
    action: 'credentials.set',
    input: (raw) => {
      const fields = fieldsOf(raw);
      return {
        environment: environmentOf(raw),
        projectId: checkProjectId(fields['projectId']),
        secretKey: checkSecretKey(fields['secretKey']),
        replace: optionalBoolean(fields['replace'], 'replace'),
      };
    },
    async run(ctx, { environment, projectId, secretKey, replace }) {
      const cipher = ctx.cipher();
      const existing = await ctx.store.credentials.get(environment);
      if (existing) {
        if (!replace) throw new AppError('CREDENTIALS_ALREADY_SET');
        // Replacing credentials this cipher cannot open would silently move them to another passphrase (or
        // away from the desktop app's key store): an explicit delete must come first.
        try {
          openSealedSecret(existing, cipher);
        } catch (error) {
          if (error instanceof CredentialsError && error.code === 'CREDENTIALS_LOCKED')
            throw new AppError('CREDENTIALS_NOT_REPLACEABLE');
          throw error;
        }
      }
      // Sealed before the store's transaction: key derivation takes tens of milliseconds.
      const sealed = cipher.encrypt(secretKey);
      await ctx.store.credentials.put(
        { environment, projectId, sealed, cipherKind: cipher.kind },
        // Ids only: the audit trail is exported and shown, the secret never goes there.
        ctx.audit({
          environment,
          project_id: projectId,
          cipher_kind: cipher.kind,
          replaced: existing !== null,
        }),
      );
      // The connection to the provider may hold the old key.
      await ctx.sending.reconfigure();
      return statusOf(await ctx.store.credentials.get(environment));
    },
  }),

  deleteCredentials: mutation({
    action: 'credentials.delete',
    input: (raw) => ({ environment: environmentOf(raw) }),
    async run(ctx, { environment }) {
      const existing = await ctx.store.credentials.get(environment);
      if (!existing) return { deleted: false };
      const deleted = await ctx.store.credentials.remove(
        environment,
        ctx.audit({ environment, project_id: existing.projectId }),
      );
      await ctx.sending.reconfigure();
      return { deleted };
    },
  }),
} satisfies Partial<{ [K in keyof Operations]: Operation<unknown, Operations[K]['output']> }>;
