/**
 * The provider credentials: set (or replace), delete, and "are they set?". The secret key only ever goes in:
 * no operation returns it, and it is sealed before it reaches the store.
 */
import type { Operations } from '../../contract/operations.js';
import {
  SECRET_PROVIDERS,
  type CredentialsStatus,
  type ProviderCredentialsStatus,
  type SecretProvider,
} from '../../contract/records.js';
import { CredentialsError } from '../credentials/errors.js';
import { checkProjectId, checkSecretKey, openSealedSecret } from '../credentials/secrets.js';
import type { SealedCredentials, SealedProviderSecrets } from '../store/ports.js';
import { AppError } from './errors.js';
import { EXPECT } from './expected.js';
import { fieldsOf, invalid, oneOf, optionalBoolean } from './input.js';
import type { MutationContext } from './context.js';
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

function providerStatusOf(
  provider: SecretProvider,
  stored: SealedProviderSecrets | null,
): ProviderCredentialsStatus {
  if (!stored) return { provider, stored: false };
  return {
    provider,
    stored: true,
    public_id: stored.publicValue,
    cipher_kind: stored.cipherKind,
    updated_at: stored.updatedAt,
    updated_by: stored.updatedBy,
  };
}

/** A secret as given: text, not blank, no spaces around it (a copy-paste accident); never echoed. */
function secretText(value: unknown, field: string): string {
  if (typeof value !== 'string' || value.length > 4096) throw invalid(field, EXPECT.text);
  if (value === '')
    throw new CredentialsError('INVALID_CREDENTIALS', `${field} is empty`, { reason: 'secret_empty' });
  if (value.trim() !== value)
    throw new CredentialsError('INVALID_CREDENTIALS', `${field} has spaces around it`, {
      reason: 'secret_whitespace',
    });
  return value;
}

/**
 * Stores a provider's secrets sealed together under the installation key. Replacing needs `replace`, and the
 * audit entry names the provider and what is public (the merchant id), never a secret.
 */
async function storeProviderSecrets(
  ctx: MutationContext,
  provider: SecretProvider,
  publicValue: string | null,
  secrets: Record<string, string>,
  replace: boolean,
): Promise<ProviderCredentialsStatus> {
  const cipher = (await ctx.keyring.unlock()).secrets;
  const existing = await ctx.store.providerSecrets.get(provider);
  if (existing && !replace) throw new AppError('CREDENTIALS_ALREADY_SET');
  await ctx.store.providerSecrets.put(
    { provider, publicValue, sealed: cipher.encrypt(JSON.stringify(secrets)), cipherKind: cipher.kind },
    ctx.audit({ provider, public_id: publicValue, replaced: existing !== null, cipher_kind: cipher.kind }),
  );
  return providerStatusOf(provider, await ctx.store.providerSecrets.get(provider));
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
      const cipher = (await ctx.keyring.unlock()).secrets;
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

  setComputopCredentials: mutation({
    action: 'credentials.set',
    input: (raw) => {
      const fields = fieldsOf(raw);
      const merchantId = typeof fields['merchantId'] === 'string' ? fields['merchantId'].trim() : '';
      if (merchantId === '' || merchantId.length > 64) throw invalid('merchantId', EXPECT.text);
      return {
        merchantId,
        hmacPassword: secretText(fields['hmacPassword'], 'hmacPassword'),
        blowfishPassword: secretText(fields['blowfishPassword'], 'blowfishPassword'),
        replace: optionalBoolean(fields['replace'], 'replace'),
      };
    },
    run: (ctx, { merchantId, hmacPassword, blowfishPassword, replace }) =>
      storeProviderSecrets(ctx, 'computop', merchantId, { hmacPassword, blowfishPassword }, replace),
  }),

  setDataApiCredentials: mutation({
    action: 'credentials.set',
    input: (raw) => {
      const fields = fieldsOf(raw);
      return {
        token: secretText(fields['token'], 'token'),
        secret: secretText(fields['secret'], 'secret'),
        replace: optionalBoolean(fields['replace'], 'replace'),
      };
    },
    run: (ctx, { token, secret, replace }) =>
      storeProviderSecrets(ctx, 'data_api', null, { token, secret }, replace),
  }),

  providerCredentialsStatus: query({
    input: () => undefined,
    async run(ctx) {
      const store = requireStore(ctx);
      return Promise.all(
        SECRET_PROVIDERS.map(async (provider) =>
          providerStatusOf(provider, await store.providerSecrets.get(provider)),
        ),
      );
    },
  }),

  deleteProviderCredentials: mutation({
    action: 'credentials.delete',
    input: (raw) => ({ provider: oneOf(fieldsOf(raw)['provider'], SECRET_PROVIDERS, 'provider') }),
    async run(ctx, { provider }) {
      const existing = await ctx.store.providerSecrets.get(provider);
      if (!existing) return { deleted: false };
      return {
        deleted: await ctx.store.providerSecrets.remove(
          provider,
          ctx.audit({ provider, public_id: existing.publicValue }),
        ),
      };
    },
  }),
} satisfies Partial<{ [K in keyof Operations]: Operation<unknown, Operations[K]['output']> }>;
