import { describe, expect, it } from 'vitest';
import type { Settings, UserView } from '../../electron/contract/records';
import messages from '../../renderer/src/locales/messages/settings';
import {
  backupSuggestion,
  bankListRows,
  defaultsChanges,
  defaultsForm,
  generalChanges,
  generalForm,
  limitsChanges,
  limitsForm,
  mayDisable,
  mayEnable,
  nameFieldsFor,
  orderedRoles,
  refusedDefaultField,
  refusedLimitsMethod,
  rolesChanged,
  signInChanges,
  signInForm,
  sortedUsers,
  switchesToProduction,
} from '../../renderer/src/views/settings/utils/model';
import {
  all,
  amount,
  ipAddress,
  limitEnd,
  maxLength,
  newPassphrase,
  newPassword,
  optionalEmail,
  optionalGateUrl,
  optionalPhone,
  projectId,
  required,
  rule,
  sameAs,
  secret,
  someRole,
  wholeNumber,
} from '../../renderer/src/views/settings/utils/rule';

/** The console's defaults (as a new database reads them). */
function settings(overrides: Partial<Settings> = {}): Settings {
  return {
    environment: 'sandbox',
    production_gate_url: null,
    payout_defaults: {
      customer_ip: '127.0.0.1',
      phone: null,
      city: null,
      zip: null,
      street: null,
      email: null,
      description: null,
    },
    sending: { concurrency: 8, requests_per_second: 0, timeout_ms: 30_000 },
    limits: {},
    provider_limits: {
      'cup-p2p': { min_fen: 1000, max_fen: 4499900 },
      'cup-quickpay': { min_fen: 1000, max_fen: 4499900 },
      'cup-banks': { min_fen: 10000, max_fen: 4999900 },
    },
    family_name_field: 'first_name',
    duplicate_window_days: 30,
    pan_kind: {},
    session_idle_minutes: 15,
    lockout: { attempts: 5, minutes: 15 },
    second_approver_above_fen: null,
    ...overrides,
  };
}

describe('settings forms: only what differs is sent', () => {
  it('environment and sending: an untouched form asks for nothing', () => {
    const saved = settings({ production_gate_url: 'https://proxy.example.cn' });
    expect(generalChanges(saved, generalForm(saved))).toEqual({});

    const form = {
      ...generalForm(saved),
      environment: 'production' as const,
      gateUrl: '  ',
      timeoutSeconds: 45,
    };
    const changes = generalChanges(saved, form);
    // An emptied address goes back to the documented Gate (null), seconds become milliseconds.
    expect(changes).toEqual({
      environment: 'production',
      production_gate_url: null,
      sending: { timeout_ms: 45_000 },
    });
    expect(switchesToProduction(saved, changes)).toBe(true);
    expect(switchesToProduction(settings({ environment: 'production' }), { environment: 'production' })).toBe(
      false,
    );
    expect(switchesToProduction(saved, { sending: { concurrency: 4 } })).toBe(false);
  });

  it('organisation defaults: trimmed, empty is none, the payer IP never none', () => {
    const saved = settings({
      payout_defaults: { ...settings().payout_defaults, city: '上海', email: 'pay@example.cn' },
    });
    const form = defaultsForm(saved);
    expect(form.fields.zip).toBe('');
    expect(defaultsChanges(saved, form)).toEqual({});

    form.fields.city = '';
    form.fields.street = '  南京西路 1 号  ';
    form.fields.customer_ip = ' 203.0.113.7 ';
    form.fields.phone = ' +852 2123 4567 ';
    form.familyNameField = 'last_name';
    expect(defaultsChanges(saved, form)).toEqual({
      payout_defaults: {
        city: null,
        street: '南京西路 1 号',
        customer_ip: '203.0.113.7',
        phone: '+852 2123 4567',
      },
      family_name_field: 'last_name',
    });
  });

  it('organisation defaults: a saved phone is shown, and emptying it sends none', () => {
    const saved = settings({ payout_defaults: { ...settings().payout_defaults, phone: '13800138000' } });
    const form = defaultsForm(saved);
    expect(form.fields.phone).toBe('13800138000');
    expect(defaultsChanges(saved, form)).toEqual({});
    form.fields.phone = '   ';
    expect(defaultsChanges(saved, form)).toEqual({ payout_defaults: { phone: null } });
  });

  it('organisation defaults: a refusal naming one field is that field’s, in either language', () => {
    const refusal = (message: string, code = 'SETTING_INVALID') => refusedDefaultField({ code, message });
    expect(refusal('Setting payout_defaults.phone must be a mainland mobile number.')).toBe('phone');
    expect(refusal('设置项 payout_defaults.phone 必须是中国大陆手机号。')).toBe('phone');
    expect(refusal('Setting payout_defaults.email must be an e-mail address.')).toBe('email');
    // Not a field of this form, another setting, another refusal, or none: shown with the form.
    expect(refusal('Setting payout_defaults.fax must be known.')).toBeNull();
    expect(refusal('Setting lockout.minutes must be a whole number.')).toBeNull();
    expect(refusal('payout_defaults.phone', 'UNAVAILABLE')).toBeNull();
    expect(refusedDefaultField(null)).toBeNull();
  });

  it('name order: the family name goes to the field chosen', () => {
    expect(nameFieldsFor('first_name', '伍', '倩文')).toEqual({ first_name: '伍', last_name: '倩文' });
    expect(nameFieldsFor('last_name', '伍', '倩文')).toEqual({ first_name: '倩文', last_name: '伍' });
  });

  it('limits: documented shown until own limits are set; yuan typed become exact fen', () => {
    const saved = settings({ limits: { 'cup-banks': { min_fen: 20000, max_fen: 3000000 } } });
    const form = limitsForm(saved);
    expect(form.limits['cup-p2p']).toEqual({ own: false, min: '10.00', max: '44,999.00' });
    expect(form.limits['cup-banks']).toEqual({ own: true, min: '200.00', max: '30,000.00' });
    expect(limitsChanges(saved, form)).toEqual({});

    form.limits['cup-p2p'] = { own: true, min: '1,000.10', max: '¥20000' };
    form.limits['cup-banks'].own = false;
    form.panKind['cup-quickpay'] = 'account';
    form.duplicateWindowDays = 0;
    form.secondApprover = true;
    form.secondApproverAbove = '500,000.01';
    expect(limitsChanges(saved, form)).toEqual({
      // null takes cup-banks back to its documented limits.
      limits: { 'cup-p2p': { min_fen: 100010, max_fen: 2000000 }, 'cup-banks': null },
      pan_kind: { 'cup-quickpay': 'account' },
      duplicate_window_days: 0,
      second_approver_above_fen: 50000001,
    });
  });

  it('limits: card is the default kind, and switching the second approver off sends null', () => {
    const saved = settings({ pan_kind: { 'cup-p2p': 'account' }, second_approver_above_fen: 100000 });
    const form = limitsForm(saved);
    expect(form.secondApproverAbove).toBe('1,000.00');
    form.panKind['cup-p2p'] = 'card';
    form.secondApprover = false;
    expect(limitsChanges(saved, form)).toEqual({
      pan_kind: { 'cup-p2p': null },
      second_approver_above_fen: null,
    });
  });

  it('sign-in protection', () => {
    const saved = settings();
    const form = signInForm(saved);
    expect(signInChanges(saved, form)).toEqual({});
    form.lockoutMinutes = 60;
    form.idleMinutes = 5;
    expect(signInChanges(saved, form)).toEqual({ session_idle_minutes: 5, lockout: { minutes: 60 } });
  });

  it('limits: shows the documented limits the main process gives, not limits of its own', () => {
    const saved = settings({
      provider_limits: {
        'cup-p2p': { min_fen: 500, max_fen: 1000000 },
        'cup-quickpay': { min_fen: 2000, max_fen: 3000000 },
        'cup-banks': { min_fen: 30000, max_fen: 9000000 },
      },
    });
    const form = limitsForm(saved);
    expect(form.limits['cup-p2p']).toEqual({ own: false, min: '5.00', max: '10,000.00' });
    expect(form.limits['cup-banks']).toEqual({ own: false, min: '300.00', max: '90,000.00' });
    expect(limitsChanges(saved, form)).toEqual({});
  });

  it('limits: a refusal is shown beside the one method the save set own limits for', () => {
    const outside = { code: 'LIMITS_OUTSIDE_PROVIDER', message: 'outside' };
    const p2p = { min_fen: 1000, max_fen: 2000 };
    expect(refusedLimitsMethod(outside, { limits: { 'cup-p2p': p2p, 'cup-banks': null } })).toBe('cup-p2p');
    // Two methods set, or none: it cannot be told which; another refusal is not about the limits.
    expect(refusedLimitsMethod(outside, { limits: { 'cup-p2p': p2p, 'cup-banks': p2p } })).toBeNull();
    expect(refusedLimitsMethod(outside, { duplicate_window_days: 3 })).toBeNull();
    expect(
      refusedLimitsMethod({ code: 'SETTING_INVALID', message: '' }, { limits: { 'cup-p2p': p2p } }),
    ).toBeNull();
    expect(refusedLimitsMethod(null, { limits: { 'cup-p2p': p2p } })).toBeNull();
  });
});

describe('bank lists, users and backups', () => {
  it('puts each shipped table beside the list last fetched, with its differences counted', () => {
    const bank = (id: number, zh: string | null = null) => ({
      id,
      name: `Bank ${id}`,
      name_zh: zh,
      looks_like_region: false,
    });
    const rows = bankListRows(
      [
        { method: 'cup-p2p', banks: [bank(1), bank(2, '招商银行'), bank(3)] },
        { method: 'cup-quickpay', banks: [bank(1)] },
      ],
      [
        {
          method: 'cup-p2p',
          fetched_at: '2026-12-01T08:00:00Z',
          fetched_by: 'admin',
          environment: 'sandbox',
          count: 3,
          diff: {
            added: [{ id: 9, name: 'New Bank' }],
            removed: [{ id: 3, name: 'Bank 3' }],
            renamed: [{ id: 2, from: 'Bank 2', to: 'Bank Two' }],
          },
        },
      ],
    );
    expect(rows.map(({ method, shipped, differences }) => ({ method, shipped, differences }))).toEqual([
      { method: 'cup-p2p', shipped: 3, differences: 3 },
      { method: 'cup-quickpay', shipped: 1, differences: 0 },
    ]);
    expect(rows[1]?.fetched).toBeNull();
    expect(rows[0]?.namesZh).toEqual({ 2: '招商银行' });
  });

  it('offers to disable only accounts in use that are not one’s own; lists those in use first', () => {
    const user = (name: string, disabled = false): UserView => ({
      name,
      display_name: name,
      roles: ['viewer'],
      disabled,
      locked_until: null,
      must_change_password: false,
      created_at: '2026-12-01T08:00:00Z',
      created_by: 'admin',
    });
    expect(mayDisable(user('alice'), 'admin')).toBe(true);
    expect(mayDisable(user('admin'), 'admin')).toBe(false);
    expect(mayDisable(user('zhao', true), 'admin')).toBe(false);
    expect(mayEnable(user('zhao', true))).toBe(true);
    expect(mayEnable(user('alice'))).toBe(false);
    expect(sortedUsers([user('zhao', true), user('wang'), user('alice')]).map((u) => u.name)).toEqual([
      'alice',
      'wang',
      'zhao',
    ]);
  });

  it('tells whether the roles chosen differ from the account’s, in any order', () => {
    const user = (roles: UserView['roles']): UserView => ({
      name: 'alice',
      display_name: 'alice',
      roles,
      disabled: false,
      locked_until: null,
      must_change_password: false,
      created_at: '2026-12-01T08:00:00Z',
      created_by: 'admin',
    });
    expect(orderedRoles(['viewer', 'admin', 'approver'])).toEqual(['admin', 'approver', 'viewer']);
    expect(rolesChanged(user(['operator', 'approver']), ['approver', 'operator'])).toBe(false);
    expect(rolesChanged(user(['operator', 'approver']), ['operator'])).toBe(true);
    expect(rolesChanged(user(['operator']), ['operator', 'viewer'])).toBe(true);
    expect(rolesChanged(user(['operator']), ['viewer'])).toBe(true);
  });

  it('suggests a backup file beside the database, named by the time', () => {
    const at = new Date(2026, 11, 2, 9, 5, 7);
    expect(backupSuggestion('/var/lib/cup/console.sqlite', at)).toBe(
      '/var/lib/cup/console-backup-20261202-090507.sqlite',
    );
    expect(backupSuggestion('C:\\Users\\li\\AppData\\console.sqlite', at)).toBe(
      'C:\\Users\\li\\AppData\\console-backup-20261202-090507.sqlite',
    );
    expect(backupSuggestion(null, at)).toBe('');
  });
});

describe('settings form rules', () => {
  const key = (problem: { key: string } | null) => problem?.key ?? null;

  it('checks addresses', () => {
    expect(key(ipAddress('203.0.113.7'))).toBeNull();
    expect(key(ipAddress(' ::1 '))).toBeNull();
    expect(key(ipAddress('2001:db8::8a2e:370:7334'))).toBeNull();
    expect(key(ipAddress('256.1.1.1'))).toBe('ip');
    expect(key(ipAddress('1.2.3'))).toBe('ip');
    expect(key(ipAddress('2001:db8:::1'))).toBe('ip');
    expect(key(ipAddress('localhost'))).toBe('ip');
    expect(key(ipAddress(''))).toBe('required');

    expect(key(optionalEmail(''))).toBeNull();
    expect(key(optionalEmail('pay@example.cn'))).toBeNull();
    expect(key(optionalEmail('pay@example'))).toBe('email');

    expect(key(optionalGateUrl(''))).toBeNull();
    expect(key(optionalGateUrl('https://proxy.example.cn:8443/gate'))).toBeNull();
    expect(key(optionalGateUrl('ftp://proxy.example.cn'))).toBe('url');
    expect(key(optionalGateUrl('https://'))).toBe('url');

    expect(key(optionalPhone(''))).toBeNull();
    expect(key(optionalPhone('13800138000'))).toBeNull();
    expect(key(optionalPhone('+86 (138) 0013-8000'))).toBeNull();
    expect(key(optionalPhone('００８５２ ２１２３ ４５６７'))).toBeNull();
    expect(key(optionalPhone('138 0013 8000 ext'))).toBe('phone');
    expect(key(optionalPhone('86+13800138000'))).toBe('phone');
    expect(key(optionalPhone('+ - ()'))).toBe('phone');
  });

  it('keeps own limits within the documented ones it is given, the lower end not above the upper', () => {
    const documented = { min_fen: 1000, max_fen: 4499900 };
    const p2p = (end: 'min' | 'max', value: string, other: string) =>
      limitEnd(documented, end, () => other)(value);
    expect(p2p('min', '10.00', '44,999.00')).toBeNull();
    expect(p2p('min', '9.99', '44,999.00')).toEqual({
      key: 'withinDocumented',
      params: { min: '10.00', max: '44,999.00' },
    });
    expect(key(p2p('max', '45,000', '10'))).toBe('withinDocumented');
    expect(key(p2p('min', '500', '100'))).toBe('minAboveMax');
    expect(key(p2p('max', '100', '500'))).toBe('maxBelowMin');
    expect(key(p2p('min', '10.001', '100'))).toBe('amount');
    // The limits given decide: what is fine within one method's is not within another's.
    const banks = limitEnd({ min_fen: 10000, max_fen: 4999900 }, 'min', () => '1,000');
    expect(banks('50')).toEqual({ key: 'withinDocumented', params: { min: '100.00', max: '49,999.00' } });
    expect(key(banks('100'))).toBeNull();
    expect(key(limitEnd({ min_fen: 1, max_fen: 100 }, 'max', () => '0.01')('1.01'))).toBe('withinDocumented');

    expect(key(amount('0'))).toBe('amountPositive');
    expect(key(amount('1,000.5'))).toBeNull();
    expect(key(amount('abc'))).toBe('amount');
  });

  it('checks numbers, secrets and passwords', () => {
    expect(key(wholeNumber(1, 64)(8))).toBeNull();
    expect(wholeNumber(1, 64)(65)).toEqual({ key: 'wholeRange', params: { min: 1, max: 64 } });
    expect(key(wholeNumber(1, 64)(1.5))).toBe('wholeRange');
    expect(key(wholeNumber(0, 3660)(null))).toBe('wholeRange');

    expect(key(projectId('1234'))).toBeNull();
    expect(key(projectId('0'))).toBe('projectId');
    expect(key(projectId('12a'))).toBe('projectId');
    expect(key(projectId(''))).toBe('required');

    expect(key(secret(6)('abcdef'))).toBeNull();
    expect(key(secret(6)('abc'))).toBe('secretShort');
    expect(key(secret()(' pasted\n'))).toBe('secretSpaces');
    expect(key(secret()(''))).toBe('required');

    expect(key(newPassword('short pw'))).toBe('passwordShort');
    expect(key(newPassword('copper meadow 2581'))).toBeNull();
    expect(key(newPassphrase('eleven char'))).toBe('passphraseShort');
    expect(key(newPassphrase('twelve chars'))).toBeNull();
    expect(key(sameAs(() => 'one password')('one password'))).toBeNull();
    expect(key(sameAs(() => 'one password')('another'))).toBe('different');

    expect(key(someRole([]))).toBe('roles');
    expect(key(someRole(['viewer']))).toBeNull();
    expect(key(required('  '))).toBe('required');
    // An emoji is one character, as a person counts.
    expect(key(maxLength(3)('👍👍👍'))).toBeNull();
    expect(key(all(required, maxLength(3))('abcd'))).toBe('tooLong');
  });

  it('gives Element Plus the message in the page language, with its values', () => {
    const asked: Array<[string, unknown]> = [];
    const check = rule(wholeNumber(1, 64), (name, params) => {
      asked.push([name, params]);
      return `translated ${name}`;
    });
    const errors: Array<Error | undefined> = [];
    check.validator({}, 100, (error) => errors.push(error));
    check.validator({}, 10, (error) => errors.push(error));
    expect(errors[0]?.message).toBe('translated settings.rules.wholeRange');
    expect(errors[1]).toBeUndefined();
    expect(asked).toEqual([['settings.rules.wholeRange', { min: 1, max: 64 }]]);
  });
});

describe('settings messages', () => {
  /** Every message's path, e.g. rules.required. */
  function paths(tree: object, prefix = ''): string[] {
    return Object.entries(tree).flatMap(([name, value]) =>
      typeof value === 'string' ? [`${prefix}${name}`] : paths(value as object, `${prefix}${name}.`),
    );
  }

  it('says everything in both languages', () => {
    expect(paths(messages['zh-CN']).sort()).toEqual(paths(messages.en).sort());
  });

  it('has a message for every problem a rule reports', () => {
    const reported = [
      'required',
      'ip',
      'email',
      'url',
      'tooLong',
      'wholeRange',
      'amount',
      'amountPositive',
      'withinDocumented',
      'minAboveMax',
      'maxBelowMin',
      'projectId',
      'secretSpaces',
      'secretShort',
      'passwordShort',
      'passphraseShort',
      'different',
      'roles',
      'phone',
    ];
    expect(Object.keys(messages.en.rules).sort()).toEqual([...reported].sort());
  });

  it('uses none of the message syntax characters that would break a message (@ and |)', () => {
    for (const lang of ['zh-CN', 'en'] as const) {
      const texts = paths(messages[lang]).map((path) =>
        path
          .split('.')
          .reduce<unknown>((node, name) => (node as Record<string, unknown>)[name], messages[lang]),
      );
      for (const text of texts) expect(String(text)).not.toMatch(/[@|]/);
    }
  });
});
