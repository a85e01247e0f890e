/**
 * Accounts and sessions: the first admin, signing in and out, locking and unlocking, and the admin's
 * management of accounts. Passwords are hashed with scrypt; names are normalised (NFKC, case-folded, no
 * invisible characters) and a name that looks like an existing one (Cyrillic а for a) is refused.
 */
import type { Operations } from '../../contract/operations.js';
import { ROLES, type Role, type SessionView, type UserView } from '../../contract/records.js';
import {
  accountNameProblem,
  confusableSkeleton,
  hashPassword,
  normaliseAccountName,
  passwordWeakness,
  verifyPassword,
} from '../security/index.js';
import type { ConsoleStore, UserRecord } from '../store/ports.js';
import { StoreError } from '../store/errors.js';
import type { OperationContext } from './context.js';
import { AppError } from './errors.js';
import { EXPECT } from './expected.js';
import { fieldsOf, invalid, optionalText } from './input.js';
import { mutation, principalOf, query, requireStore, type Operation } from './operation.js';
import { readSettings } from './settingsModel.js';

const MAX_PASSWORD = 1024;

export function userView(user: UserRecord, nowIso: string): UserView {
  return {
    name: user.name,
    display_name: user.display_name,
    roles: user.roles,
    disabled: user.disabled_at !== null,
    locked_until: user.locked_until !== null && user.locked_until > nowIso ? user.locked_until : null,
    must_change_password: user.must_change_password,
    created_at: user.created_at,
    created_by: user.created_by,
  };
}

function accountName(raw: unknown): { name: string; displayName: string } {
  const typed = optionalText(raw, 'name', 256);
  if (typed === undefined) throw invalid('name', EXPECT.text);
  const problem = accountNameProblem(typed);
  if (problem !== null) throw new AppError('ACCOUNT_NAME_INVALID', { reason: problem });
  return { name: normaliseAccountName(typed), displayName: typed.trim() };
}

function password(raw: unknown, field = 'password'): string {
  if (typeof raw !== 'string' || raw === '' || raw.length > MAX_PASSWORD) throw invalid(field, EXPECT.text);
  return raw;
}

function roles(raw: unknown): Role[] {
  const list = typeof raw === 'string' ? raw.split(',') : raw;
  if (!Array.isArray(list) || list.length === 0)
    throw new AppError('ROLE_INVALID', { roles: ROLES.join(',') });
  const out = new Set<Role>();
  for (const item of list) {
    const role = typeof item === 'string' ? item.trim().toLowerCase() : '';
    if (!(ROLES as readonly string[]).includes(role))
      throw new AppError('ROLE_INVALID', { roles: ROLES.join(',') });
    out.add(role as Role);
  }
  return [...out];
}

/** A new password must be strong enough; the reason is named, the password never shown. */
function checkStrength(passwordText: string, name: string): void {
  const weakness = passwordWeakness(passwordText, name);
  if (weakness !== null) throw new AppError('PASSWORD_WEAK', { reason: weakness });
}

/** A new account's name: free, and not a look-alike of a name in use. */
async function checkNameFree(store: ConsoleStore, name: string, skeleton: string): Promise<void> {
  if (await store.users.byName(name)) throw new AppError('USER_EXISTS', { user: name });
  const lookalike = await store.users.bySkeleton(skeleton);
  if (lookalike) throw new AppError('USER_CONFUSABLE', { user: lookalike.name });
}

// A hash to verify against when the name is unknown: the answer takes as long as for a real account.
let dummyHash: Promise<string> | null = null;

async function signIn(ctx: OperationContext, name: string, passwordText: string) {
  const store = requireStore(ctx);
  // Failed sign-ins are audited, and audit entries are chained with the installation key.
  await ctx.keyring.unlock();
  if ((await store.users.count()) === 0) throw new AppError('NOT_INITIALISED');
  const settings = readSettings(await store.settings.all());
  const now = ctx.now();
  const nowIso = now.toISOString();
  const user = await store.users.byName(name);
  if (!user) dummyHash ??= hashPassword('not a password of anybody');
  const matches = await verifyPassword(
    passwordText,
    user?.password_hash ?? (await (dummyHash as Promise<string>)),
  );
  const audit = (action: string, details: Record<string, unknown>) => ({
    actor: user?.name ?? name.slice(0, 64),
    action,
    at: nowIso,
    batchId: null,
    details,
  });
  if (user && user.locked_until !== null && user.locked_until > nowIso) {
    await store.audit.append(
      audit('auth.sign_in_failed', { reason: 'locked', locked_until: user.locked_until }),
    );
    throw new AppError('ACCOUNT_LOCKED', { user: user.name, until: user.locked_until });
  }
  if (!user || !matches || user.disabled_at !== null) {
    const reason = !user ? 'unknown_user' : user.disabled_at !== null ? 'disabled' : 'wrong_password';
    if (user && reason === 'wrong_password') {
      const failed = user.failed_logins + 1;
      const lock = failed >= settings.lockout.attempts;
      const lockedUntil = lock
        ? new Date(now.getTime() + settings.lockout.minutes * 60_000).toISOString()
        : null;
      await store.users.update(
        user.name,
        { failedLogins: lock ? 0 : failed, lockedUntil },
        audit('auth.sign_in_failed', { reason, failed, ...(lock ? { locked_until: lockedUntil } : {}) }),
      );
      if (lock) throw new AppError('ACCOUNT_LOCKED', { user: user.name, until: lockedUntil });
    } else {
      await store.audit.append(audit('auth.sign_in_failed', { reason }));
    }
    // One answer for an unknown name and a wrong password: names are not confirmed to a guesser.
    throw new AppError('SIGN_IN_FAILED');
  }
  await store.users.update(user.name, { failedLogins: 0, lockedUntil: null }, audit('auth.sign_in', {}));
  const token = ctx.sessions.open(user.name, now.getTime());
  const session: SessionView = { user: userView(user, nowIso), idle_minutes: settings.session_idle_minutes };
  return { token, session };
}

export const accountHandlers = {
  securityStatus: query({
    audience: 'public',
    input: () => undefined,
    async run(ctx) {
      const initialised = ctx.store ? (await ctx.store.users.count()) > 0 : false;
      return { initialised, key: await ctx.keyring.status(), key_wraps: await ctx.keyring.wraps() };
    },
  }),

  /** The first admin (and the installation key, on a new database). Only while no account exists. */
  initialise: query({
    audience: 'public',
    input: (raw) => {
      const fields = fieldsOf(raw);
      const passphrase = fields['passphrase'];
      if (passphrase !== undefined && passphrase !== null && typeof passphrase !== 'string')
        throw invalid('passphrase', EXPECT.text);
      return {
        admin: accountName(fields['admin']),
        password: password(fields['password']),
        passphrase: passphrase ?? null,
      };
    },
    async run(ctx, { admin, password: passwordText, passphrase }) {
      const store = requireStore(ctx);
      if ((await store.users.count()) > 0) throw new AppError('ALREADY_INITIALISED');
      checkStrength(passwordText, admin.name);
      const at = ctx.now().toISOString();
      if ((await ctx.keyring.status()) === 'none') {
        await ctx.keyring.create(passphrase, (details) => ({
          actor: admin.name,
          action: 'key.create',
          at,
          batchId: null,
          details,
        }));
      } else if (passphrase !== null) {
        await ctx.keyring.unlockWith(passphrase);
      } else {
        await ctx.keyring.unlock();
      }
      const user = await store.users.add(
        {
          name: admin.name,
          skeleton: confusableSkeleton(admin.name),
          displayName: admin.displayName,
          roles: ['admin'],
          passwordHash: await hashPassword(passwordText),
          mustChangePassword: false,
        },
        {
          actor: admin.name,
          action: 'users.init',
          at,
          batchId: null,
          details: { user: admin.name, roles: ['admin'] },
        },
      );
      return userView(user, at);
    },
  }),

  signIn: query({
    audience: 'public',
    input: (raw) => {
      const fields = fieldsOf(raw);
      const typed = optionalText(fields['name'], 'name', 256);
      if (typed === undefined) throw invalid('name', EXPECT.text);
      return { name: normaliseAccountName(typed), password: password(fields['password']) };
    },
    run: (ctx, { name, password: passwordText }) => signIn(ctx, name, passwordText),
  }),

  signOut: query({
    audience: 'public',
    input: () => undefined,
    async run(ctx) {
      if (ctx.session !== null) ctx.sessions.close(ctx.session);
      return { signed_out: true };
    },
  }),

  /** A locked session opened again with its user's password. */
  unlockSession: query({
    audience: 'public',
    input: (raw) => ({ password: password(fieldsOf(raw)['password']) }),
    async run(ctx, { password: passwordText }) {
      const user = ctx.session === null ? null : ctx.sessions.userOf(ctx.session);
      if (ctx.session === null || user === null) throw new AppError('SIGN_IN_REQUIRED');
      const { token } = await signIn(ctx, user, passwordText);
      // The fresh session replaces the locked one.
      ctx.sessions.close(ctx.session);
      return { token };
    },
  }),

  currentSession: query({
    input: () => undefined,
    async run(ctx) {
      const principal = ctx.principal ?? (ctx.session !== null ? await principalOf(ctx) : null);
      if (!principal) throw new AppError('SIGN_IN_REQUIRED');
      const store = requireStore(ctx);
      const user = (await store.users.byName(principal.name)) as UserRecord;
      const settings = readSettings(await store.settings.all());
      return { user: userView(user, ctx.now().toISOString()), idle_minutes: settings.session_idle_minutes };
    },
  }),

  listUsers: query({
    input: () => undefined,
    async run(ctx) {
      const nowIso = ctx.now().toISOString();
      return (await requireStore(ctx).users.list()).map((user) => userView(user, nowIso));
    },
  }),

  addUser: mutation({
    action: 'users.add',
    input: (raw) => {
      const fields = fieldsOf(raw);
      return {
        ...accountName(fields['name']),
        roles: roles(fields['roles']),
        password: password(fields['password']),
      };
    },
    async run(ctx, { name, displayName, roles: granted, password: passwordText }) {
      const skeleton = confusableSkeleton(name);
      await checkNameFree(ctx.store, name, skeleton);
      checkStrength(passwordText, name);
      try {
        const user = await ctx.store.users.add(
          {
            name,
            skeleton,
            displayName,
            roles: granted,
            passwordHash: await hashPassword(passwordText),
            // The admin chose it: its owner replaces it at first use.
            mustChangePassword: true,
          },
          ctx.audit({ user: name, roles: granted }),
        );
        return userView(user, ctx.now().toISOString());
      } catch (error) {
        if (error instanceof StoreError && error.code === 'USER_EXISTS')
          throw new AppError('USER_CONFUSABLE', { user: error.details.detail ?? name });
        throw error;
      }
    },
  }),

  disableUser: mutation({
    action: 'users.disable',
    input: (raw) => ({ name: nameOf(fieldsOf(raw)['name']) }),
    async run(ctx, { name }) {
      const user = await existingUser(ctx.store, name);
      if (user.name === ctx.actor) throw new AppError('CANNOT_DISABLE_SELF');
      const nowIso = ctx.now().toISOString();
      if (user.roles.includes('admin') && (await activeAdmins(ctx.store)) <= 1)
        throw new AppError('LAST_ADMIN');
      if (user.disabled_at === null)
        await ctx.store.users.update(name, { disabledAt: nowIso }, ctx.audit({ user: name }));
      ctx.sessions.closeUser(name);
      return userView((await ctx.store.users.byName(name)) as UserRecord, nowIso);
    },
  }),

  enableUser: mutation({
    action: 'users.enable',
    input: (raw) => ({ name: nameOf(fieldsOf(raw)['name']) }),
    async run(ctx, { name }) {
      const user = await existingUser(ctx.store, name);
      // Enabling an enabled account changes nothing and leaves no entry.
      if (user.disabled_at !== null)
        await ctx.store.users.update(name, { disabledAt: null }, ctx.audit({ user: name }));
      return userView((await ctx.store.users.byName(name)) as UserRecord, ctx.now().toISOString());
    },
  }),

  setUserRoles: mutation({
    action: 'users.set_roles',
    input: (raw) => {
      const fields = fieldsOf(raw);
      return { name: nameOf(fields['name']), roles: roles(fields['roles']) };
    },
    async run(ctx, { name, roles: granted }) {
      const user = await existingUser(ctx.store, name);
      const nowIso = ctx.now().toISOString();
      const same = granted.length === user.roles.length && granted.every((role) => user.roles.includes(role));
      if (same) return userView(user, nowIso);
      if (user.roles.includes('admin') && !granted.includes('admin')) {
        // Somebody must be able to manage accounts, and an admin does not lock themself out by mistake.
        if (user.disabled_at === null && (await activeAdmins(ctx.store)) <= 1)
          throw new AppError('LAST_ADMIN');
        if (user.name === ctx.actor) throw new AppError('CANNOT_REMOVE_OWN_ADMIN');
      }
      // The sessions stay open: every call reads the account's roles afresh.
      await ctx.store.users.update(
        name,
        { roles: granted },
        ctx.audit({ user: name, roles: granted, previous: user.roles }),
      );
      return userView((await ctx.store.users.byName(name)) as UserRecord, nowIso);
    },
  }),

  resetPassword: mutation({
    action: 'users.reset_password',
    input: (raw) => {
      const fields = fieldsOf(raw);
      return {
        name: nameOf(fields['name']),
        password: password(fields['password']),
      };
    },
    async run(ctx, { name, password: passwordText }) {
      await existingUser(ctx.store, name);
      checkStrength(passwordText, name);
      const nowIso = ctx.now().toISOString();
      await ctx.store.users.update(
        name,
        {
          passwordHash: await hashPassword(passwordText),
          passwordChangedAt: nowIso,
          mustChangePassword: name !== ctx.actor,
          failedLogins: 0,
          lockedUntil: null,
        },
        ctx.audit({ user: name }),
      );
      ctx.sessions.closeUser(name);
      return userView((await ctx.store.users.byName(name)) as UserRecord, nowIso);
    },
  }),

  changePassword: mutation({
    action: 'users.change_password',
    input: (raw) => {
      const fields = fieldsOf(raw);
      return { current: password(fields['current'], 'current'), password: password(fields['password']) };
    },
    async run(ctx, { current, password: passwordText }) {
      const user = await existingUser(ctx.store, ctx.actor);
      if (!(await verifyPassword(current, user.password_hash))) throw new AppError('SIGN_IN_FAILED');
      checkStrength(passwordText, user.name);
      if (await verifyPassword(passwordText, user.password_hash))
        throw new AppError('PASSWORD_WEAK', { reason: 'unchanged' });
      const nowIso = ctx.now().toISOString();
      await ctx.store.users.update(
        user.name,
        {
          passwordHash: await hashPassword(passwordText),
          passwordChangedAt: nowIso,
          mustChangePassword: false,
        },
        ctx.audit({ user: user.name }),
      );
      return userView((await ctx.store.users.byName(user.name)) as UserRecord, nowIso);
    },
  }),

  setPassphrase: mutation({
    action: 'key.set_passphrase',
    input: (raw) => ({ passphrase: password(fieldsOf(raw)['passphrase'], 'passphrase') }),
    async run(ctx, { passphrase }) {
      await ctx.keyring.setPassphrase(passphrase, ctx.audit({}));
      return { key_wraps: await ctx.keyring.wraps() };
    },
  }),

  unlockKey: query({
    audience: 'public',
    input: (raw) => ({ passphrase: password(fieldsOf(raw)['passphrase'], 'passphrase') }),
    async run(ctx, { passphrase }) {
      requireStore(ctx);
      await ctx.keyring.unlockWith(passphrase);
      const initialised = ctx.store ? (await ctx.store.users.count()) > 0 : false;
      return { initialised, key: await ctx.keyring.status(), key_wraps: await ctx.keyring.wraps() };
    },
  }),
} satisfies Partial<{ [K in keyof Operations]: Operation<unknown, Operations[K]['output']> }>;

/** An account named in an admin's request, normalised as at sign-in. */
function nameOf(raw: unknown): string {
  return normaliseAccountName(optionalText(raw, 'name', 256) ?? '');
}

/** How many accounts may still manage accounts: admins that are not disabled. */
async function activeAdmins(store: ConsoleStore): Promise<number> {
  return (await store.users.list()).filter((u) => u.disabled_at === null && u.roles.includes('admin')).length;
}

async function existingUser(store: ConsoleStore, name: string): Promise<UserRecord> {
  const user = name === '' ? null : await store.users.byName(name);
  if (!user) throw new AppError('USER_NOT_FOUND', { user: name.slice(0, 64) });
  return user;
}
