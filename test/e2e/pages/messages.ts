/**
 * The console's words as the screens show them, read from the renderer's own message files: a test names a
 * message by its key and gets it in the page's current language, so a changed wording changes the test's
 * expectation with it (and a removed key fails loudly).
 */
import approval from '../../../renderer/src/locales/messages/approval.js';
import attention from '../../../renderer/src/locales/messages/attention.js';
import batches from '../../../renderer/src/locales/messages/batches.js';
import common from '../../../renderer/src/locales/messages/common.js';
import importMessages from '../../../renderer/src/locales/messages/import.js';
import labels from '../../../renderer/src/locales/messages/labels.js';
import layout from '../../../renderer/src/locales/messages/layout.js';
import reconciliation from '../../../renderer/src/locales/messages/reconciliation.js';
import reports from '../../../renderer/src/locales/messages/reports.js';
import settings from '../../../renderer/src/locales/messages/settings.js';
import type { UiLang } from '../../../renderer/src/locales/lang.js';
import { ERROR_MESSAGES, type ErrorCode } from '../../../electron/core/app/errorMessages.js';
import type { ErrorParams } from '../../../electron/core/app/errors.js';

export type Lang = UiLang;
export const OTHER_LANG: Record<Lang, Lang> = { 'zh-CN': 'en', en: 'zh-CN' };

type Tree = { [key: string]: string | Tree };
const NAMESPACES: Record<string, Record<Lang, Tree>> = {
  approval,
  attention,
  batches,
  common,
  import: importMessages,
  labels,
  layout,
  reconciliation,
  reports,
  settings,
};

function lookup(lang: Lang, key: string): string {
  const [namespace = '', ...path] = key.split('.');
  let node: string | Tree | undefined = NAMESPACES[namespace]?.[lang];
  for (const part of path) node = typeof node === 'object' ? node[part] : undefined;
  if (typeof node !== 'string') throw new Error(`no message ${key} in ${lang}`);
  return node;
}

/** vue-i18n's default choice among a message's plural forms ("a | b" or "none | one | many"). */
function pluralForm(forms: string[], count: number): string {
  const n = Math.abs(count);
  const index = forms.length === 2 ? (n === 1 ? 0 : 1) : Math.min(n, forms.length - 1);
  return forms[index] ?? forms[forms.length - 1] ?? '';
}

/**
 * The message `key` (namespace first: `batches.action.submit`) in `lang`, its {placeholders} filled from
 * `values`; with `count`, the plural form vue-i18n would pick.
 */
export function message(
  lang: Lang,
  key: string,
  values: Record<string, string | number> = {},
  count?: number,
): string {
  let text = lookup(lang, key);
  if (count !== undefined) {
    text = pluralForm(
      text.split('|').map((form) => form.trim()),
      count,
    );
  }
  return text.replace(/\{(\w+)\}/g, (whole, name: string) =>
    Object.hasOwn(values, name) ? String(values[name]) : whole,
  );
}

/** A refusal as the console words it (the main process's messages come in the page's language). */
export function consoleError(lang: Lang, code: ErrorCode, params: ErrorParams = {}): string {
  return ERROR_MESSAGES[code][lang](params);
}
