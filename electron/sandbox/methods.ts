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
}

/** The method behind the documented `chinaunionpay` path segment. */
export const CHINAUNIONPAY_METHOD: MethodId = 'cup-p2p';

export function loadCatalog(referenceDir: string): MethodCatalog {
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
  return { methods, regionIds: new Set(reference.regions.map((region) => region.id)) };
}

/** Resolves a path segment (`chinaunionpay` or a method id) to a method, if the emulator serves it. */
export function methodForSegment(catalog: MethodCatalog, segment: string): SandboxMethod | undefined {
  const id = segment === 'chinaunionpay' ? CHINAUNIONPAY_METHOD : segment;
  return catalog.methods.get(id as MethodId);
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
