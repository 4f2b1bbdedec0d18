import type { Page } from '@playwright/test';
import { euros } from './opportunities-page';
import { expect, test } from './web-host-fixture';

const lineRows = (page: Page) => page.getByTestId('opportunity-lines').locator('.ag-row:not(.ag-row-pinned)');
const cell = (page: Page, row: number, col: string) => lineRows(page).nth(row).locator(`[col-id="${col}"]`);

/** Adds a line from the keyboard: product search, ↓, Enter, quantity, Enter. */
async function addLine(page: Page, search: string, qty: string) {
  const before = await lineRows(page).count();
  const product = page.getByRole('searchbox', { name: 'Ajouter un article (code ou nom)…' });
  await product.fill(search);
  // the hits of this search, not the last one's
  await expect(page.locator('.hits li').first()).toContainText(search);
  await product.press('ArrowDown');
  await product.press('Enter');
  await page.getByRole('textbox', { name: 'Quantité' }).fill(qty);
  await page.getByRole('textbox', { name: 'Quantité' }).press('Enter');
  // core answered and the bar is cleared for the next line
  await expect(lineRows(page)).toHaveCount(before + 1);
}

/** Types into a line cell like a spreadsheet: focus, Enter, type, Enter. */
async function typeInCell(page: Page, row: number, col: string, text: string) {
  await cell(page, row, col).click();
  await page.keyboard.press('Enter');
  await page.keyboard.press('ControlOrMeta+A');
  await page.keyboard.type(text);
  await page.keyboard.press('Enter');
}

test.describe('a trader builds and prices a deal from the keyboard', () => {
  test('creates a deal for a customer, adds three lines, prices below the minimum, changes warehouse, undoes', async ({ page, host }) => {
    await page.goto(host.url);
    await page.getByRole('button', { name: 'Nouvelle opportunité' }).click();
    const customer = page.getByLabel('Client');
    await customer.fill('gaec');
    await expect(page.locator('.hits li').first()).toBeVisible();
    await customer.press('Enter');
    await page.getByLabel('Titre').fill('Semis de printemps');
    await page.getByLabel('Titre').press('Enter');
    const view = page.getByTestId('opportunity-view');
    await expect(view.getByRole('heading', { level: 1 })).toContainText('Semis de printemps');
    // the customer's card: what they bought most over the last twelve months
    await expect(page.getByTestId('top-products').locator('dt').first()).toHaveText(/^[A-Z]{3}-\d{4,5} · /);

    await addLine(page, 'SEM-0000', '800');
    await expect(lineRows(page)).toHaveCount(1);
    await addLine(page, 'ENG-0000', '12');
    await addLine(page, 'ALI-0000', '5,5');
    await expect(lineRows(page)).toHaveCount(3);
    await expect(cell(page, 2, 'qty')).toHaveText(/^5,5 t$/);
    // every line shows stock in the six warehouses and its availability
    await expect(cell(page, 0, 'availability')).toHaveText(/Disponible|Autre dépôt|Partiel|Rupture/);
    await expect(cell(page, 0, 'atp-1')).toHaveText(/kg$/);

    // a price below cost: the margin and the guard follow, computed by core
    const amountBefore = euros(
      await page
        .getByTestId('deal-totals')
        .locator('div')
        .first()
        .innerText()
        .then((t) => t.replace('Montant HT', '')),
    );
    const erpCost = await cell(page, 1, 'erpUnitCost').innerText();
    const below = (euros(erpCost) * 0.8).toFixed(2).replace('.', ',');
    const dealAmount = async () => euros((await page.getByTestId('deal-totals').locator('div').first().innerText()).replace('Montant HT', ''));
    const guardBefore = await cell(page, 1, 'guard').innerText();
    // while typing, before Enter: the line's margin, its guard and the deal totals already follow
    await cell(page, 1, 'unitPrice').click();
    await page.keyboard.press('Enter');
    await page.keyboard.press('ControlOrMeta+A');
    await page.keyboard.type(below);
    await expect(cell(page, 1, 'unitPrice')).toHaveClass(/ag-cell-inline-editing/);
    await expect(cell(page, 1, 'guard')).toHaveText('Sous le coût');
    await expect(cell(page, 1, 'marginRate')).toHaveText(/^-/);
    await expect.poll(dealAmount).not.toBe(amountBefore);
    await page.screenshot({ path: 'test-results/screenshots/typing-price.png', fullPage: true });
    // Esc: nothing was saved, the figures come back
    await page.keyboard.press('Escape');
    await expect(cell(page, 1, 'guard')).toHaveText(guardBefore);
    await expect.poll(dealAmount).toBe(amountBefore);
    // typed again and saved with Enter: core's figures are the ones previewed
    await typeInCell(page, 1, 'unitPrice', below);
    await expect(cell(page, 1, 'guard')).toHaveText('Sous le coût');
    await expect(page.getByTestId('deal-guard')).toContainText(/Sous le coût|Sous minimum|Sous objectif/);
    // the guard names the line that asks for an approval, with its margin and its minimum
    await expect(page.getByTestId('lines-below')).toContainText(/ligne 2 ENG-0000\d à -\d+,\d\s% \(min\. \d+,\d\s%\)/);
    await expect.poll(dealAmount).not.toBe(amountBefore);

    // below the minimum, the trader asks for an approval with a reason; the request stays on the deal
    await page.getByRole('button', { name: 'Demander un accord' }).click();
    await page.getByLabel('Pourquoi cette marge ? (visible du valideur)').fill('Alignement sur un concurrent');
    await page.getByRole('button', { name: 'Envoyer la demande' }).click();
    await expect(page.getByTestId('approval-state')).toContainText('accord demandé par Claire Martin');
    await expect(page.getByRole('button', { name: 'Demander un accord' })).toHaveCount(0);

    // a wrong entry is refused with the line, the cell and the reason; nothing changes
    await typeInCell(page, 0, 'qty', 'beaucoup');
    await expect(view.getByRole('alert')).toContainText('Ligne 1 · Quantité : « beaucoup » n’est pas un nombre');
    await expect(cell(page, 0, 'qty')).toHaveText('800 kg');

    // another warehouse for the first line, then undo it
    await cell(page, 0, 'warehouse').click();
    // the pointer out of the way: the list opens over the cell, and a hovered item would move the arrows' start
    await page.mouse.move(0, 0);
    await page.keyboard.press('Enter');
    // the list is open before the arrows go to it (a slow machine drops keys sent before)
    const list = page.locator('.ag-select-list');
    await expect(list).toBeVisible();
    await page.keyboard.press('ArrowDown'); // LYO
    await expect(list.locator('.ag-list-item-hovered, .ag-active-item').first()).toHaveText('LYO');
    await page.keyboard.press('ArrowDown'); // REN
    await expect(list.locator('.ag-list-item-hovered, .ag-active-item').first()).toHaveText('REN');
    await page.keyboard.press('Enter');
    await expect(cell(page, 0, 'warehouse')).toHaveText('REN');
    await cell(page, 0, 'productCode').click();
    await page.keyboard.press('ControlOrMeta+z');
    await expect(cell(page, 0, 'warehouse')).toHaveText('Indifférent');
    await page.screenshot({ path: 'test-results/screenshots/editing.png', fullPage: true });

    // the header too: probability and expected close, saved as they change
    const header = page.getByTestId('deal-header');
    await header.getByLabel('Probabilité', { exact: true }).fill('35');
    await header.getByLabel('Probabilité', { exact: true }).press('Enter');
    // typed the French way, short: the day and month, a two-digit year
    await header.getByLabel('Clôture prévue').fill('31/3/27');
    await header.getByLabel('Clôture prévue').press('Enter');
    await expect(header.getByLabel('Clôture prévue')).toHaveValue('31/03/2027');
    await header.getByLabel('Clôture prévue').fill('31/02/2027');
    await header.getByLabel('Clôture prévue').press('Enter');
    await expect(header.getByRole('alert')).toHaveText('Date invalide : jj/mm/aaaa, jj/mm ou j/m/aa');

    // the history keeps every change
    const history = page.getByTestId('opportunity-history');
    await expect(history).toContainText(new RegExp(`Prix unitaire [\\d\\s]+,\\d+\\s€ → ${below}\\s€`));
    await expect(history).toContainText('Probabilité 10 → 35');
    await expect(history).toContainText('Clôture prévue — → 31/03/2027');
    await expect(history).not.toContainText('2027-02');
    await expect(history).toContainText('Ligne · ajoutée : ALI-0000');

    // on the board, the deal goes to "Négociation"; reopened, it shows the move and the audit trail
    const reference = (await view.getByRole('heading', { level: 1 }).innerText()).split(' — ')[0]!;
    await page.getByRole('link', { name: 'Tableau du pipeline' }).click();
    await page.getByRole('searchbox').fill(reference);
    const card = page.getByTestId('board-col-Qualification').getByTestId(`card-${reference}`);
    await expect(page.getByTestId('board-col-Qualification').locator('.board-card')).toHaveCount(1);
    await card.dragTo(page.getByTestId('board-col-Négociation'));
    const moved = page.getByTestId('board-col-Négociation').getByTestId(`card-${reference}`);
    await expect(moved).toBeVisible();
    await moved.focus();
    await page.keyboard.press('Enter');
    await expect(page.getByTestId('opportunity-history')).toContainText('Qualification → Négociation');
    await expect(page.getByTestId('opportunity-history')).toContainText('Étape Qualification → Négociation');
    await expect(page.getByTestId('opportunity-history')).toContainText('Prix unitaire');
    await page.screenshot({ path: 'test-results/screenshots/reopened-after-board.png', fullPage: true });
  });
});
