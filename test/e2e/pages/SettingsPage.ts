/** The admin's settings, one tab per subject (the tab is part of the address). */
import type { Locator } from 'playwright-core';
import type { ConsoleUi } from './consoleUi.js';
import { poll } from '../support/poll.js';

export type SettingsTab = 'general' | 'credentials' | 'defaults' | 'limits' | 'banks' | 'users' | 'security';

export class SettingsPage {
  constructor(private readonly ui: ConsoleUi) {}

  private get page() {
    return this.ui.page;
  }

  get root(): Locator {
    return this.page.getByTestId('view-settings');
  }

  get heading(): Locator {
    return this.root.getByRole('heading', { level: 2, name: this.ui.t('settings.title'), exact: true });
  }

  tab(tab: SettingsTab): Locator {
    return this.root.getByRole('tab', { name: this.ui.t(`settings.tabs.${tab}`), exact: true });
  }

  async waitUntilShown(): Promise<void> {
    await this.heading.waitFor();
  }

  async openTab(tab: SettingsTab): Promise<void> {
    await this.tab(tab).click();
    await poll(() => this.tab(tab).getAttribute('aria-selected')).toBe('true');
  }
}
