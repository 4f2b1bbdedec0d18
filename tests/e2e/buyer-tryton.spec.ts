import Database from 'better-sqlite3';
import { writeDemoToTryton } from '../../electron/connector/tryton/demo-writer';
import { trytonTransport } from '../../electron/connector/tryton/transport';
import { describeCompany } from '../../electron/shared/demo';
import { testClock } from '../clock';
import { startTryton, type TrytonServer } from '../integration/fixtures/tryton-server';
import { actAs, goTo } from './pages/desk';
import { PurchasingPage } from './pages/purchasing-page';
import { expect, test } from './web-host-fixture';

/**
 * The buyer's day against a real Tryton 6.0 holding the same company: the draft is sent, the
 * connector pushes it, Tryton quotes it, and the buyer sees Tryton's purchase number.
 */
test('the buyer sends a reviewed draft and sees the purchase number Tryton gave it', async ({ page, host }) => {
  test.setTimeout(300_000);
  const clock = testClock(host.now);
  let tryton: TrytonServer | null = null;
  try {
    tryton = await startTryton(clock);
    const erp = trytonTransport({ url: tryton.url, database: tryton.database, login: 'admin', secret: tryton.password, timeoutMs: 600_000 });
    await writeDemoToTryton(erp, describeCompany({ preset: 'small', today: host.now.slice(0, 10) }));

    await page.goto(host.url);
    await page.getByRole('link', { name: 'ERP', exact: true }).click();
    const form = page.getByRole('form', { name: 'Connexion' });
    await form.getByLabel('ERP').selectOption({ label: 'Tryton (JSON-RPC)' });
    await form.getByLabel('Adresse').fill(tryton.url);
    await form.getByLabel('Base').fill(tryton.database);
    await form.getByLabel('Utilisateur').fill('admin');
    await form.getByLabel('Mot de passe ou clé d’API').fill(tryton.password);
    await form.getByRole('button', { name: 'Enregistrer' }).click();
    const runs = page.getByRole('table', { name: 'Dernières synchronisations' });
    await expect(runs.locator('tr').first()).toContainText('réussie', { timeout: 180_000 });

    // a shortage of the company, whose best supplier Tryton knows
    const db = new Database(host.dbPath, { readonly: true, fileMustExist: true });
    const reference = db
      .prepare(
        `SELECT o.reference FROM shortages s JOIN opportunities o ON o.id = s.opportunity_id
         WHERE s.status = 'open' AND EXISTS (SELECT 1 FROM supplier_prices sp WHERE sp.product_id = s.product_id AND sp.erp_id IS NOT NULL)
         ORDER BY s.id LIMIT 1`,
      )
      .pluck()
      .get() as string;
    db.close();
    await actAs(page, 'Achats');
    const buying = new PurchasingPage(page);
    await buying.open();
    await buying.prepareFor(reference);
    const draft = buying.draftWith(reference);
    const qty = draft.getByRole('textbox', { name: /^À commander / }).first();
    await qty.fill('25');
    await qty.press('Enter');
    await expect(draft.getByRole('textbox', { name: /^À commander / }).first()).toHaveValue(/^25\b/);
    const supplier = (await draft.getByRole('heading').textContent())!;
    await draft.getByRole('button', { name: 'Envoyer à l’ERP' }).click();
    const sent = page.getByTestId('drafts-sent').getByTestId(`sent-${supplier}`);
    await expect(sent.getByTestId('erp-number')).toHaveText('En attente de l’ERP');

    // the connector's next cycle pushes it: Tryton's number comes back to the buyer's screen
    await goTo(page, 'synchroniser');
    await expect(runs.locator('tr').first()).toContainText('réussie', { timeout: 120_000 });
    await page.getByRole('link', { name: 'Achats' }).click();
    await page.getByRole('tab', { name: 'Commandes à envoyer' }).click();
    await expect(sent.getByTestId('erp-number')).toHaveText(/^Dans l’ERP : \S+/, { timeout: 30_000 });
    const number = (await sent.getByTestId('erp-number').innerText()).replace('Dans l’ERP : ', '');
    const [purchase] = (await erp.call('model.purchase.purchase.search_read', [[['number', '=', number]], 0, 1, null, ['state', 'lines'], {}])) as {
      state: string;
      lines: number[];
    }[];
    expect(purchase).toMatchObject({ state: 'quotation' });
    expect(purchase!.lines).toHaveLength(1);
    await page.screenshot({ path: 'test-results/screenshots/journey-buyer-tryton.png' });
  } finally {
    await tryton?.stop();
    tryton?.cleanup();
  }
});
