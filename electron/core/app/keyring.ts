/**
 * The installation key of one database: one random key protects everything secret in it (payee data,
 * provider secrets, the audit chain, approval seals). It is stored only wrapped, once per way of unlocking:
 *
 * - by the passphrase (scrypt + AES-256-GCM): the command line unlocks with it (CUP_PAYOUTS_PASSPHRASE or a
 *   prompt), and it is the way back in on any computer;
 * - by this computer's key store (Electron safeStorage): the desktop app unlocks without asking.
 *
 * Both wrap the same key, so the desktop app and the command line read the same database: the key in the
 * database is the one source of truth, and each shell only brings a way to unwrap it.
 */
import type { SecurityStatus } from '../../contract/records.js';
import { CredentialsError } from '../credentials/errors.js';
import { passphraseCipher, type SecretCipher } from '../credentials/cipher.js';
import { openSealedSecret } from '../credentials/secrets.js';
import { storeProtection, type FieldCipher } from './payeeProtection.js';
import {
  createFieldCipher,
  deriveKeys,
  generateInstallationKey,
  installationKeyCipher,
  keyFingerprint,
  newPassphraseProblem,
  unwrapKeyWithPassphrase,
  wrapKeyWithPassphrase,
  type InstallationKeys,
} from '../security/index.js';
import type { ConsoleStore } from '../store/ports.js';
import type { AuditRecord } from '../store/types.js';
import { AppError } from './errors.js';

/** The key, unlocked, and what it opens. */
export interface UnlockedKeys {
  keys: InstallationKeys;
  /** Payee data: card numbers, ID numbers, phones. */
  fields: FieldCipher;
  /** Provider secrets (the Gate secret key, Computop passwords, the Data API token). */
  secrets: SecretCipher;
}

/** What a shell brings to unwrap the key. */
export interface KeySources {
  /** The passphrase: the environment or a prompt (the command line). Throws PASSPHRASE_MISSING when none. */
  passphrase?: () => Promise<string>;
  /** Whether a passphrase can be had without asking a person (the environment): reads may try it quietly. */
  passphraseAvailable?: () => boolean;
  /** This computer's key store (the desktop app). */
  os?: () => SecretCipher;
}

export interface Keyring {
  status(): Promise<SecurityStatus['key']>;
  wraps(): Promise<SecurityStatus['key_wraps']>;
  /** Unlocks with what the shell brings (KEY_MISSING before `init`; CREDENTIALS_LOCKED on a wrong passphrase). */
  unlock(): Promise<UnlockedKeys>;
  /** Unlocks only when that needs nobody to type anything (a passphrase in the environment, the OS key store). */
  unlockQuietly(): Promise<UnlockedKeys | null>;
  /** Unlocks with a passphrase given now (the desktop app on a database the command line created). */
  unlockWith(passphrase: string): Promise<UnlockedKeys>;
  /** Creates the key (`init`, the desktop app's first start): wrapped by the passphrase and/or the OS store. */
  create(
    passphrase: string | null,
    audit: (details: Record<string, unknown>) => AuditRecord,
  ): Promise<UnlockedKeys>;
  /** Adds (or replaces) the passphrase wrapping; the key must be unlocked. */
  setPassphrase(passphrase: string, audit: AuditRecord): Promise<void>;
}

export function createKeyring(store: ConsoleStore | null, sources: KeySources, now: () => Date): Keyring {
  let unlocked: UnlockedKeys | null = null;
  // The raw key stays in this closure: only a new wrapping of it ever needs it.
  let rawKey: Buffer | null = null;
  let unlocking: Promise<UnlockedKeys> | null = null;

  function requireStore(): ConsoleStore {
    if (!store) throw new AppError('NO_DATABASE', { path: '—' });
    return store;
  }

  /** Makes `key` this console's: the store chains audit entries with it and protects older data. */
  async function adopt(key: Buffer, legacy: SecretCipher[]): Promise<UnlockedKeys> {
    const s = requireStore();
    const keys = deriveKeys(key);
    const fields = createFieldCipher(keys);
    const result: UnlockedKeys = { keys, fields, secrets: installationKeyCipher(keys) };
    const { chainer, protection } = storeProtection(keys, fields);
    await s.security.unlock(chainer, protection);
    await resealLegacyCredentials(s, result.secrets, legacy, now);
    rawKey = key;
    unlocked = result;
    return result;
  }

  async function unwrap(): Promise<UnlockedKeys> {
    const s = requireStore();
    const wraps = await s.security.keyWraps();
    if (wraps.passphrase === null && wraps.os === null) throw new AppError('KEY_MISSING');
    const os = sources.os?.();
    if (os && wraps.os !== null && wraps.osKind === os.kind) {
      let key: Buffer | null = null;
      try {
        key = Buffer.from(os.decrypt(wraps.os), 'base64');
      } catch (error) {
        // Another computer's or user's key store (a copied database): the passphrase still opens it.
        if (!(error instanceof CredentialsError) || wraps.passphrase === null) throw error;
      }
      if (key) return adopt(key, [os]);
    }
    // Only another way in exists: the desktop app's key store (on this computer or another).
    if (wraps.passphrase === null) throw new AppError('KEY_NEEDS_OS_STORE');
    if (!sources.passphrase) throw new AppError('KEY_NEEDS_PASSPHRASE');
    return unlockWithPassphrase(await sources.passphrase());
  }

  async function unlockWithPassphrase(passphrase: string): Promise<UnlockedKeys> {
    const s = requireStore();
    const wraps = await s.security.keyWraps();
    if (wraps.passphrase === null)
      throw new AppError(wraps.os === null ? 'KEY_MISSING' : 'KEY_NEEDS_OS_STORE');
    const key = await unwrapKeyWithPassphrase(wraps.passphrase, passphrase);
    const os = sources.os?.();
    const result = await adopt(key, [passphraseCipher(passphrase), ...(os ? [os] : [])]);
    // The desktop app unlocked with the passphrase once: from now on this computer's key store opens it.
    if (os && wraps.os === null) await wrapForOsIfAvailable(s, key, os, true);
    return result;
  }

  return {
    async status() {
      if (unlocked) return 'unlocked';
      if (!store) return 'none';
      const wraps = await store.security.keyWraps();
      return wraps.passphrase === null && wraps.os === null ? 'none' : 'locked';
    },
    async wraps() {
      if (!store) return [];
      const wraps = await store.security.keyWraps();
      return [
        ...(wraps.passphrase !== null ? (['passphrase'] as const) : []),
        ...(wraps.os !== null ? (['os'] as const) : []),
      ];
    },
    unlock() {
      if (unlocked) return Promise.resolve(unlocked);
      unlocking ??= unwrap().finally(() => {
        unlocking = null;
      });
      return unlocking;
    },
    async unlockQuietly() {
      if (unlocked) return unlocked;
      if (!store) return null;
      const wraps = await store.security.keyWraps();
      const osReady = sources.os !== undefined && wraps.os !== null;
      if (!osReady && !(sources.passphraseAvailable?.() ?? false)) return null;
      return this.unlock();
    },
    async unlockWith(passphrase) {
      if (unlocked) return unlocked;
      return unlockWithPassphrase(passphrase);
    },
    async create(passphrase, audit) {
      const s = requireStore();
      const wraps = await s.security.keyWraps();
      if (wraps.fingerprint !== null) throw new AppError('KEY_EXISTS');
      let os = sources.os?.();
      if (passphrase === null && !os) throw new AppError('KEY_NEEDS_PASSPHRASE');
      if (passphrase !== null) checkNewPassphrase(passphrase);
      const key = generateInstallationKey();
      const fingerprint = keyFingerprint(key);
      if (passphrase !== null) {
        await s.security.putKeyWrap(
          { kind: 'passphrase', wrapped: await wrapKeyWithPassphrase(key, passphrase), fingerprint },
          null,
        );
      }
      // Without a usable key store (Linux without a keyring) the passphrase alone guards the key: the desktop
      // app then asks for it at each start (unlockKey). Without a passphrase either, nothing is created.
      if (os && !(await wrapForOsIfAvailable(s, key, os, passphrase !== null))) os = undefined;
      const legacy = passphrase !== null ? [passphraseCipher(passphrase)] : [];
      const result = await adopt(key, os ? [...legacy, os] : legacy);
      await s.audit.append(audit({ fingerprint, wraps: await this.wraps() }));
      return result;
    },
    async setPassphrase(passphrase, audit) {
      const s = requireStore();
      checkNewPassphrase(passphrase);
      if (!rawKey) await this.unlock();
      const key = rawKey as Buffer;
      await s.security.putKeyWrap(
        {
          kind: 'passphrase',
          wrapped: await wrapKeyWithPassphrase(key, passphrase),
          fingerprint: keyFingerprint(key),
        },
        audit,
      );
    },
  };
}

/** A new passphrase must be long enough to resist guessing against a stolen file; its text is never shown. */
function checkNewPassphrase(passphrase: string): void {
  const problem = newPassphraseProblem(passphrase);
  if (problem !== null) throw new AppError('PASSPHRASE_WEAK', { reason: problem });
}

/**
 * Wraps the key for the OS key store; when the computer offers no real encryption and the passphrase already
 * guards the key (`optional`), returns false instead of failing.
 */
async function wrapForOsIfAvailable(
  store: ConsoleStore,
  key: Buffer,
  os: SecretCipher,
  optional: boolean,
): Promise<boolean> {
  try {
    await wrapForOs(store, key, os);
    return true;
  } catch (error) {
    if (optional && error instanceof CredentialsError && error.code === 'ENCRYPTION_UNAVAILABLE')
      return false;
    throw error;
  }
}

async function wrapForOs(store: ConsoleStore, key: Buffer, os: SecretCipher): Promise<void> {
  // safeStorage seals strings: the key travels as base64.
  await store.security.putKeyWrap(
    {
      kind: 'os',
      wrapped: os.encrypt(key.toString('base64')),
      fingerprint: keyFingerprint(key),
      osKind: os.kind,
    },
    null,
  );
}

/**
 * Provider credentials sealed before the installation key existed (by the passphrase itself, or by the OS
 * key store) are sealed again under the key, when one of the ciphers that sealed them is at hand.
 */
async function resealLegacyCredentials(
  store: ConsoleStore,
  secrets: SecretCipher,
  legacy: readonly SecretCipher[],
  now: () => Date,
): Promise<void> {
  const stored = await store.credentials.get('production');
  if (!stored || stored.cipherKind === secrets.kind) return;
  const cipher = legacy.find((c) => c.kind === stored.cipherKind);
  if (!cipher) return;
  let secretKey: string;
  try {
    secretKey = openSealedSecret(stored, cipher);
  } catch (error) {
    if (error instanceof CredentialsError) return; // left as it is: `credentials set --replace` after a delete
    throw error;
  }
  await store.credentials.put(
    {
      environment: stored.environment,
      projectId: stored.projectId,
      sealed: secrets.encrypt(secretKey),
      cipherKind: secrets.kind,
    },
    {
      actor: 'console',
      action: 'credentials.protect',
      at: now().toISOString(),
      batchId: null,
      details: {
        environment: stored.environment,
        project_id: stored.projectId,
        from: stored.cipherKind,
        to: secrets.kind,
      },
    },
  );
}
