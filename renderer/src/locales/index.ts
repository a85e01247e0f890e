/**
 * The one place the language switches: vue-i18n's messages, Element Plus's own words (through the
 * ElConfigProvider in App.vue, which reads `elementLocale`), the grid's words, the page's `lang` (which every
 * call to the main process carries, so its messages come back in the same language) and the remembered choice.
 *
 * Messages live per screen in ./messages/<namespace>.ts, each with both languages side by side:
 * `t('import.title')` reads messages/import.ts. A new screen adds its file; nothing here changes.
 */
import { computed, ref } from 'vue';
import { createI18n, type LocaleMessageValue } from 'vue-i18n';
import elementEn from 'element-plus/es/locale/lang/en';
import elementZhCn from 'element-plus/es/locale/lang/zh-cn';
import { setGridLanguage } from '../adapter/vxe-table';

import type { UiLang } from './lang';

export type { UiLang } from './lang';
export { UI_LANGS } from './lang';

type Messages = { [key: string]: LocaleMessageValue<string> };
const modules = import.meta.glob<{ default: Record<UiLang, Messages> }>('./messages/*.ts', { eager: true });

function namespaced(lang: UiLang): Messages {
  const merged: Messages = {};
  for (const [path, module] of Object.entries(modules)) {
    const namespace = path.replace(/^.*\/(.+)\.ts$/, '$1');
    merged[namespace] = module.default[lang] as Messages;
  }
  return merged;
}

const STORAGE_KEY = 'cup-console.lang';

/** The language chosen before on this computer, else the system's. */
export function initialLanguage(): UiLang {
  let saved: string | null = null;
  try {
    saved = localStorage.getItem(STORAGE_KEY);
  } catch {
    // Storage may be unavailable (a locked-down profile): the system's language then.
  }
  if (saved === 'zh-CN' || saved === 'en') return saved;
  return navigator.language.toLowerCase().startsWith('zh') ? 'zh-CN' : 'en';
}

const start = initialLanguage();

const messages: Record<string, Messages> = { 'zh-CN': namespaced('zh-CN'), en: namespaced('en') };

export const i18n = createI18n({
  legacy: false as const,
  locale: start as string,
  fallbackLocale: 'en',
  messages,
  // Messages are plain text: no HTML, and no warnings for the message format's special characters in them.
  warnHtmlMessage: false,
  missingWarn: false,
  fallbackWarn: false,
});

const current = ref<UiLang>(start);

/** The language the console shows. */
export const language = computed(() => current.value);
/** Element Plus's words (date pickers, pagination, dialogs) in the same language. */
export const elementLocale = computed(() => (current.value === 'zh-CN' ? elementZhCn : elementEn));

export function setLanguage(lang: UiLang): void {
  current.value = lang;
  i18n.global.locale.value = lang as never;
  setGridLanguage(lang);
  document.documentElement.lang = lang;
  try {
    localStorage.setItem(STORAGE_KEY, lang);
  } catch {
    // Not remembered: the choice still holds for this window.
  }
}

setLanguage(start);
