/**
 * The installation key as stored: only ever wrapped, once per way of unlocking it (the passphrase; this
 * computer's key store). Both wrap the same key, so the desktop app and the command line read the same data.
 */
import type { Database } from 'better-sqlite3';
import type { KeyWrapKind, KeyWraps } from '../ports.js';
import type { AuditRecord } from '../types.js';
import { appendAudit } from './audit.js';

const META_KEY: Record<KeyWrapKind, string> = { passphrase: 'key.passphrase', os: 'key.os' };

export function keyWraps(db: Database): KeyWraps {
  const rows = db
    .prepare<[], { key: string; value: string }>(`SELECT key, value FROM meta WHERE key LIKE 'key.%'`)
    .all();
  const value = (key: string) => rows.find((row) => row.key === key)?.value ?? null;
  const wrapped = (key: string) => {
    const text = value(key);
    return text === null ? null : Buffer.from(text, 'base64');
  };
  return {
    passphrase: wrapped(META_KEY.passphrase),
    os: wrapped(META_KEY.os),
    osKind: value('key.os_kind'),
    fingerprint: value('key.fingerprint'),
  };
}

/**
 * Stores one wrapping of the key. The first one also records the key's fingerprint; a wrapping of another
 * key is refused (one installation, one key). The audit entry, when given, is written after the wrap (it is
 * chained with the key the wrap holds).
 */
export function putKeyWrap(
  db: Database,
  wrap: { kind: KeyWrapKind; wrapped: Buffer; fingerprint: string; osKind?: string },
  audit: AuditRecord | null,
): void {
  db.transaction(() => {
    const existing = keyWraps(db).fingerprint;
    if (existing !== null && existing !== wrap.fingerprint)
      throw new Error('refusing to store a wrapping of another installation key');
    const put = db.prepare(
      'INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value',
    );
    put.run(META_KEY[wrap.kind], wrap.wrapped.toString('base64'));
    put.run('key.fingerprint', wrap.fingerprint);
    if (wrap.osKind !== undefined) put.run('key.os_kind', wrap.osKind);
    if (audit) appendAudit(db, audit);
  }).immediate();
}
