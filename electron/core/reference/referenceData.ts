import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Limits, MethodId } from '../types.js';

export interface Bank {
  id: number;
  /** The name as the provider's table spells it. */
  name: string;
  /** The bank's established Chinese name (中国工商银行), when there is one; absent otherwise. */
  name_zh?: string;
  /** The provider lists a region name under a bank ID (16 Jilin Sheng): validation warns when a row uses it. */
  looks_like_region?: boolean;
}

export interface Region {
  id: number;
  name_en: string;
  /** Official name with its suffix, e.g. 广东省, 香港特别行政区. */
  name_zh: string;
  /** The name without its administrative suffix, e.g. 广东, 香港. */
  name_zh_short: string;
  /** Traditional-character spellings (廣東省, 廣東) where they differ, as Hong Kong and Taiwan files write them. */
  aliases_zh?: string[];
}

export interface PayoutMethod {
  id: MethodId;
  name_en: string;
  name_zh: string;
  /** Seed document the method's tables come from. */
  seed: string;
  gate_payout_path: string;
  currency: 'CNY';
  limits: Limits;
  banks: Bank[];
}

export interface ReferenceData {
  methods: Map<MethodId, PayoutMethod>;
  regions: Region[];
}

interface MethodsFile {
  methods: Array<Omit<PayoutMethod, 'banks'> & { banks: string }>;
}

function readJson<T>(path: string): T {
  return JSON.parse(readFileSync(path, 'utf8')) as T;
}

/** Loads the shipped reference tables from `resources/reference`. */
export function loadReferenceData(referenceDir: string): ReferenceData {
  const methodsFile = readJson<MethodsFile>(join(referenceDir, 'methods.json'));
  const methods = new Map<MethodId, PayoutMethod>();
  for (const m of methodsFile.methods) {
    const { banks } = readJson<{ banks: Bank[] }>(join(referenceDir, m.banks));
    methods.set(m.id, { ...m, banks });
  }
  const { regions } = readJson<{ regions: Region[] }>(join(referenceDir, 'regions.json'));
  return { methods, regions };
}
