import Database from 'better-sqlite3';
import { CreditPage } from './pages/credit-page';
import { DealPage } from './pages/deal-page';
import { actAs } from './pages/desk';
import { PurchasingPage } from './pages/purchasing-page';
import { expect, test } from './web-host-fixture';

const euros = (text: string) => Number(text.replace(/[\s\u00a0\u202f€]/g, '').replace(',', '.'));

test.describe('a day at each desk', () => {
  test('the trader pastes five lines from a spreadsheet, fixes a price, copies a block back, accepts the quote', async ({ page, host, context }) => {
    await context.grantPermissions(['clipboard-read', 'clipboard-write']);
    await page.goto(host.url);
    const deal = new DealPage(page);
    await deal.create('gaec', 'Réappro dépôt printemps');

    // five rows as Excel copies them: a header, French numbers, a unit, a price with its sign
    await deal.lines.click({ position: { x: 5, y: 5 } });
    await deal.paste(
      ['Code\tQuantité\tPrix', 'CIM-00001\t12\t9 990,00 €', 'CIM-00002\t3,5\t', 'CIM-00003\t1 200 u\t8 500', 'CIM-00004\t7\t', 'CIM-00005\t2\t'].join(
        '\r\n',
      ),
    );
    await expect(deal.rows()).toHaveCount(5);
    await expect(deal.cell(0, 'productCode')).toHaveText('CIM-00001');
    await expect(deal.cell(0, 'unitPrice')).toHaveText(/^9\s990,00\s€$/);
    await expect(deal.cell(1, 'qty')).toHaveText(/^3,5 /);

    // a wrong row is named and nothing changes
    await deal.paste('CIM-00001\tbeaucoup\nZZ-404\t3');
    await expect(deal.view.getByRole('alert')).toContainText('Ligne 1 du collage : Quantité : « beaucoup » n’est pas un nombre');
    await deal.paste('ZZ-404\t3');
    await expect(deal.view.getByRole('alert')).toContainText('Ligne 1 du collage : article « ZZ-404 » inconnu');
    await expect(deal.rows()).toHaveCount(5);

    // the same rows pasted again update their lines instead of adding new ones
    await deal.paste('CIM-00002\t4');
    await expect(deal.rows()).toHaveCount(5);
    await expect(deal.cell(1, 'qty')).toHaveText(/^4 /);

    // a price fixed by typing; the amount follows
    await deal.type(1, 'unitPrice', '10 500');
    await expect(deal.cell(1, 'unitPrice')).toHaveText(/^10\s500,00\s€$/);
    await expect.poll(async () => euros(await deal.cell(1, 'amount').innerText())).toBe(42_000);

    // a block of the lines back to the spreadsheet: Shift+arrows, Ctrl+C
    await deal.cell(0, 'productCode').click();
    for (let i = 0; i < 4; i++) await page.keyboard.press('Shift+ArrowDown');
    await page.keyboard.press('Shift+ArrowRight');
    await page.keyboard.press('Shift+ArrowRight');
    await expect(deal.lines.locator('.cell-in-range')).toHaveCount(15);
    await page.keyboard.press('ControlOrMeta+c');
    const copied = await page.evaluate(() => navigator.clipboard.readText());
    expect(copied.split('\n')).toHaveLength(5);
    expect(copied.split('\n')[1]).toMatch(/^CIM-00002\t[^\t]+\t4$/);
    await page.screenshot({ path: 'test-results/screenshots/journey-trader.png' });

    await deal.moveTo('Devis accepté');
    await expect(page.getByLabel('Changer d’étape')).toHaveValue(
      (await page.getByLabel('Changer d’étape').locator('option', { hasText: 'Devis accepté' }).getAttribute('value')) ?? '',
    );
  });

  test('the credit controller decides three requests one after the other without the mouse', async ({ page, host }) => {
    await page.setViewportSize({ width: 1366, height: 768 });
    await page.goto(host.url);
    await actAs(page, 'Crédit client');
    const credit = new CreditPage(page);
    await credit.open();
    const before = await credit.count();
    expect(before).toBeGreaterThanOrEqual(3);
    await credit.comment.focus();
    const decided = [
      await credit.decide('Bon payeur', false, false),
      await credit.decide('Encours trop élevé', true, true),
      await credit.decide('Garantie reçue', false, true),
    ];
    expect(await credit.count()).toBe(before - 3);
    await page.screenshot({ path: 'test-results/screenshots/journey-credit.png' });
    const db = new Database(host.dbPath, { readonly: true, fileMustExist: true });
    const status = (ref: string) =>
      db
        .prepare(
          "SELECT a.status FROM approvals a JOIN opportunities o ON o.id = a.opportunity_id WHERE o.reference = ? AND a.kind = 'credit' ORDER BY a.id DESC LIMIT 1",
        )
        .pluck()
        .get(ref);
    expect(decided.map(status)).toEqual(['approved', 'refused', 'approved']);
    db.close();
  });

  test('the buyer reviews a draft, changes a quantity, sends it, and sees the ERP number once the ERP answered', async ({ page, host }) => {
    const db = new Database(host.dbPath, { readonly: true, fileMustExist: true });
    // an accepted deal of the demo with a shortage its best supplier can deliver
    const reference = db
      .prepare("SELECT o.reference FROM shortages s JOIN opportunities o ON o.id = s.opportunity_id WHERE s.status = 'open' ORDER BY s.id LIMIT 1")
      .pluck()
      .get() as string;
    db.close();
    await page.goto(host.url);
    await actAs(page, 'Achats');
    const buying = new PurchasingPage(page);
    await buying.open();
    // the needed-by filter takes a French day, not the browser's date picker
    await buying.shortages.locator('.ag-header-cell[col-id="neededBy"] .ag-header-cell-filter-button').click();
    await expect(page.locator('.ag-filter .grid-date-input').first()).toHaveAttribute('placeholder', 'jj/mm/aaaa');
    await page.keyboard.press('Escape');
    await buying.prepareFor(reference);
    const draft = buying.draftWith(reference);
    await expect(draft).toHaveCount(1);
    const qty = draft.getByRole('textbox', { name: /^À commander / }).first();
    const needed = await draft.locator('tbody tr').first().locator('td').nth(3).innerText();
    await qty.fill('999');
    await qty.press('Enter');
    await expect(draft.getByRole('textbox', { name: /^À commander / }).first()).toHaveValue(/^999\b/);
    await expect(draft.locator('tbody tr').first().locator('td').nth(3)).toHaveText(needed);
    await page.screenshot({ path: 'test-results/screenshots/journey-buyer-draft.png' });
    const supplier = (await draft.getByRole('heading').textContent())!;
    await draft.getByRole('button', { name: 'Envoyer à l’ERP' }).click();
    const sent = page.getByTestId('drafts-sent').getByTestId(`sent-${supplier}`);
    await expect(sent.getByTestId('erp-number')).toHaveText('En attente de l’ERP');

    // the connector pushes it and the ERP answers with its number (the connector's acknowledgement, as Tryton gives it)
    const rw = new Database(host.dbPath, { fileMustExist: true });
    rw.prepare(
      "UPDATE outbox SET status = 'done', erp_ref = 'PO-2026-00042', done_at = ? WHERE id = (SELECT max(outbox_id) FROM purchase_drafts)",
    ).run(host.now);
    rw.close();
    await page.getByRole('tab', { name: /Ruptures/ }).click();
    await page.getByRole('tab', { name: 'Commandes à envoyer' }).click();
    await expect(sent.getByTestId('erp-number')).toHaveText('Dans l’ERP : PO-2026-00042');
  });
});
