import { loadReferenceData, type Bank } from '../core/reference/referenceData.js';
import type { Limits, MethodId } from '../core/types.js';

/** What the emulator knows about one payout method: its limits and the bank IDs it pays to. */
export interface SandboxMethod {
  id: MethodId;
  limits: Limits;
  banks: Bank[];
  bankIds: ReadonlySet<number>;
}

export interface MethodCatalog {
  methods: ReadonlyMap<MethodId, SandboxMethod>;
  /** Valid region IDs (1..34 in the seed documents). */
  regionIds: ReadonlySet<number>;
  /** What the shared `chinaunionpay` path segment serves (see the `chinaunionpayMethod` option). */
  chinaunionpay: {
    /** The methods a payout on the shared path may be for, in catalog order. */
    payout: readonly SandboxMethod[];
    /** The method whose banks the shared bank-list path lists. */
    bankList: SandboxMethod;
  };
}

/** The method the shared `chinaunionpay` bank-list path lists when the project is not bound to one method. */
export const CHINAUNIONPAY_METHOD: MethodId = 'cup-p2p';

/**
 * The emulator's methods from the reference data. `chinaunionpayMethod` binds the shared path to one method
 * (`any`, the default: a payout there may be for any method).
 */
export function loadCatalog(
  referenceDir: string,
  chinaunionpayMethod: MethodId | 'any' = 'any',
): MethodCatalog {
  const reference = loadReferenceData(referenceDir);
  const methods = new Map<MethodId, SandboxMethod>();
  for (const [id, method] of reference.methods) {
    methods.set(id, {
      id,
      limits: method.limits,
      banks: method.banks,
      bankIds: new Set(method.banks.map((bank) => bank.id)),
    });
  }
  const bound = chinaunionpayMethod === 'any' ? undefined : methods.get(chinaunionpayMethod);
  if (chinaunionpayMethod !== 'any' && !bound) {
    throw new RangeError(`sandbox: no method ${chinaunionpayMethod} in the reference data`);
  }
  const listed = bound ?? methods.get(CHINAUNIONPAY_METHOD) ?? [...methods.values()][0];
  if (!listed) throw new RangeError('sandbox: the reference data has no payout method');
  return {
    methods,
    regionIds: new Set(reference.regions.map((region) => region.id)),
    chinaunionpay: { payout: bound ? [bound] : [...methods.values()], bankList: listed },
  };
}

/** The methods a payout path segment (`chinaunionpay` or a method id) pays for; empty when none. */
export function payoutMethodsFor(catalog: MethodCatalog, segment: string): readonly SandboxMethod[] {
  if (segment === 'chinaunionpay') return catalog.chinaunionpay.payout;
  const method = catalog.methods.get(segment as MethodId);
  return method ? [method] : [];
}

/** The method whose banks a bank-list path segment (`chinaunionpay` or a method id) lists, if any. */
export function bankListMethodFor(catalog: MethodCatalog, segment: string): SandboxMethod | undefined {
  if (segment === 'chinaunionpay') return catalog.chinaunionpay.bankList;
  return catalog.methods.get(segment as MethodId);
}

/**
 * Key names of the limits in a bank-list item. Upstream names are unconfirmed: change them here only.
 */
export const BANK_LIST_LIMIT_KEYS = { min: 'min_amount', max: 'max_amount' } as const;

export interface BankListItem {
  id: number;
  name: string;
  nativeName: string;
  abbr: string;
  currency: 'CNY';
  limits: Record<(typeof BANK_LIST_LIMIT_KEYS)[keyof typeof BANK_LIST_LIMIT_KEYS], number>;
}

/**
 * A bank as the bank-list endpoint shows it. The reference tables have English names only, so
 * `nativeName` repeats the name and `abbr` stays empty; the limits are the method's.
 */
export function bankListItem(bank: Bank, method: SandboxMethod): BankListItem {
  return {
    id: bank.id,
    name: bank.name,
    nativeName: bank.name,
    abbr: '',
    currency: 'CNY',
    limits: {
      [BANK_LIST_LIMIT_KEYS.min]: method.limits.min_fen,
      [BANK_LIST_LIMIT_KEYS.max]: method.limits.max_fen,
    } as BankListItem['limits'],
  };
}
