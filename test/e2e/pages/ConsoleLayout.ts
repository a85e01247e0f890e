/**
 * The frame around every screen once someone is signed in: the header (who, which roles, the environment,
 * the language, sign out) and the navigation menu.
 */
import type { Locator } from 'playwright-core';
import type { ConsoleUi } from './consoleUi.js';
import { chooseOption } from './elementSelect.js';
import type { Lang } from './messages.js';
import { poll } from '../support/poll.js';

export type Section = 'batches' | 'import' | 'attention' | 'settings';

/** The language switch's options, each in its own language. */
const LANGUAGE_NAMES: Record<Lang, string> = { 'zh-CN': '中文', en: 'English' };

export class ConsoleLayout {
  constructor(private readonly ui: ConsoleUi) {}

  private get page() {
    return this.ui.page;
  }

  get title(): Locator {
    return this.page.getByRole('heading', { level: 1, name: this.ui.t('common.title') });
  }

  /** Who is signed in: their name and their roles. */
  get user(): Locator {
    return this.page.getByTestId('signed-in-user');
  }

  get environment(): Locator {
    return this.page.getByTestId('environment');
  }

  /** Named "语言 / Language" in Chinese, so that it is found whatever language the page is in. */
  get languageSwitch(): Locator {
    return this.page.getByRole('combobox', {
      name: new RegExp(`^${this.ui.t('layout.language')}( / Language)?$`),
    });
  }

  get menu(): Locator {
    return this.page.getByRole('menubar', { name: this.ui.t('common.title') });
  }

  navItem(section: Section): Locator {
    return this.menu.getByRole('menuitem', { name: this.ui.t(`layout.nav.${section}`), exact: true });
  }

  get signOutButton(): Locator {
    return this.page.getByRole('button', { name: this.ui.t('layout.signOut'), exact: true });
  }

  get main(): Locator {
    return this.page.getByRole('main');
  }

  async waitUntilShown(): Promise<void> {
    await this.user.waitFor();
  }

  async open(section: Section): Promise<void> {
    await this.navItem(section).click();
    await poll(() => this.page.url()).toContain(`#/${section}`);
  }

  /** Picks the language in the header's select; the page (its `lang`) and every screen follow. */
  async switchLanguage(lang: Lang): Promise<void> {
    await chooseOption(this.languageSwitch, LANGUAGE_NAMES[lang]);
    this.ui.lang = lang;
    await poll(() => this.page.locator('html').getAttribute('lang')).toBe(lang);
    await this.title.waitFor();
  }

  async signOut(): Promise<void> {
    await this.signOutButton.click();
    await this.page.getByRole('heading', { level: 2, name: this.ui.t('common.signInTitle') }).waitFor();
  }
}
