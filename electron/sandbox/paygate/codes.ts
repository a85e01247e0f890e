/**
 * Paygate answer codes the emulator uses. The structure is Paygate's (design note, "Codes"): 8 characters;
 * digit 1 the outcome (0 OK, 2 error, 6 pending), digits 2–4 the family (001 cryptography, 010–019 parameter
 * problems, 100+ a module), digits 5–8 the parameter or detail. The exact values are the sandbox's own
 * choices, since the provider's full table is not public.
 */

export interface PaygateCode {
  code: string;
  description: string;
}

export const CODE_OK = '00000000';

/** Digits 5–8: which parameter a problem concerns. */
export const PARAMETER = {
  MerchantID: '0001',
  TransID: '0002',
  PayID: '0003',
  Amount: '0004',
  Currency: '0005',
  MAC: '0006',
  Data: '0007',
  Len: '0008',
  RefNr: '0009',
  ReqId: '0010',
} as const;

export type ParameterName = keyof typeof PARAMETER;

/** Digits 2–4 of a parameter problem (Paygate's published families). */
const PROBLEM = {
  missing: '010',
  format: '011',
  invalid: '012',
  tooLong: '014',
  notAllowed: '016',
  alreadyPresent: '017',
} as const;

export type ParameterProblem = keyof typeof PROBLEM;

const PROBLEM_TEXT: Record<ParameterProblem, string> = {
  missing: 'is missing',
  format: 'has a format error',
  invalid: 'is invalid',
  tooLong: 'is too long',
  notAllowed: 'value is unknown or not allowed',
  alreadyPresent: 'is already present',
};

/** `2` + family + parameter, e.g. `20110004` (Amount has a format error). */
export function parameterError(problem: ParameterProblem, name: ParameterName, detail?: string): PaygateCode {
  const text = `${name} ${PROBLEM_TEXT[problem]}`;
  return {
    code: `2${PROBLEM[problem]}${PARAMETER[name]}`,
    description: detail ? `${text}: ${detail}` : text,
  };
}

/** `2001…`: the request could not be decrypted or its MAC is wrong. */
export function cryptoError(name: 'Data' | 'MAC', description: string): PaygateCode {
  return { code: `2001${PARAMETER[name]}`, description };
}

/** Outcomes of a credit that passed every check (module 100: the emulated ChinaPay credit). */
export const CREDIT_CODES = {
  ok: { code: CODE_OK, description: 'success' },
  pending: { code: '61000000', description: 'Credit pending: the final status follows' },
  aboveCapture: {
    code: '21000004',
    description: 'Credit amount exceeds the captured amount not yet credited',
  },
  declined: { code: '21000200', description: 'Credit declined by ChinaPay' },
} as const satisfies Record<string, PaygateCode>;

export const INQUIRY_OK: PaygateCode = { code: CODE_OK, description: 'success' };
