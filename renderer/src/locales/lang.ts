/** The languages the console speaks (its own module: plain TypeScript, loadable under Node for tests). */
export type UiLang = 'zh-CN' | 'en';
export const UI_LANGS: readonly UiLang[] = ['zh-CN', 'en'];
