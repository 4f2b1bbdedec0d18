import type { Locator } from '@playwright/test';
import { expect, test } from './web-host-fixture';

const countOf = async (col: Locator) =>
  Number(/(\d[\d\s\u202f\u00a0]*) opportunités/.exec(await col.locator('header').innerText())![1]!.replace(/\D/g, ''));

test.describe('a trader works the pipeline board', () => {
  test('drags a deal to the next stage, moves another from the keyboard, and finds the move in its history', async ({ page, host }) => {
    await page.goto(host.url);
    await page.getByRole('link', { name: 'Tableau du pipeline' }).click();
    const qualif = page.getByTestId('board-col-Qualification');
    const devis = page.getByTestId('board-col-Devis envoyé');
    await expect(qualif.locator('.board-card').first()).toBeVisible();
    const [q0, d0] = [await countOf(qualif), await countOf(devis)];

    const card = qualif.locator('.board-card').first();
    const ref = (await card.getAttribute('data-testid'))!.replace('card-', '');
    await card.dragTo(devis);
    await expect(devis.getByTestId(`card-${ref}`)).toBeVisible();
    await expect.poll(() => countOf(qualif)).toBe(q0 - 1);
    await expect.poll(() => countOf(devis)).toBe(d0 + 1);
    await page.screenshot({ path: 'test-results/screenshots/board.png' });

    // keyboard: focus a card, Alt+→ moves it one stage on
    const second = qualif.locator('.board-card').first();
    const ref2 = (await second.getAttribute('data-testid'))!.replace('card-', '');
    await second.focus();
    await page.keyboard.press('Alt+ArrowRight');
    await expect(devis.getByTestId(`card-${ref2}`)).toBeVisible();
    // the moved card keeps the focus: the next Alt+→ moves it again, without the mouse
    await expect(devis.getByTestId(`card-${ref2}`)).toBeFocused();

    // Enter opens the deal, whose history shows the move
    await devis.getByTestId(`card-${ref}`).focus();
    await page.keyboard.press('Enter');
    await expect(page.getByTestId('opportunity-history')).toContainText('Qualification → Devis envoyé');
  });
});
