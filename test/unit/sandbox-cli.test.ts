import { describe, expect, it } from 'vitest';
import { UsageError } from '../../electron/cli/args.js';
import { parseSandboxArgs } from '../../electron/cli/commands/sandbox.js';

describe('cup-payouts sandbox: options', () => {
  it('leaves everything unset to the sandbox defaults', () => {
    expect(parseSandboxArgs([])).toEqual({});
  });

  it('reads every option', () => {
    expect(
      parseSandboxArgs([
        '--port=0',
        '--fault-rate',
        '0.25',
        '--faults',
        'http500, drop_after_register',
        '--latency-ms',
        '10',
        '--final-after-ms',
        '50',
        '--seed',
        '42',
        '--state',
        'x/sandbox.sqlite',
      ]),
    ).toEqual({
      port: 0,
      faultRate: 0.25,
      faults: ['http500', 'drop_after_register'],
      latencyMs: 10,
      finalAfterMs: 50,
      seed: 42,
      statePath: 'x/sandbox.sqlite',
    });
    expect(parseSandboxArgs(['--seed', 'night-run']).seed).toBe('night-run');
    expect(
      parseSandboxArgs([
        '--fields',
        'essential',
        '--chinaunionpay-method',
        'cup-banks',
        '--status-signature-order',
        'sdk-numeric',
        '--retried-operations',
        '12',
      ]),
    ).toEqual({
      requireAllFields: false,
      chinaunionpayMethod: 'cup-banks',
      statusSignatureOrder: 'sdk-numeric',
      retriedOperations: 12,
    });
    expect(parseSandboxArgs(['--fields', 'all']).requireAllFields).toBe(true);
    expect(parseSandboxArgs(['--fault-rate', '1']).faultRate).toBe(1);
  });

  it.each([
    [['--port', '65536'], '--port'],
    [['--port', '-1'], '--port'],
    [['--port', 'abc'], '--port'],
    [['--fault-rate', '1.5'], '--fault-rate'],
    [['--fault-rate', '-0.1'], '--fault-rate'],
    [['--fault-rate', 'often'], '--fault-rate'],
    [['--latency-ms', '1.5'], '--latency-ms'],
    [['--final-after-ms', '-5'], '--final-after-ms'],
    [['--faults', 'http500,meteor'], 'meteor'],
    [['--faults', ','], '--faults'],
    [['--seed', ''], '--seed'],
    [['--state', ''], '--state'],
    [['--fields', 'some'], '--fields'],
    [['--chinaunionpay-method', 'visa'], '--chinaunionpay-method'],
    [['--status-signature-order', 'random'], '--status-signature-order'],
    [['--retried-operations', '51'], '--retried-operations'],
    [['--colour'], 'colour'],
    [['somefile.csv'], 'no file'],
  ])('refuses %j with a UsageError naming %s', (argv, mention) => {
    expect(() => parseSandboxArgs(argv)).toThrow(UsageError);
    expect(() => parseSandboxArgs(argv)).toThrow(mention);
  });
});
