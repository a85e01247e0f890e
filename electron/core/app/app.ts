/**
 * The application layer: every operation a person performs, one implementation each, merged from the
 * per-domain handler maps into one table that matches the contract (electron/contract/operations.ts). Every
 * shell — the command line, the Electron IPC handlers, the browser bridge — calls `app.call`, and gets a
 * Result with a stable code and a message in the caller's language.
 */
import type {
  OperationInput,
  OperationName,
  OperationOutput,
  Operations,
} from '../../contract/operations.js';
import type { Result } from '../../contract/result.js';
import { accountHandlers } from './accounts.js';
import { approvalReviewHandlers } from './approvalReview.js';
import { attentionHandlers } from './attention.js';
import { auditHandlers } from './audit.js';
import { bankHandlers } from './banks.js';
import { batchHandlers } from './batches.js';
import type { Caller, Services } from './context.js';
import { credentialHandlers } from './credentials.js';
import { exportHandlers } from './exports.js';
import { AppError, describeKnownError } from './errors.js';
import { intakeHandlers } from './intake.js';
import { mappingPresetHandlers } from './mappingPresets.js';
import { reportHandlers } from './reports.js';
import { retryHandlers } from './retryFailed.js';
import { templateHandlers } from './templates.js';
import { query, type Operation } from './operation.js';
import { reconciliationHandlers } from './reconciliation.js';
import { settingsHandlers } from './settings.js';

type Handlers = { [K in OperationName]: Operation<unknown, Operations[K]['output']> };

const infoHandlers = {
  appInfo: query({
    audience: 'public',
    input: () => undefined,
    async run(ctx) {
      const environment = await ctx.sending.describe();
      return {
        version: ctx.version,
        environment: environment.name,
        gate_url: environment.gateUrl,
        database_path: ctx.store?.location ?? null,
      };
    },
  }),
};

export const HANDLERS: Handlers = {
  ...infoHandlers,
  ...intakeHandlers,
  ...mappingPresetHandlers,
  ...templateHandlers,
  ...batchHandlers,
  ...approvalReviewHandlers,
  ...attentionHandlers,
  ...exportHandlers,
  ...reportHandlers,
  ...retryHandlers,
  ...reconciliationHandlers,
  ...bankHandlers,
  ...credentialHandlers,
  ...settingsHandlers,
  ...auditHandlers,
  ...accountHandlers,
};

export interface ConsoleApp {
  call<K extends OperationName>(
    name: K,
    input: OperationInput<K>,
    caller: Caller,
  ): Promise<Result<OperationOutput<K>>>;
  /** The same, for transports whose payloads are not typed yet (IPC, the browser bridge). */
  callByName(name: string, input: unknown, caller: Caller): Promise<Result<unknown>>;
}

export function createApp(services: Services, handlers: Handlers = HANDLERS): ConsoleApp {
  async function callByName(name: string, input: unknown, caller: Caller): Promise<Result<unknown>> {
    try {
      // Own keys only: a name such as `__proto__` or `constructor` is no operation.
      if (!Object.hasOwn(handlers, name))
        throw new AppError('UNKNOWN_OPERATION', { name: String(name).slice(0, 64) });
      const operation = handlers[name as OperationName];
      const value = await operation.execute(
        { ...services, ...caller, principal: null },
        operation.parse(input),
      );
      return { ok: true, value };
    } catch (error) {
      return { ok: false, error: reportFailure(services, error, name, caller) };
    }
  }
  return {
    call: (name, input, caller) => callByName(name, input, caller) as never,
    callByName,
  };
}

/** A known failure as its code and message; anything else logged, with the reference shown to the user. */
function reportFailure(services: Services, error: unknown, operation: string, caller: Caller) {
  const known = describeKnownError(error, caller.lang);
  if (known) return { code: known.code, message: known.message };
  const reference = services.errors.record(error, `operation ${operation}`);
  const internal = describeKnownError(
    new AppError('INTERNAL', { reference, log: services.errors.path }),
    caller.lang,
  );
  return { code: 'INTERNAL', message: internal?.message ?? 'Internal error', reference };
}
