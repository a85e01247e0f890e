/**
 * Element Plus selects as a person uses them: a combobox that opens a listbox teleported to the end of the
 * body (found through the combobox's aria-controls), where the option is clicked.
 */
import type { Locator } from 'playwright-core';
import { poll } from '../support/poll.js';

export async function chooseOption(combobox: Locator, option: string | RegExp): Promise<void> {
  // The combobox's input sits under the select's visible box, which takes the click (as it does a person's).
  await combobox.click({ force: true });
  const listboxId = await combobox.getAttribute('aria-controls');
  if (!listboxId) throw new Error('the combobox names no listbox (aria-controls)');
  const listbox = combobox.page().locator(`[id="${listboxId}"]`);
  await poll(() => listbox.getAttribute('role')).toBe('listbox');
  await listbox.getByRole('option', { name: option, exact: typeof option === 'string' }).click();
  // Closed again before the next control is used. (The combobox itself may be renamed by the choice: the
  // language switch's name is in the page's language.)
  await listbox.waitFor({ state: 'hidden' });
}

/** The label of the chosen option as the select shows it (a non-filterable combobox keeps its input empty). */
export function selectedLabel(select: Locator): Promise<string> {
  return select.innerText().then((text) => text.trim());
}
