/**
 * The shape of every operation's input, checked where a payload crosses into the main process (the IPC
 * handlers) or into the browser bridge, before the application layer sees it: a payload refused here has no
 * effect at all. The application layer still parses every input itself (electron/core/app/input.ts) and
 * applies the business rules (ranges, defaults, which status allows what); this gate only makes sure that what
 * reaches it is plain data of the documented shape and a bounded size:
 *
 * - strict objects: a field the contract does not name is refused, and so are `__proto__`, `constructor` and
 *   `prototype` anywhere (JSON.parse and the structured clone make `__proto__` an ordinary own key);
 * - only plain objects, arrays, text, numbers, booleans, null and (for a file) bytes; nesting at most
 *   MAX_DEPTH deep;
 * - text at most 4 KB (names, reasons, paths), a file name 1 KB, short codes 64 characters, a file's bytes
 *   200 MB; lists at most MAX_LIST_ITEMS;
 * - ids positive safe integers, counts non-negative safe integers (never NaN, Infinity or a fraction);
 * - methods, statuses, encodings, environments and languages one of the contract's values (records.ts).
 *
 * A refusal is INVALID_INPUT naming the field and what it should have been, in the caller's language, and
 * never the value (it may be a secret key).
 *
 * Adding an operation to operations.ts: add one entry to OPERATION_SCHEMAS (a missing one is a compile
 * error), built from the blocks below. If its input carries file bytes, add it to BRIDGE_SCHEMAS too, with
 * `bridgeBytes` (the bridge sends bytes as {"$bytes": base64}).
 */
import { z } from 'zod';
import type {
  IntakeInput,
  OperationName,
  ReconcileInput,
  ReportScopeInput,
  SettingsChanges,
} from './operations.js';
import { PAYOUT_FIELDS } from './records.js';
import type {
  BatchKind,
  BatchStatus,
  EncodingChoice,
  EnvironmentName,
  Lang,
  MethodId,
  PayoutDefaultsView,
  PayoutFields,
  ProviderFileFormat,
  ReportEncoding,
  ReportFormat,
  Role,
  RowEdit,
  Settings,
} from './records.js';

// ---------------------------------------------------------------------------------------------------------
// Limits

const KB = 1024;
const MB = 1024 * KB;

export const LIMITS = {
  /** Names, reasons, paths, mappings, settings' text (characters). */
  text: 4 * KB,
  /** A file's name (characters). */
  fileName: 1 * KB,
  /** State names, provider codes (characters). */
  code: 64,
  /** A file's bytes over IPC. */
  fileBytes: 200 * MB,
  /** Entries of any list but the grid's. */
  listItems: 100,
  /** Entries of the validation grid's lists (edits, lines left out or asked for): one per row of a 100k-row file. */
  gridLines: 100_000,
  /** How deep objects and lists may nest (the deepest input, changeSettings, needs 4). */
  depth: 8,
} as const;

/** Keys that are refused anywhere in an input, own or not. */
export const FORBIDDEN_KEYS: readonly string[] = ['__proto__', 'constructor', 'prototype'];

/** A message is cut to this length (with an ellipsis) whatever the field path. */
const MAX_MESSAGE = 300;

// ---------------------------------------------------------------------------------------------------------
// What a value should have been, in both languages. A schema's error is the English text; its Chinese text
// is looked up here when the message is written.

interface Expected {
  en: string;
  zh: string;
}

const ZH = new Map<string, string>();

/** The error option of a schema or check: what was expected, registered in both languages. */
function expecting(expected: Expected): { error: string } {
  ZH.set(expected.en, expected.zh);
  return { error: expected.en };
}

const EXPECT = {
  noInput: { en: 'no input', zh: '无输入' },
  object: { en: 'an object', zh: '对象' },
  positiveId: { en: 'a positive whole number', zh: '正整数' },
  count: { en: 'a whole number, 0 or more', zh: '大于或等于 0 的整数' },
  trueOrFalse: { en: 'true or false', zh: 'true 或 false' },
  textOrMapping: {
    en: 'text (their header=field,…) or an object of header → field',
    zh: '文本（表头=字段,…）或“表头 → 字段”的对象',
  },
  mapping: { en: 'an object of header → field', zh: '“表头 → 字段”的对象' },
  limits: { en: 'an object with min_fen and max_fen, or null', zh: '含 min_fen 与 max_fen 的对象或 null' },
  roles: (names: readonly string[]): Expected => ({
    en: `a list of roles (${names.join(', ')}), or text naming them`,
    zh: `角色列表（${names.join('、')}）或列出角色的文本`,
  }),
  fileBytes: {
    en: `the file’s bytes (a Uint8Array of at most ${LIMITS.fileBytes / MB} MB)`,
    zh: `文件内容（不超过 ${LIMITS.fileBytes / MB} MB 的 Uint8Array）`,
  },
  bridgeBytes: {
    en: `the file’s bytes as {"$bytes": base64} (at most ${LIMITS.fileBytes / MB} MB)`,
    zh: `以 {"$bytes": base64} 表示的文件内容（不超过 ${LIMITS.fileBytes / MB} MB）`,
  },
  textUpTo: (max: number): Expected => ({
    en: `text of at most ${max} characters`,
    zh: `不超过 ${max} 个字符的文本`,
  }),
  textOrNullUpTo: (max: number): Expected => ({
    en: `text of at most ${max} characters, or null`,
    zh: `不超过 ${max} 个字符的文本或 null`,
  }),
  listUpTo: (max: number, of: Expected): Expected => ({
    en: `a list of at most ${max} items, each ${of.en}`,
    zh: `不超过 ${max} 项的列表，每项为${of.zh}`,
  }),
  oneOf: (values: readonly string[]): Expected => ({
    en: `one of ${values.join(', ')}`,
    zh: `${values.join('、')} 之一`,
  }),
  oneOfOrNull: (values: readonly string[]): Expected => ({
    en: `one of ${values.join(', ')}, or null`,
    zh: `${values.join('、')} 之一或 null`,
  }),
} as const;

// ---------------------------------------------------------------------------------------------------------
// The contract's value sets. `every<T>()(list)` does not compile unless the list names every value of T
// (and nothing else), so a value added in records.ts must be added here too.

type MissingFrom<T, L extends readonly unknown[]> = Exclude<T, L[number]>;

function every<T extends string>() {
  return <const L extends readonly [T, ...T[]]>(
    values: L & ([MissingFrom<T, L>] extends [never] ? unknown : { missing: MissingFrom<T, L> }),
  ): L => values;
}

export const LANGS = every<Lang>()(['en', 'zh-CN']);
export const METHOD_IDS = every<MethodId>()(['cup-p2p', 'cup-quickpay', 'cup-banks']);
export const BATCH_STATUSES = every<BatchStatus>()([
  'draft',
  'approved',
  'sending',
  'paused',
  'completed',
  'cancelled',
  'rejected',
  'blocked',
]);
export const BATCH_KINDS = every<BatchKind>()(['payout', 'refund']);
export const ENCODINGS = every<EncodingChoice>()(['auto', 'utf-8', 'gb18030', 'big5']);
export const DELIMITERS = [',', ';', '\t'] as const;
const ROW_CHOICES = every<NonNullable<IntakeInput['rows']>>()(['all', 'problems', 'none']);
const ENVIRONMENTS = every<EnvironmentName>()(['sandbox', 'production']);
const FAMILY_NAME_FIELDS = every<Settings['family_name_field']>()(['first_name', 'last_name']);
const PAN_KINDS = every<'card' | 'account'>()(['card', 'account']);
export const REPORT_FORMATS = every<ReportFormat>()(['csv', 'xlsx', 'json']);
export const REPORT_ENCODINGS = every<ReportEncoding>()(['utf-8', 'gb18030']);
export const PROVIDER_FILE_FORMATS = every<ProviderFileFormat>()(['ecommpay-json', 'csv']);
export const ROLE_NAMES = every<Role>()(['admin', 'operator', 'approver', 'viewer']);
/** The fields of a validated row a grid edit may change: every one of PayoutFields (checked here). */
export const PAYOUT_FIELD_NAMES = every<keyof PayoutFields>()(PAYOUT_FIELDS);

// ---------------------------------------------------------------------------------------------------------
// Building blocks

const oneOf = <const L extends readonly [string, ...string[]]>(values: L) =>
  z.enum(values, expecting(EXPECT.oneOf(values)));

const text = (max: number = LIMITS.text) =>
  z.string(expecting(EXPECT.textUpTo(max))).max(max, expecting(EXPECT.textUpTo(max)));

const textOrNull = (max: number = LIMITS.text) =>
  z
    .string(expecting(EXPECT.textOrNullUpTo(max)))
    .max(max, expecting(EXPECT.textOrNullUpTo(max)))
    .nullable();

const id = z.int(expecting(EXPECT.positiveId)).min(1, expecting(EXPECT.positiveId));
const count = z.int(expecting(EXPECT.count)).min(0, expecting(EXPECT.count));
const flag = z.boolean(expecting(EXPECT.trueOrFalse));

const listOf = <T extends z.ZodType>(item: T, itemExpected: Expected) =>
  z
    .array(item, expecting(EXPECT.listUpTo(LIMITS.listItems, itemExpected)))
    .max(LIMITS.listItems, expecting(EXPECT.listUpTo(LIMITS.listItems, itemExpected)));

/** A list of the validation grid: one entry per row at most (LIMITS.gridLines). */
const gridListOf = <T extends z.ZodType>(item: T, itemExpected: Expected) =>
  z
    .array(item, expecting(EXPECT.listUpTo(LIMITS.gridLines, itemExpected)))
    .max(LIMITS.gridLines, expecting(EXPECT.listUpTo(LIMITS.gridLines, itemExpected)));

/** An object with exactly these (optional where marked) fields. */
const fields = <S extends z.ZodRawShape>(shape: S) => z.strictObject(shape, expecting(EXPECT.object));

/** An operation that takes nothing. */
const noInput = z.undefined(expecting(EXPECT.noInput));

const methodId = oneOf(METHOD_IDS);
const methods = fields({ methods: listOf(methodId, EXPECT.oneOf(METHOD_IDS)).optional() }).optional();
const batchRef = { batchId: id };
const production = z.literal('production', expecting(EXPECT.oneOf(['production'])));

/** A file's bytes as IPC carries them (the structured clone keeps a Uint8Array). */
export const ipcBytes = z
  .instanceof(Uint8Array, expecting(EXPECT.fileBytes))
  .refine((bytes) => bytes.byteLength <= LIMITS.fileBytes, expecting(EXPECT.fileBytes));

/** A file's bytes as the browser bridge carries them: {"$bytes": base64}, decoded by the bridge once checked. */
export const bridgeBytes = fields({
  $bytes: z
    .base64(expecting(EXPECT.bridgeBytes))
    .max(Math.ceil(LIMITS.fileBytes / 3) * 4, expecting(EXPECT.bridgeBytes)),
});

/** A cell changed in the validation grid: the text typed for a field of the row at a line. */
const gridEdit = fields({
  line: id,
  field: oneOf(PAYOUT_FIELD_NAMES),
  value: text(),
} satisfies { [K in keyof RowEdit]-?: z.ZodType });

/** A column mapping preset's name. */
const presetName = text(100);

/** validateFile's input, and importFile's with its two options; `bytes` is the transport's form. */
function intakeInput(bytes: z.ZodType) {
  return fields({
    file: fields({ name: text(LIMITS.fileName), bytes }),
    kind: oneOf(BATCH_KINDS).optional(),
    method: methodId.optional(),
    encoding: oneOf(ENCODINGS).optional(),
    delimiter: oneOf(DELIMITERS).optional(),
    map: z
      .union(
        [z.string().max(LIMITS.text), z.record(z.string().max(LIMITS.text), z.string().max(LIMITS.text))],
        expecting(EXPECT.textOrMapping),
      )
      .optional(),
    rows: oneOf(ROW_CHOICES).optional(),
    previewRows: count.optional(),
    payoutDefaults: fields({
      city: text().optional(),
      zip: text().optional(),
      street: text().optional(),
      email: text().optional(),
      description: text().optional(),
      phone: text().optional(),
    } satisfies { [K in keyof NonNullable<IntakeInput['payoutDefaults']>]-?: z.ZodType }).optional(),
    requestPreview: count.optional(),
    edits: gridListOf(gridEdit, EXPECT.object).optional(),
    removeLines: gridListOf(id, EXPECT.positiveId).optional(),
    lines: gridListOf(id, EXPECT.positiveId).optional(),
  });
}

/** A date (YYYY-MM-DD) of a report's range or a Data API fetch; the application layer checks it is a real day. */
const day = text(10);

/** What a report covers (the application layer requires a batch or a range, not both). */
const reportScope = {
  batchId: id.optional(),
  from: day.optional(),
  to: day.optional(),
} satisfies { [K in keyof ReportScopeInput]-?: z.ZodType };

/** reconcile's input; `bytes` is the transport's form. */
function reconcileInput(bytes: z.ZodType) {
  return fields({
    file: fields({ name: text(LIMITS.fileName), bytes }).optional(),
    format: oneOf(PROVIDER_FILE_FORMATS).optional(),
    map: z
      .union(
        [z.string().max(LIMITS.text), z.record(z.string().max(LIMITS.text), z.string().max(LIMITS.text))],
        expecting(EXPECT.textOrMapping),
      )
      .optional(),
    encoding: oneOf(ENCODINGS).optional(),
    graceMinutes: count.optional(),
    dataApi: fields({ from: text(32), to: text(32), url: text(2048).optional() }).optional(),
  } satisfies { [K in keyof ReconcileInput]-?: z.ZodType });
}

function importInput(bytes: z.ZodType) {
  return intakeInput(bytes).extend({ dropErrors: flag.optional(), allowDuplicateFile: flag.optional() });
}

/** Settings to change: any subset; per-method values null to take a method back to its default. */
const settingsChanges = fields({
  environment: oneOf(ENVIRONMENTS).optional(),
  production_gate_url: textOrNull().optional(),
  payout_defaults: fields({
    customer_ip: text().optional(),
    city: textOrNull().optional(),
    zip: textOrNull().optional(),
    street: textOrNull().optional(),
    email: textOrNull().optional(),
    description: textOrNull().optional(),
    phone: textOrNull().optional(),
  } satisfies { [K in keyof PayoutDefaultsView]-?: z.ZodType }).optional(),
  sending: fields({
    concurrency: count.optional(),
    requests_per_second: count.optional(),
    timeout_ms: count.optional(),
  } satisfies { [K in keyof Settings['sending']]-?: z.ZodType }).optional(),
  limits: z
    .partialRecord(methodId, fields({ min_fen: id, max_fen: id }).nullable(), expecting(EXPECT.limits))
    .optional(),
  family_name_field: oneOf(FAMILY_NAME_FIELDS).optional(),
  duplicate_window_days: count.optional(),
  pan_kind: z
    .partialRecord(methodId, z.enum(PAN_KINDS, expecting(EXPECT.oneOfOrNull(PAN_KINDS))).nullable())
    .optional(),
  session_idle_minutes: count.optional(),
  lockout: fields({
    attempts: count.optional(),
    minutes: count.optional(),
  } satisfies { [K in keyof Settings['lockout']]-?: z.ZodType }).optional(),
  second_approver_above_fen: count.nullable().optional(),
} satisfies { [K in keyof SettingsChanges]-?: z.ZodType });

/** An account's roles: a list, or as written `operator,approver`. */
const roleList = z.union(
  [listOf(oneOf(ROLE_NAMES), EXPECT.oneOf(ROLE_NAMES)), text()],
  expecting(EXPECT.roles(ROLE_NAMES)),
);

// ---------------------------------------------------------------------------------------------------------
// One schema per operation (IPC form)

export const OPERATION_SCHEMAS = {
  appInfo: noInput,

  validateFile: intakeInput(ipcBytes),
  importFile: importInput(ipcBytes),

  listBatches: fields({
    statuses: listOf(oneOf(BATCH_STATUSES), EXPECT.oneOf(BATCH_STATUSES)).optional(),
    active: flag.optional(),
  }).optional(),
  batchDetail: fields({
    ...batchRef,
    offset: count.optional(),
    limit: count.optional(),
    states: listOf(text(LIMITS.code), EXPECT.textUpTo(LIMITS.code)).optional(),
    code: text(LIMITS.code).optional(),
  }),
  batchStatus: fields(batchRef),
  approveBatch: fields({
    ...batchRef,
    confirmCount: count.optional(),
    confirmTotalFen: count.optional(),
    comment: text().optional(),
  }),
  approvalReview: fields(batchRef),
  attentionQueue: noInput,
  exportBatchResults: fields(batchRef),
  retryFailedPayouts: fields({
    ...batchRef,
    edits: gridListOf(gridEdit, EXPECT.object).optional(),
    leaveOut: gridListOf(id, EXPECT.positiveId).optional(),
  }),
  payoutReport: fields({ ...reportScope, offset: count.optional(), limit: count.optional() }),
  exportReport: fields({
    ...reportScope,
    format: oneOf(REPORT_FORMATS),
    encoding: oneOf(REPORT_ENCODINGS).optional(),
    clearCards: flag.optional(),
  }),
  reconcile: reconcileInput(ipcBytes),
  reconciliationRuns: fields({ offset: count.optional(), limit: count.optional() }).optional(),
  reconciliationRun: fields({ runId: id }),
  resolveReconciliationException: fields({ exceptionId: id, note: text() }),
  rejectBatch: fields({ ...batchRef, reason: text() }),
  submitBatch: fields(batchRef),
  pauseBatch: fields(batchRef),
  resumeBatch: fields(batchRef),
  cancelBatch: fields(batchRef),
  recheckBatch: fields(batchRef),

  shippedBanks: fields({ method: methodId }),
  bankTables: methods,
  fetchedBanks: methods,
  refreshBanks: methods,

  credentialsStatus: fields({ environment: production }),
  setCredentials: fields({
    environment: production,
    projectId: id,
    secretKey: text(),
    replace: flag.optional(),
  }),
  deleteCredentials: fields({ environment: production }),
  setComputopCredentials: fields({
    merchantId: text(),
    hmacPassword: text(),
    blowfishPassword: text(),
    replace: flag.optional(),
  }),
  setDataApiCredentials: fields({ token: text(), secret: text(), replace: flag.optional() }),
  providerCredentialsStatus: noInput,
  deleteProviderCredentials: fields({ provider: oneOf(['computop', 'data_api'] as const) }),

  listMappingPresets: noInput,
  saveMappingPreset: fields({
    name: presetName,
    map: z.record(z.string().max(LIMITS.text), z.string().max(LIMITS.text), expecting(EXPECT.mapping)),
  }),
  deleteMappingPreset: fields({ name: presetName }),
  fileTemplates: noInput,

  getSettings: noInput,
  changeSettings: fields({ changes: settingsChanges }),

  auditTrail: fields({
    batchId: id.optional(),
    from: text(LIMITS.code).optional(),
    to: text(LIMITS.code).optional(),
    user: text().optional(),
    action: text(LIMITS.code).optional(),
    offset: count.optional(),
    limit: count.optional(),
  }).optional(),
  verifyAudit: noInput,

  backupDatabase: fields({ destination: text() }),

  securityStatus: noInput,
  initialise: fields({ admin: text(), password: text(), passphrase: text().nullable().optional() }),
  signIn: fields({ name: text(), password: text() }),
  signOut: noInput,
  unlockSession: fields({ password: text() }),
  currentSession: noInput,
  listUsers: noInput,
  addUser: fields({ name: text(), roles: roleList, password: text() }),
  disableUser: fields({ name: text() }),
  enableUser: fields({ name: text() }),
  setUserRoles: fields({ name: text(), roles: roleList }),
  resetPassword: fields({ name: text(), password: text() }),
  changePassword: fields({ current: text(), password: text() }),
  setPassphrase: fields({ passphrase: text() }),
  unlockKey: fields({ passphrase: text() }),
  revealPayees: fields(batchRef),
} satisfies { [K in OperationName]: z.ZodType };

/** The browser bridge's form where it differs: file bytes as {"$bytes": base64}. */
export const BRIDGE_SCHEMAS = {
  validateFile: intakeInput(bridgeBytes),
  importFile: importInput(bridgeBytes),
  reconcile: reconcileInput(bridgeBytes),
} satisfies { [K in OperationName]?: z.ZodType };

/** The language argument that travels with every call; anything else means English. */
export const LANG_SCHEMA = z.enum(LANGS);

export function langOf(raw: unknown): Lang {
  const parsed = LANG_SCHEMA.safeParse(raw);
  return parsed.success ? parsed.data : 'en';
}

// ---------------------------------------------------------------------------------------------------------
// The check

export type Transport = 'ipc' | 'bridge';

export type InputCheck =
  { ok: true; value: unknown } | { ok: false; error: { code: 'INVALID_INPUT'; message: string } };

type Path = ReadonlyArray<PropertyKey>;

/**
 * Checks one operation's input at the boundary. `value` is the checked copy to pass on (only the documented
 * fields). Refusals name the field path and what was expected, in `lang`.
 */
export function checkOperationInput(
  name: string,
  input: unknown,
  lang: Lang = 'en',
  transport: Transport = 'ipc',
): InputCheck {
  const schema = schemaOf(name, transport);
  if (!schema) return refuse(lang, { en: 'There is no such operation.', zh: '没有这个操作。' });
  const hostile = hostileShape(input);
  if (hostile) return refuse(lang, describeHostile(hostile));
  const parsed = schema.safeParse(input);
  if (parsed.success) return { ok: true, value: parsed.data };
  const [first, ...rest] = parsed.error.issues;
  if (!first) return refuse(lang, { en: 'Invalid input.', zh: '输入无效。' });
  const described = describeIssue(first, input);
  if (rest.length > 0) {
    described.en += ` (${rest.length} more problem${rest.length === 1 ? '' : 's'})`;
    described.zh += `（另有 ${rest.length} 处问题）`;
  }
  return refuse(lang, described);
}

function schemaOf(name: string, transport: Transport): z.ZodType | null {
  // Own keys only: `__proto__` or `toString` is no operation.
  if (transport === 'bridge' && Object.hasOwn(BRIDGE_SCHEMAS, name))
    return BRIDGE_SCHEMAS[name as keyof typeof BRIDGE_SCHEMAS];
  if (Object.hasOwn(OPERATION_SCHEMAS, name)) return OPERATION_SCHEMAS[name as OperationName];
  return null;
}

function refuse(lang: Lang, message: Expected): InputCheck {
  const text = lang === 'zh-CN' ? message.zh : message.en;
  return {
    ok: false,
    error: {
      code: 'INVALID_INPUT',
      message: text.length > MAX_MESSAGE ? `${text.slice(0, MAX_MESSAGE - 1)}…` : text,
    },
  };
}

// ---------------------------------------------------------------------------------------------------------
// Shapes refused before the schema runs

interface Hostile {
  path: Path;
  reason: 'forbiddenKey' | 'notPlain' | 'tooDeep';
  key?: string;
}

/**
 * The first place where the input is not plain data: a forbidden key (own, so JSON.parse's `__proto__` too),
 * an object that is not a plain object, list or byte array (a Map, a Date, a class instance, a symbol key),
 * or nesting deeper than LIMITS.depth. Walked without recursion, so no depth of input can overflow the stack.
 */
function hostileShape(input: unknown): Hostile | null {
  const stack: Array<{ value: unknown; path: Path }> = [{ value: input, path: [] }];
  while (stack.length > 0) {
    const { value, path } = stack.pop()!;
    if (value === null || typeof value !== 'object') {
      if (typeof value === 'function' || typeof value === 'symbol') return { path, reason: 'notPlain' };
      continue;
    }
    if (value instanceof Uint8Array) continue;
    if (path.length >= LIMITS.depth) return { path, reason: 'tooDeep' };
    const proto = Object.getPrototypeOf(value) as unknown;
    const isList = Array.isArray(value) && proto === Array.prototype;
    if (!isList && proto !== Object.prototype && proto !== null) return { path, reason: 'notPlain' };
    // A list too long for any schema (the grid's are the longest) is refused by the schema; its entries need no walk.
    if (isList && (value as unknown[]).length > LIMITS.gridLines) continue;
    for (const key of Reflect.ownKeys(value)) {
      if (typeof key === 'symbol') return { path, reason: 'notPlain' };
      if (isList && key === 'length') continue;
      if (FORBIDDEN_KEYS.includes(key)) return { path, reason: 'forbiddenKey', key };
      const descriptor = Object.getOwnPropertyDescriptor(value, key);
      // An accessor would run code when read: data arrives as values only.
      if (!descriptor || !('value' in descriptor)) return { path: [...path, key], reason: 'notPlain' };
      stack.push({ value: descriptor.value, path: [...path, isList ? Number(key) : key] });
    }
  }
  return null;
}

function describeHostile(hostile: Hostile): Expected {
  const where = fieldName(hostile.path);
  if (hostile.reason === 'forbiddenKey')
    return {
      en: `Invalid ${where}: the field name "${hostile.key}" is not allowed.`,
      zh: `${where} 无效：不允许使用字段名“${hostile.key}”。`,
    };
  if (hostile.reason === 'tooDeep')
    return {
      en: `Invalid ${where}: nested more than ${LIMITS.depth} levels deep.`,
      zh: `${where} 无效：嵌套超过 ${LIMITS.depth} 层。`,
    };
  return {
    en: `Invalid ${where}: expected plain data (objects, lists, text, numbers, true or false, null).`,
    zh: `${where} 无效：应为普通数据（对象、列表、文本、数字、true/false、null）。`,
  };
}

// ---------------------------------------------------------------------------------------------------------
// Messages

function describeIssue(issue: z.core.$ZodIssue, input: unknown): Expected {
  const path = issue.path as Path;
  const where = fieldName(path);
  if (issue.code === 'unrecognized_keys') {
    const keys = issue.keys.map(safeKey);
    const named = keys.length === 1 ? `field ${keys[0]}` : `fields ${keys.slice(0, 5).join(', ')}`;
    return {
      en: `Invalid ${where}: unknown ${named}.`,
      zh: `${where} 无效：未知字段 ${keys.slice(0, 5).join('、')}。`,
    };
  }
  const expected = expectedOf(issue);
  if (issue.code === 'invalid_type' && isMissing(input, path))
    return { en: `Missing ${where}: expected ${expected.en}.`, zh: `缺少 ${where}：应为${expected.zh}。` };
  return { en: `Invalid ${where}: expected ${expected.en}.`, zh: `${where} 无效：应为${expected.zh}。` };
}

/** What the failing schema expected: its registered text, or a generic one (zod's own text is not shown). */
function expectedOf(issue: z.core.$ZodIssue): Expected {
  const zh = ZH.get(issue.message);
  if (zh !== undefined) return { en: issue.message, zh };
  if (issue.code === 'invalid_key' || issue.code === 'invalid_element') {
    const inner = issue.issues[0];
    if (inner) return expectedOf(inner);
  }
  if (issue.code === 'too_big' && issue.origin === 'string') return EXPECT.textUpTo(Number(issue.maximum));
  if (issue.code === 'invalid_type' && issue.expected === 'string') return EXPECT.textUpTo(LIMITS.text);
  return { en: 'a value of the documented type', zh: '符合文档的值' };
}

/** A field path as `file.bytes`, `statuses[2]`, `changes.limits.cup-p2p`; the whole input is `input`. */
function fieldName(path: Path): string {
  if (path.length === 0) return 'input';
  let name = '';
  for (const segment of path) {
    if (typeof segment === 'number') name += `[${segment}]`;
    else name += name === '' ? safeKey(segment) : `.${safeKey(segment)}`;
  }
  return name;
}

/** A key as it may be shown: a caller's key is data, shown only when short and plain. */
function safeKey(key: PropertyKey): string {
  const text = String(key);
  return /^[A-Za-z_$][\w$-]{0,63}$/.test(text) ? text : '(a field with an unusual name)';
}

/** Whether the field at `path` is absent from its (object) parent: "missing" rather than "invalid". */
function isMissing(input: unknown, path: Path): boolean {
  if (path.length === 0) return input === undefined;
  let parent: unknown = input;
  for (const segment of path.slice(0, -1)) {
    if (parent === null || typeof parent !== 'object') return false;
    parent = (parent as Record<PropertyKey, unknown>)[segment];
  }
  return (
    parent !== null &&
    typeof parent === 'object' &&
    !Object.hasOwn(parent, path[path.length - 1] as PropertyKey)
  );
}
