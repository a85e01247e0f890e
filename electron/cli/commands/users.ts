/**
 * `cup-payouts users add|list|disable|enable|set-roles|reset-password|change-password …`: accounts. Passwords come from
 * CUP_PASSWORD (the acting admin's), CUP_NEW_PASSWORD (the new account's, or the new one) or a prompt on a
 * terminal; never from the command line.
 */
import type { UserView } from '../../contract/records.js';
import { parseCommandArgs, requireUser, resolveLang, UsageError, type Values } from '../args.js';
import { valueOf } from '../failure.js';
import { line, printJson, terminalSafe, type CliIo } from '../io.js';
import { PASSWORD_ENV, readNewPassword, readPassword } from '../secrets.js';
import { withSession } from '../session.js';

const OPTIONS = {
  db: { type: 'string' },
  user: { type: 'string' },
  role: { type: 'string', multiple: true },
  json: { type: 'boolean' },
} as const;

const WORDS = {
  en: {
    subcommand:
      'users needs a subcommand: add, list, disable, enable, set-roles, reset-password or change-password.',
    oneName: 'Give one account NAME.',
    roleRequired:
      '--role ROLE is required: admin, operator, approver or viewer (several: --role operator,approver).',
    added: (u: UserView) =>
      `Account ${u.name} added with roles ${u.roles.join(', ')}; its password must be changed at first use.`,
    disabled: (name: string) => `Account ${name} disabled; its sessions are ended.`,
    enabled: (name: string) => `Account ${name} enabled; it can sign in again.`,
    rolesSet: (u: UserView) => `Account ${u.name} now has the roles ${u.roles.join(', ')}.`,
    reset: (name: string) =>
      `Password of ${name} reset; it must be changed at first use, and the account is unlocked.`,
    changed: (name: string) => `Password of ${name} changed.`,
    newPassword: (name: string) => `New password for ${name}: `,
    currentPassword: (name: string) => `Current password for ${name}: `,
    again: 'Again: ',
    header: ['Name', 'Roles', 'State', 'Created'],
    state: (u: UserView) =>
      u.disabled ? 'disabled' : u.locked_until ? `locked until ${u.locked_until}` : 'active',
  },
  'zh-CN': {
    subcommand:
      'users 需要子命令：add、list、disable、enable、set-roles、reset-password 或 change-password。',
    oneName: '请给出一个账户名 NAME。',
    roleRequired: '需要 --role ROLE：admin、operator、approver 或 viewer（多个：--role operator,approver）。',
    added: (u: UserView) => `已添加账户 ${u.name}，角色 ${u.roles.join('、')}；首次使用时须修改密码。`,
    disabled: (name: string) => `账户 ${name} 已停用，其会话已结束。`,
    enabled: (name: string) => `账户 ${name} 已启用，可以重新登录。`,
    rolesSet: (u: UserView) => `账户 ${u.name} 现在的角色为 ${u.roles.join('、')}。`,
    reset: (name: string) => `${name} 的密码已重置；首次使用时须修改，账户已解锁。`,
    changed: (name: string) => `${name} 的密码已修改。`,
    newPassword: (name: string) => `${name} 的新密码：`,
    currentPassword: (name: string) => `${name} 的当前密码：`,
    again: '再输入一次：',
    header: ['账户', '角色', '状态', '创建时间'],
    state: (u: UserView) => (u.disabled ? '已停用' : u.locked_until ? `锁定至 ${u.locked_until}` : '正常'),
  },
};

function oneName(positionals: string[], words: (typeof WORDS)['en']): string {
  if (positionals.length !== 1 || (positionals[0] ?? '').trim() === '') throw new UsageError(words.oneName);
  return positionals[0] as string;
}

function rolesOf(values: Values, words: (typeof WORDS)['en']): string[] {
  const raw = values['role'] as unknown;
  const list = (Array.isArray(raw) ? raw : typeof raw === 'string' ? [raw] : []) as string[];
  const roles = list
    .flatMap((item) => item.split(','))
    .map((role) => role.trim())
    .filter(Boolean);
  if (roles.length === 0) throw new UsageError(words.roleRequired);
  return roles;
}

export async function run(argv: string[], io: CliIo): Promise<number> {
  const [subcommand, ...rest] = argv;
  const { values, positionals } = parseCommandArgs(rest, OPTIONS);
  const lang = resolveLang(values['lang'], io.env);
  const words = WORDS[lang];
  const json = values['json'] === true;

  if (subcommand === 'list') {
    if (positionals.length > 0) throw new UsageError(`Unexpected argument "${positionals[0]}".`);
    return withSession(
      io,
      { values, lang, use: 'existing', identity: 'optional', json },
      async ({ runtime, caller }) => {
        const users = valueOf(io, await runtime.app.call('listUsers', undefined, caller), json);
        if (json) printJson(io, { users });
        else {
          line(io.stdout, words.header.join('\t'));
          for (const u of users)
            line(
              io.stdout,
              terminalSafe([u.name, u.roles.join(','), words.state(u), u.created_at].join('\t')),
            );
        }
        return 0;
      },
    );
  }
  if (subcommand === 'add') {
    const name = oneName(positionals, words);
    const roles = rolesOf(values, words);
    requireUser(values);
    return withSession(
      io,
      { values, lang, use: 'existing', identity: 'required', json },
      async ({ runtime, caller }) => {
        const password = await readNewPassword(io, words.newPassword(name), words.again);
        const user = valueOf(
          io,
          await runtime.app.call('addUser', { name, roles: roles.join(','), password }, caller),
          json,
        );
        if (json) printJson(io, { user });
        else line(io.stdout, terminalSafe(words.added(user)));
        return 0;
      },
    );
  }
  if (subcommand === 'enable' || subcommand === 'set-roles') {
    const name = oneName(positionals, words);
    const roles = subcommand === 'set-roles' ? rolesOf(values, words) : null;
    requireUser(values);
    return withSession(
      io,
      { values, lang, use: 'existing', identity: 'required', json },
      async ({ runtime, caller }) => {
        const user = valueOf(
          io,
          roles === null
            ? await runtime.app.call('enableUser', { name }, caller)
            : await runtime.app.call('setUserRoles', { name, roles: roles.join(',') }, caller),
          json,
        );
        if (json) printJson(io, { user });
        else line(io.stdout, terminalSafe(roles === null ? words.enabled(user.name) : words.rolesSet(user)));
        return 0;
      },
    );
  }
  if (subcommand === 'disable' || subcommand === 'reset-password') {
    const name = oneName(positionals, words);
    requireUser(values);
    return withSession(
      io,
      { values, lang, use: 'existing', identity: 'required', json },
      async ({ runtime, caller }) => {
        const user =
          subcommand === 'disable'
            ? valueOf(io, await runtime.app.call('disableUser', { name }, caller), json)
            : valueOf(
                io,
                await runtime.app.call(
                  'resetPassword',
                  { name, password: await readNewPassword(io, words.newPassword(name), words.again) },
                  caller,
                ),
                json,
              );
        if (json) printJson(io, { user });
        else
          line(
            io.stdout,
            terminalSafe(subcommand === 'disable' ? words.disabled(user.name) : words.reset(user.name)),
          );
        return 0;
      },
    );
  }
  if (subcommand === 'change-password') {
    if (positionals.length > 0) throw new UsageError(`Unexpected argument "${positionals[0]}".`);
    const self = requireUser(values);
    return withSession(
      io,
      { values, lang, use: 'existing', identity: 'required', json },
      async ({ runtime, caller, user }) => {
        const current = await readPassword(io, PASSWORD_ENV, words.currentPassword(self));
        const password = await readNewPassword(io, words.newPassword(self), words.again);
        const changed = valueOf(
          io,
          await runtime.app.call('changePassword', { current, password }, caller),
          json,
        );
        if (json) printJson(io, { user: changed });
        else line(io.stdout, terminalSafe(words.changed(user ?? changed.name)));
        return 0;
      },
    );
  }
  throw new UsageError(words.subcommand);
}
