/**
 * One installation key, two ways to unwrap it: the desktop app's key store (a stand-in SecretCipher here, as
 * Electron cannot run under Node) and the command line's passphrase. Both open the same database; each
 * shell only brings its way in.
 */
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { SecretCipher } from '../../electron/core/credentials/cipher.js';
import { CredentialsError } from '../../electron/core/credentials/errors.js';
import { openConsole, type ConsoleRuntime } from '../../electron/core/app/runtime.js';
import type { KeySources } from '../../electron/core/app/keyring.js';
import { TEST_PASSWORD } from './appHarness.js';

const PASSPHRASE = 'keyring test passphrase';
const anonymous = { lang: 'en' as const, session: null, readsWithoutSession: true };

/** A computer's key store: AES-GCM under a key only this "computer" has. */
function keyStore(available = true): SecretCipher {
  const key = randomBytes(32);
  return {
    kind: 'test-key-store',
    encrypt(plain) {
      if (!available) throw new CredentialsError('ENCRYPTION_UNAVAILABLE', 'no key store');
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', key, iv);
      const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
      return Buffer.concat([iv, cipher.getAuthTag(), body]);
    },
    decrypt(sealed) {
      try {
        const decipher = createDecipheriv('aes-256-gcm', key, sealed.subarray(0, 12));
        decipher.setAuthTag(sealed.subarray(12, 28));
        return Buffer.concat([decipher.update(sealed.subarray(28)), decipher.final()]).toString('utf8');
      } catch {
        throw new CredentialsError('CREDENTIALS_LOCKED', 'another key store');
      }
    },
  };
}

const opened: ConsoleRuntime[] = [];
let dir: string | null = null;

async function open(sources: KeySources): Promise<ConsoleRuntime> {
  dir ??= mkdtempSync(join(tmpdir(), 'cup-keyring-'));
  const runtime = await openConsole({
    databasePath: join(dir, 'console.sqlite'),
    version: 'test',
    logDir: join(dir, 'logs'),
    keySources: sources,
  });
  opened.push(runtime);
  return runtime;
}

afterEach(async () => {
  for (const runtime of opened.splice(0)) await runtime.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
  dir = null;
});

const commandLine: KeySources = { passphrase: async () => PASSPHRASE, passphraseAvailable: () => true };

describe('the installation key', () => {
  it('the desktop app creates it in its key store; the command line gets in once an admin sets a passphrase', async () => {
    const store = keyStore();
    const desktop = await open({ os: () => store });
    expect(
      await desktop.app.call('initialise', { admin: 'admin', password: TEST_PASSWORD }, anonymous),
    ).toMatchObject({ ok: true });
    expect(await desktop.app.call('securityStatus', undefined, anonymous)).toEqual({
      ok: true,
      value: { initialised: true, key: 'unlocked', key_wraps: ['os'] },
    });
    await desktop.close();
    opened.length = 0;

    const cli = await open(commandLine);
    const locked = await cli.app.call('signIn', { name: 'admin', password: TEST_PASSWORD }, anonymous);
    expect(locked).toMatchObject({ ok: false, error: { code: 'KEY_NEEDS_OS_STORE' } });
    await cli.close();
    opened.length = 0;

    const again = await open({ os: () => store });
    const signedIn = await again.app.call('signIn', { name: 'admin', password: TEST_PASSWORD }, anonymous);
    expect(signedIn.ok).toBe(true);
    const admin = { lang: 'en' as const, session: (signedIn as { value: { token: string } }).value.token };
    expect(await again.app.call('setPassphrase', { passphrase: 'too short' }, admin)).toMatchObject({
      ok: false,
      error: { code: 'PASSPHRASE_WEAK' },
    });
    expect(await again.app.call('setPassphrase', { passphrase: PASSPHRASE }, admin)).toEqual({
      ok: true,
      value: { key_wraps: ['passphrase', 'os'] },
    });
    await again.close();
    opened.length = 0;

    const cliAgain = await open(commandLine);
    expect(
      (await cliAgain.app.call('signIn', { name: 'admin', password: TEST_PASSWORD }, anonymous)).ok,
    ).toBe(true);
    const verified = await cliAgain.app.call('verifyAudit', undefined, anonymous);
    expect(verified).toMatchObject({ ok: true, value: { ok: true } });
  });

  it('a database the command line made opens in the desktop app once with its passphrase, then by the key store', async () => {
    const cli = await open(commandLine);
    expect(
      (
        await cli.app.call(
          'initialise',
          { admin: 'admin', password: TEST_PASSWORD, passphrase: PASSPHRASE },
          anonymous,
        )
      ).ok,
    ).toBe(true);
    await cli.close();
    opened.length = 0;

    const store = keyStore();
    const desktop = await open({ os: () => store });
    expect(
      await desktop.app.call('signIn', { name: 'admin', password: TEST_PASSWORD }, anonymous),
    ).toMatchObject({
      ok: false,
      error: { code: 'KEY_NEEDS_PASSPHRASE' },
    });
    expect(
      await desktop.app.call('unlockKey', { passphrase: 'not the passphrase' }, anonymous),
    ).toMatchObject({
      ok: false,
      error: { code: 'CREDENTIALS_LOCKED' },
    });
    expect(await desktop.app.call('unlockKey', { passphrase: PASSPHRASE }, anonymous)).toEqual({
      ok: true,
      value: { initialised: true, key: 'unlocked', key_wraps: ['passphrase', 'os'] },
    });
    await desktop.close();
    opened.length = 0;

    const nextStart = await open({ os: () => store });
    expect(
      (await nextStart.app.call('signIn', { name: 'admin', password: TEST_PASSWORD }, anonymous)).ok,
    ).toBe(true);
  });

  it('without a usable key store, the passphrase alone guards the key; without either nothing is created', async () => {
    const noStore = keyStore(false);
    const refused = await open({ os: () => noStore });
    expect(
      await refused.app.call('initialise', { admin: 'admin', password: TEST_PASSWORD }, anonymous),
    ).toMatchObject({
      ok: false,
      error: { code: 'ENCRYPTION_UNAVAILABLE' },
    });
    expect(await refused.app.call('securityStatus', undefined, anonymous)).toMatchObject({
      value: { initialised: false, key: 'none' },
    });
    const withPassphrase = await refused.app.call(
      'initialise',
      { admin: 'admin', password: TEST_PASSWORD, passphrase: PASSPHRASE },
      anonymous,
    );
    expect(withPassphrase.ok).toBe(true);
    expect(await refused.app.call('securityStatus', undefined, anonymous)).toMatchObject({
      value: { key_wraps: ['passphrase'] },
    });
  });

  it('a wrong passphrase on the command line opens nothing, and the message never holds it', async () => {
    const cli = await open(commandLine);
    await cli.app.call(
      'initialise',
      { admin: 'admin', password: TEST_PASSWORD, passphrase: PASSPHRASE },
      anonymous,
    );
    await cli.close();
    opened.length = 0;
    const wrong = await open({
      passphrase: async () => 'guessing the passphrase',
      passphraseAvailable: () => true,
    });
    const answer = await wrong.app.call('signIn', { name: 'admin', password: TEST_PASSWORD }, anonymous);
    expect(answer).toMatchObject({ ok: false, error: { code: 'CREDENTIALS_LOCKED' } });
    expect(JSON.stringify(answer)).not.toContain('guessing');
  });
});
