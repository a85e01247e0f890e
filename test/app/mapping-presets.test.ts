/**
 * Column mapping presets at the application layer, on a real SQLite file: saved by name (replacing one of
 * the same name), listed by any signed-in reader, deleted; checked as an intake's `map` is; saved and deleted
 * only by an operator or an admin; every change audited.
 */
import { describe, expect, it } from 'vitest';
import { consolesPerTest, TEST_ADMIN, TEST_PASSWORD } from './appHarness.js';
import { CARD, csv, PAYEE_TAIL } from './appFiles.js';
import { changesOf } from './consoleSupport.js';

const open = consolesPerTest();

/** A sender's file whose amount and card columns have headers the console does not know. */
const senderFile = () =>
  csv('sender.csv', [
    'payment_id,Betrag,Karte,bank_id,region_id,last_name,first_name,phone,email,branch,bank_city,street,zip,description',
    `S-1,150.00,${CARD},1,5,张,伟,${PAYEE_TAIL}`,
  ]);

describe('mapping presets', () => {
  it('round-trip: saved, listed, replaced by name, used as an intake map, deleted', async () => {
    const c = await open();
    expect(await c.ok('alice', 'listMappingPresets', undefined)).toEqual([]);

    // Fields may be named as in either template; they are stored under their own names.
    const saved = await c.ok('alice', 'saveMappingPreset', {
      name: '  Bank A ',
      map: { Betrag: '金额', Karte: 'card_number' },
    });
    expect(saved).toEqual({
      name: 'Bank A',
      map: { Betrag: 'amount', Karte: 'card_number' },
      updated_at: expect.any(String),
      updated_by: 'alice',
    });
    await c.ok('alice', 'saveMappingPreset', { name: 'Bank B', map: { 姓名: 'full_name' } });
    expect((await c.ok('bob', 'listMappingPresets', undefined)).map((p) => [p.name, p.map])).toEqual([
      ['Bank A', { Betrag: 'amount', Karte: 'card_number' }],
      ['Bank B', { 姓名: 'full_name' }],
    ]);

    // The same name replaces the preset.
    await c.ok('bob', 'saveMappingPreset', { name: 'Bank A', map: { Betrag: 'amount', Karte: '卡号' } });
    const [bankA] = await c.ok('alice', 'listMappingPresets', undefined);
    expect(bankA).toMatchObject({ name: 'Bank A', updated_by: 'bob' });

    // A preset's map is an intake's map.
    const report = await c.ok('alice', 'validateFile', { file: senderFile(), map: bankA!.map });
    expect(report.summary).toMatchObject({ rows: 1, ok: 1, total_fen: 15_000 });

    expect(await c.ok('alice', 'deleteMappingPreset', { name: 'Bank A' })).toEqual({ deleted: true });
    expect(await c.ok('alice', 'deleteMappingPreset', { name: 'Bank A' })).toEqual({ deleted: false });
    expect((await c.ok('alice', 'listMappingPresets', undefined)).map((p) => p.name)).toEqual(['Bank B']);
  });

  it('are kept in the database: a restarted console lists them', async () => {
    const first = await open();
    await first.ok('alice', 'saveMappingPreset', { name: 'Monthly', map: { Betrag: 'amount' } });
    await first.runtime.close();
    const again = await open({ dir: first.dir });
    expect(await again.ok('alice', 'listMappingPresets', undefined)).toEqual([
      expect.objectContaining({ name: 'Monthly', map: { Betrag: 'amount' }, updated_by: 'alice' }),
    ]);
  });

  it('audits every change: save (new or replacing) and delete; deleting nothing writes nothing', async () => {
    const c = await open();
    await c.ok('alice', 'saveMappingPreset', { name: 'Bank A', map: { Betrag: 'amount' } });
    await c.ok('bob', 'saveMappingPreset', { name: 'Bank A', map: { Summe: 'amount' } });
    await c.ok('alice', 'deleteMappingPreset', { name: 'Bank A' });
    await c.ok('alice', 'deleteMappingPreset', { name: 'No such preset' });
    expect((await changesOf(c)).map((e) => [e.action, e.actor, e.batch_id, e.details])).toEqual([
      ['mapping_preset.save', 'alice', null, { name: 'Bank A', map: { Betrag: 'amount' }, replaced: false }],
      ['mapping_preset.save', 'bob', null, { name: 'Bank A', map: { Summe: 'amount' }, replaced: true }],
      ['mapping_preset.delete', 'alice', null, { name: 'Bank A' }],
    ]);
  });

  it('a viewer may list them but not save or delete one (ROLE_REQUIRED); an operator or an admin may', async () => {
    const c = await open();
    for (const [name, roles] of [
      ['vera', ['viewer', 'approver']],
      ['otto', ['operator']],
    ] as const)
      await c.ok(TEST_ADMIN, 'addUser', { name, roles: [...roles], password: TEST_PASSWORD });
    await c.ok('otto', 'saveMappingPreset', { name: 'Bank A', map: { Betrag: 'amount' } });

    expect(await c.call('vera', 'saveMappingPreset', { name: 'Bank B', map: { Summe: 'amount' } })).toEqual({
      ok: false,
      error: {
        code: 'ROLE_REQUIRED',
        message: 'vera may not do this (mapping_preset.save): it needs the role operator or admin.',
      },
    });
    const refusedDelete = await c.call('vera', 'deleteMappingPreset', { name: 'Bank A' }, 'zh-CN');
    expect(refusedDelete).toEqual({
      ok: false,
      error: {
        code: 'ROLE_REQUIRED',
        message: 'vera 无权执行此操作（mapping_preset.delete）：需要角色 operator或admin。',
      },
    });
    expect((await c.ok('vera', 'listMappingPresets', undefined)).map((p) => p.name)).toEqual(['Bank A']);
    expect(await c.ok(TEST_ADMIN, 'deleteMappingPreset', { name: 'Bank A' })).toEqual({ deleted: true });
    expect((await changesOf(c)).map((e) => `${e.action} by ${e.actor}`)).toEqual([
      'mapping_preset.save by otto',
      `mapping_preset.delete by ${TEST_ADMIN}`,
    ]);
  });

  it('reading them needs a signed-in person in the desktop app', async () => {
    const c = await open();
    const anonymous = await c.runtime.app.call('listMappingPresets', undefined, {
      lang: 'en',
      session: null,
    });
    expect(anonymous.ok || anonymous.error.code).toBe('SIGN_IN_REQUIRED');
  });

  it('checks a preset as an intake map is checked, and its name; nothing is stored when refused', async () => {
    const c = await open();
    const presets: Array<{ name: string; map: Record<string, string> }> = [
      { name: 'Bad', map: { Betrag: 'amount_fen' } },
      { name: 'Twice', map: { Betrag: 'amount', Summe: '金额' } },
      { name: 'Empty', map: {} },
      { name: '   ', map: { Betrag: 'amount' } },
      { name: 'x'.repeat(101), map: { Betrag: 'amount' } },
    ];
    // One after another: the harness makes alice's account on her first call.
    const refusals = [];
    for (const preset of presets) refusals.push(await c.call('alice', 'saveMappingPreset', preset));
    expect(refusals.map((r) => (r.ok ? 'stored' : r.error.code))).toEqual([
      'MAP_INVALID',
      'MAP_INVALID',
      'INVALID_INPUT',
      'INVALID_INPUT',
      'INVALID_INPUT',
    ]);
    expect(refusals[4]?.ok || refusals[4]?.error.message).toBe(
      'Invalid name: expected text of at most 100 characters.',
    );
    expect(await c.ok('alice', 'listMappingPresets', undefined)).toEqual([]);
    expect(await changesOf(c)).toEqual([]);
  });
});
