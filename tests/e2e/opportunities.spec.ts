import { expect, test } from './web-host-fixture';
import { euros, OpportunitiesPage } from './opportunities-page';

test.describe('a trader works the opportunities grid', () => {
  test('opens on the demo opportunities, searches a customer, sorts by amount and opens a deal', async ({ page, host }) => {
    const opps = new OpportunitiesPage(page);
    await opps.open(host.url);
    await expect(page.getByRole('heading', { name: 'Opportunités' })).toBeVisible();
    await expect(opps.status).toContainText('200 opportunités');
    expect(await opps.rows().count()).toBeGreaterThan(10);

    // search a customer as the trader would type it, without accents or capitals
    const firstCustomer = (await opps.column('customerName'))[0]!;
    const word = firstCustomer.split(' ')[1] ?? firstCustomer;
    await opps.search.fill(
      word
        .toLowerCase()
        .normalize('NFD')
        .replace(/[\u0300-\u036f]/g, ''),
    );
    await expect(opps.status).not.toContainText('200 opportunités');
    const customers = await opps.column('customerName');
    expect(customers.length).toBeGreaterThan(0);
    const titles = await opps.column('title');
    customers.forEach((c, i) =>
      expect(
        `${c} ${titles[i]}`
          .toLowerCase()
          .normalize('NFD')
          .replace(/[\u0300-\u036f]/g, ''),
      ).toContain(
        word
          .toLowerCase()
          .normalize('NFD')
          .replace(/[\u0300-\u036f]/g, ''),
      ),
    );

    // back to everything, biggest deals first
    await opps.search.fill('');
    await expect(opps.status).toContainText('200 opportunités');
    await opps.sortBy('Montant HT');
    await opps.sortBy('Montant HT');
    await expect(opps.grid.locator('.ag-header-cell[col-id="amount"]')).toHaveAttribute('aria-sort', 'descending');
    let top = '';
    let topAmount = '';
    await expect
      .poll(async () => {
        const [refs, amounts] = await opps.columns('reference', 'amount');
        const sorted = amounts!.length > 5 && amounts!.map(euros).every((a, i, all) => i === 0 || all[i - 1]! >= a);
        if (sorted) [top, topAmount] = [refs![0]!, amounts![0]!];
        return sorted;
      })
      .toBe(true);

    // open it from the keyboard
    await opps.rows().first().locator('[col-id="reference"]').click();
    await page.keyboard.press('Enter');
    const view = page.getByTestId('opportunity-view');
    await expect(view.getByRole('heading', { level: 1 })).toContainText(top);
    const lines = page.getByTestId('opportunity-lines');
    await expect(lines.locator('.ag-row:not(.ag-row-pinned)').first()).toBeVisible();
    await expect(lines.locator('.ag-row-pinned [col-id="amount"]')).toHaveText(topAmount);
    await expect(page.getByTestId('deal-totals')).toContainText(topAmount);
    await expect(lines.locator('.ag-row:not(.ag-row-pinned)').first().locator('[col-id="qty"]')).toHaveText(/\d.*\s(t|kg|m3|pal|u|m|l)$/);
    await expect(page.getByTestId('customer-card')).toContainText('Plafond de crédit');
    await page.screenshot({ path: 'test-results/screenshots/opportunity.png' });

    // Escape goes back to the grid, still sorted
    await page.keyboard.press('Escape');
    await expect(opps.rows().first()).toBeVisible();
    await expect.poll(async () => (await opps.column('reference'))[0]).toBe(top);
    await page.screenshot({ path: 'test-results/screenshots/opportunities-grid.png' });
  });

  test('Échap and « ← Opportunités » lead from a deal to the list, not to the screen the browser saw before', async ({ page, host }) => {
    const opps = new OpportunitiesPage(page);
    await opps.open(host.url);
    const first = (await opps.column('reference'))[0]!;
    await opps.rows().first().dblclick();
    const id = /#\/opportunities\/(\d+)/.exec(page.url())![1]!;
    for (const leave of ['Escape', 'button'] as const) {
      // the deal reached from Paramètres, as a link or a reference typed would take the trader there
      await page.goto(`${host.url}#/settings`);
      await expect(page.getByRole('heading', { name: 'Paramètres' })).toBeVisible();
      await page.goto(`${host.url}#/opportunities/${id}`);
      await expect(page.getByTestId('opportunity-view').getByRole('heading', { level: 1 })).toContainText(first);
      if (leave === 'Escape') await page.keyboard.press('Escape');
      else await page.getByRole('button', { name: '← Opportunités' }).click();
      await expect(page.getByRole('heading', { name: 'Opportunités' })).toBeVisible();
      expect(new URL(page.url()).hash).toBe('#/opportunities');
    }
  });

  test('filters by stage kind and remembers the column order and widths after a reload', async ({ page, host }) => {
    const opps = new OpportunitiesPage(page);
    await opps.open(host.url);
    await page.getByRole('button', { name: 'Gagnées' }).click();
    await expect.poll(async () => new Set(await opps.column('stageName'))).toEqual(new Set(['Gagné']));
    await page.getByRole('button', { name: 'Gagnées' }).click();

    const header = opps.grid.locator('.ag-header-cell[col-id="title"]');
    const before = (await header.boundingBox())!.width;
    const handle = header.locator('.ag-header-cell-resize');
    const box = (await handle.boundingBox())!;
    await opps.dragBy(box, 120);
    await expect.poll(async () => (await header.boundingBox())!.width).toBeGreaterThan(before + 80);
    await page.waitForTimeout(800); // the state is saved after a short pause
    await page.reload();
    await expect(opps.rows().first()).toBeVisible();
    await expect.poll(async () => (await opps.grid.locator('.ag-header-cell[col-id="title"]').boundingBox())!.width).toBeGreaterThan(before + 80);
    await page.getByRole('button', { name: 'Colonnes par défaut' }).click();
  });

  test('switches the interface to English with English number formats', async ({ page, host }) => {
    const opps = new OpportunitiesPage(page);
    await opps.open(host.url);
    await page.getByRole('link', { name: 'Paramètres' }).click();
    await page.getByLabel('Langue').selectOption('en');
    await page.getByRole('link', { name: 'Opportunities' }).click();
    await expect(page.getByRole('heading', { name: 'Opportunities' })).toBeVisible();
    await expect(opps.status).toContainText('200 opportunities');
    await expect(opps.rows().first().locator('[col-id="amount"]')).toHaveText(/^€[\d,]+\.\d{2}$/);
    await page.getByRole('link', { name: 'Settings' }).click();
    await page.getByLabel('Language').selectOption('fr');
    await expect(page.getByRole('link', { name: 'Opportunités' })).toBeVisible();
  });

  test('a request without the token gets 401', async ({ request, host }) => {
    const origin = new URL(host.url).origin;
    expect((await request.get(`${origin}/`)).status()).toBe(401);
    expect((await request.get(host.url)).status()).toBe(200);
  });
});

test.describe('the 360° view of a deal', () => {
  test('shows for each line its availability and ATP in every warehouse, the margin guard and the customer credit', async ({ page, host }) => {
    await page.goto(`${host.url}#/opportunities/1`);
    const lines = page.getByTestId('opportunity-lines');
    const first = lines.locator('.ag-row:not(.ag-row-pinned)').first();
    await expect(first).toBeVisible();
    // the demo's six warehouses, ids 1 to 6 in this order
    const codes = ['LYO', 'REN', 'TLS', 'LIL', 'BOD', 'ORL'];
    for (const [i, code] of codes.entries()) await expect(lines.locator(`.ag-header-cell[col-id="atp-${i + 1}"]`)).toContainText(code);
    await expect(first.locator('[col-id="availability"]')).toHaveText(/Disponible|Autre dépôt|Partiel|Rupture/);
    await expect(first.locator('[col-id="atp-1"]')).toHaveText(/^-?[\d\s\u202f]+(,\d+)?\s(t|kg|m3|pal|u|m|l)$/);
    await expect(page.getByTestId('deal-guard')).toContainText(/Garde-fou marge .* objectif 20,0\s%, minimum 12,0\s%/);
    const card = page.getByTestId('customer-card');
    await expect(card).toContainText('Disponible après cette affaire');
    await expect(card).toContainText('Dernières commandes');
    await expect(page.getByTestId('credit-state')).toHaveText(/Crédit OK|Crédit presque atteint|Dépassement : accord requis|Client bloqué/);
    await page.screenshot({ path: 'test-results/screenshots/opportunity-360.png', fullPage: true });
  });
});
