/**
 * The way into the console, shown instead of it until someone is signed in: the first admin's form on a new
 * database, the sign-in form, and the locked-session form. Fields are found by their labels.
 */
import type { Locator } from 'playwright-core';
import type { ConsoleUi } from './consoleUi.js';

export class SignInPage {
  constructor(private readonly ui: ConsoleUi) {}

  private get page() {
    return this.ui.page;
  }

  /** The console's title above the form. */
  get title(): Locator {
    return this.page.getByRole('heading', { level: 1, name: this.ui.t('common.title') });
  }

  /** The form's region, named by its heading: `signInTitle`, `createAdminTitle` or `unlockTitle`. */
  form(kind: 'signIn' | 'createAdmin' | 'unlock'): Locator {
    return this.page.getByRole('region', { name: this.ui.t(`common.${kind}Title`), exact: true });
  }

  get heading(): Locator {
    return this.page.getByRole('heading', { level: 2 });
  }

  get nameField(): Locator {
    return this.page.getByLabel(this.ui.t('common.accountName'), { exact: true });
  }

  get passwordField(): Locator {
    return this.page.getByLabel(this.ui.t('common.password'), { exact: true });
  }

  get passwordAgainField(): Locator {
    return this.page.getByLabel(this.ui.t('common.passwordAgain'), { exact: true });
  }

  get passphraseField(): Locator {
    return this.page.getByLabel(this.ui.t('common.passphrase'), { exact: true });
  }

  get signInButton(): Locator {
    return this.page.getByRole('button', { name: this.ui.t('common.signIn'), exact: true });
  }

  /** The form's refusal (the main process's message, or the form's own). */
  get alert(): Locator {
    return this.page.getByRole('alert');
  }

  /** Why the form is shown (signed out, session ended). */
  get notice(): Locator {
    return this.page.getByRole('status');
  }

  async waitForSignIn(): Promise<void> {
    await this.form('signIn').waitFor();
  }

  /** Types the name and the password and presses Enter, as a person at the keyboard does. */
  async submitSignIn(name: string, password: string): Promise<void> {
    await this.waitForSignIn();
    await this.nameField.fill(name);
    await this.passwordField.fill(password);
    await this.passwordField.press('Enter');
  }

  /** Signs in and waits for the console to show who is signed in. */
  async signIn(name: string, password: string): Promise<void> {
    await this.submitSignIn(name, password);
    await this.page.getByTestId('signed-in-user').waitFor();
  }

  /** Opens a locked session again with its password. */
  async unlock(password: string): Promise<void> {
    await this.form('unlock').waitFor();
    await this.passwordField.fill(password);
    await this.passwordField.press('Enter');
  }

  /** The first admin of a new database (and the passphrase for the command line). */
  async createAdmin(fields: {
    name: string;
    password: string;
    again?: string;
    passphrase?: string;
  }): Promise<void> {
    await this.form('createAdmin').waitFor();
    await this.nameField.fill(fields.name);
    await this.passwordField.fill(fields.password);
    await this.passwordAgainField.fill(fields.again ?? fields.password);
    await this.passphraseField.fill(fields.passphrase ?? '');
    await this.passphraseField.press('Enter');
  }
}
