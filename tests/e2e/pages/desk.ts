import { expect, type Page } from '@playwright/test';

export type DeskRole = 'Commercial' | 'Achats' | 'Crédit client' | 'Direction commerciale';

/** The person at the desk changes: the first user with that role (their role decides what they may approve or send). */
export async function actAs(page: Page, role: DeskRole) {
  await page.getByRole('link', { name: 'Paramètres' }).click();
  const mine = page.locator('#set-user');
  const option = mine.locator('option', { hasText: `— ${role}` }).first();
  await expect(option).toBeAttached();
  await mine.selectOption({ label: await option.innerText() });
  await expect(mine.locator('option:checked')).toContainText(role);
}

/** Ctrl+K, a few words, Entrée: where the palette's first answer leads. */
export async function goTo(page: Page, words: string) {
  await expect(page.getByRole('navigation')).toBeVisible();
  await page.keyboard.press('ControlOrMeta+k');
  await page.getByTestId('palette').getByRole('searchbox').fill(words);
  await expect(page.getByTestId('palette').getByRole('option').first()).toBeVisible();
  await page.keyboard.press('Enter');
}
