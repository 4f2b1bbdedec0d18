import { expect, test } from './web-host-fixture';
import { OpportunitiesPage } from './opportunities-page';

test.describe('a trader works from the keyboard', () => {
  test('Ctrl+K goes anywhere: a screen, a deal by reference, a new deal typed to the end with a French date', async ({ page, host }) => {
    const opps = new OpportunitiesPage(page);
    await opps.open(host.url);
    const reference = (await opps.column('reference'))[0]!;
    const palette = page.getByTestId('palette');

    // from the board, a screen by its name
    await page.getByRole('link', { name: 'Tableau du pipeline' }).click();
    await page.keyboard.press('ControlOrMeta+k');
    await expect(palette).toBeVisible();
    await page.keyboard.type('credit');
    await expect(palette.getByRole('option').first()).toContainText('Crédit client');
    await page.keyboard.press('Enter');
    await expect(page.getByRole('heading', { name: 'Crédit client' })).toBeVisible();

    // a deal by its reference; nothing found is said
    await page.keyboard.press('ControlOrMeta+k');
    await page.keyboard.type('zzqx introuvable');
    await expect(palette).toContainText('Aucun résultat pour « zzqx introuvable »');
    await palette.getByRole('searchbox').fill(reference);
    await expect(palette.getByRole('option').first()).toContainText(reference);
    await page.keyboard.press('Enter');
    await expect(page.getByTestId('opportunity-view').getByRole('heading', { level: 1 })).toContainText(reference);

    // Échap closes the palette and leaves the screen as it was
    await page.keyboard.press('ControlOrMeta+k');
    await page.keyboard.press('Escape');
    await expect(palette).toBeHidden();
    await expect(page.getByTestId('opportunity-view')).toBeVisible();

    // a new deal, keyboard only: the customer's first suggestion with ↓ Entrée, a short French date, Enter
    await page.keyboard.press('ControlOrMeta+k');
    await page.keyboard.type('nouvelle opp');
    await page.keyboard.press('Enter');
    const form = page.getByTestId('new-opportunity');
    await expect(form).toBeVisible();
    await page.keyboard.type('gaec');
    const first = form.getByRole('option').first();
    await expect(first).toHaveAttribute('aria-selected', 'true');
    const customer = await first.locator('b').innerText();
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Enter');
    await expect(form.getByLabel('Client')).toHaveValue(new RegExp(`^${customer}`));
    await page.keyboard.type('Semences de printemps');
    await page.keyboard.press('Tab');
    await page.keyboard.type('15/3/27');
    await page.keyboard.press('Enter');
    const header = page.getByTestId('deal-header');
    await expect(header.getByLabel('Clôture prévue')).toHaveValue('15/03/2027');
    await expect(header).toContainText(customer);
  });

  test('back from a deal, the list keeps its search, filter, scroll and focused row; searches take every word', async ({ page, host }) => {
    const opps = new OpportunitiesPage(page);
    await opps.open(host.url);

    // the close-date filter reads a French day typed short, whatever the browser's language
    const day = (await opps.column('expectedClose')).find(Boolean)!;
    await opps.grid.locator('.ag-header-cell[col-id="expectedClose"] .ag-header-cell-filter-button').click();
    const input = page.locator('.ag-filter .grid-date-input').first();
    await expect(input).toHaveAttribute('placeholder', 'jj/mm/aaaa');
    await input.fill(`${day.slice(0, 2)}/${day.slice(3, 5)}/${day.slice(8)}`);
    await expect.poll(async () => new Set((await opps.column('expectedClose')).filter(Boolean))).toEqual(new Set([day]));
    await page.keyboard.press('Escape');
    const filtered = await opps.status.innerText();

    // two words in any order: a title word and a customer word
    const [title = [], customerName = []] = await opps.columns('title', 'customerName');
    await opps.search.fill(`${customerName[0]!.split(' ').at(-1)} ${title[0]!.split(' ')[0]}`);
    await expect.poll(() => opps.status.innerText()).not.toBe(filtered);
    const search = await opps.search.inputValue();
    await opps.search.fill('');
    await expect.poll(() => opps.status.innerText()).toBe(filtered);
    await opps.search.fill(search);
    await expect.poll(() => opps.status.innerText()).not.toBe(filtered);
    expect(await opps.rows().count()).toBeGreaterThan(0);

    // open the second row from the keyboard, come back with Échap
    await opps.search.fill('');
    await expect.poll(() => opps.status.innerText()).toBe(filtered);
    const refs = await opps.column('reference');
    await opps.rows().nth(1).locator('[col-id="title"]').click();
    await page.keyboard.press('Enter');
    await expect(page.getByTestId('opportunity-view').getByRole('heading', { level: 1 })).toContainText(refs[1]!);
    await page.keyboard.press('Escape');
    await expect.poll(() => opps.status.innerText()).toBe(filtered);
    await expect(page.locator('.ag-cell-focus')).toHaveAttribute('col-id', 'title');
    await expect(page.locator('.ag-row-focus [col-id="reference"]')).toHaveText(refs[1]!);
  });

  test('a long list comes back scrolled where it was, and Alt+A goes to « Ajouter un article » which takes every word', async ({ page, host }) => {
    const opps = new OpportunitiesPage(page);
    await opps.open(host.url);
    // page down far into the list, as a trader reads it
    await opps.rows().first().locator('[col-id="customerName"]').click();
    for (let i = 0; i < 9; i++) await page.keyboard.press('PageDown');
    const focused = page.locator('.ag-row-focus');
    await expect.poll(async () => Number(await focused.getAttribute('row-index'))).toBeGreaterThan(100);
    await expect(focused.locator('[col-id="reference"]')).toHaveText(/OPP-/);
    const ref = await focused.locator('[col-id="reference"]').innerText();
    const top = Number(await opps.rows().first().getAttribute('row-index'));
    await page.keyboard.press('Enter');
    await expect(page.getByTestId('opportunity-view').getByRole('heading', { level: 1 })).toContainText(ref);

    // Alt+A from the lines: the article search, two words of a product in reverse order, ↓ Entrée picks the first
    await page.getByTestId('opportunity-lines').locator('.ag-row[row-index="0"] [col-id="qty"]').click();
    await page.keyboard.press('Alt+a');
    const add = page.getByLabel('Ajouter un article (code ou nom)…');
    await expect(add).toBeFocused();
    await page.keyboard.type('vrac porc');
    const hits = page.locator('.add-line .hits [role="option"]');
    await expect(hits.first()).toContainText(/porc/i);
    for (const text of await hits.allInnerTexts()) expect(text.toLowerCase()).toMatch(/(?=.*vrac)(?=.*porc)/);
    await add.fill('zzqx');
    await expect(page.locator('.add-line .hits')).toHaveText('Aucun résultat pour « zzqx »');

    await page.getByRole('button', { name: '← Opportunités' }).click();
    await expect(page.locator('.ag-row-focus [col-id="reference"]')).toHaveText(ref);
    await expect(page.locator('.ag-row-focus [col-id="customerName"]')).toBeFocused();
    // scrolled where it was, not back at the top: the focused row on screen, rows far down drawn
    await expect(page.locator('.ag-row-focus').first()).toBeInViewport();
    expect(Number(await opps.rows().first().getAttribute('row-index'))).toBeGreaterThan(Math.min(50, top));
  });
});
