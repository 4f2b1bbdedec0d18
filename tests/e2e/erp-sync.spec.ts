import { spawn, type ChildProcess } from 'node:child_process';
import type { Page } from '@playwright/test';
import { expect, test } from './web-host-fixture';

/** The Odoo stand-in as its own process: an ERP to connect to, to change, and to take down. */
async function startOdoo(): Promise<{ url: string; change: (model: string, id: number, values: object) => Promise<void>; stop: () => void }> {
  const child: ChildProcess = spawn('node_modules/.bin/tsx', ['tests/integration/fixtures/odoo-server.ts', '18'], {
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  let out = '';
  child.stdout!.on('data', (d: Buffer) => (out += d.toString()));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setInterval(() => {
      const m = /odoo ready (http:\/\/\S+)/.exec(out);
      if (m) {
        clearInterval(timer);
        resolve(m[1]!);
      }
    }, 50);
    child.once('exit', (code) => reject(new Error(`the Odoo stand-in exited with ${code}`)));
  });
  return {
    url,
    change: async (model, id, values) => {
      child.stdin!.write(`${JSON.stringify({ model, id, values })}\n`);
      await expect.poll(() => out.includes(`changed ${model} ${id}`)).toBe(true);
    },
    stop: () => child.kill('SIGTERM'),
  };
}

const exposureOf = (page: Page, code: string) => page.getByTestId('exposure-grid').locator(`.ag-row:has(.ag-cell[col-id="code"]:text-is("${code}"))`);

test('a credit controller connects Odoo, syncs, sees its figures, sees a change after the next cycle and the ERP going down', async ({
  page,
  host,
}) => {
  const odoo = await startOdoo();
  try {
    await page.goto(host.url);
    await page.getByRole('link', { name: 'ERP', exact: true }).click();
    await expect(page.locator('.sync-state')).toHaveText('Pas de connexion ERP');

    const form = page.getByRole('form', { name: 'Connexion' });
    await form.getByLabel('ERP').selectOption({ label: 'Odoo 16–18 (JSON-RPC)' });
    await form.getByLabel('Adresse').fill(odoo.url);
    await form.getByLabel('Base').fill('acme');
    await form.getByLabel('Utilisateur').fill('connector@acme.fr');
    await form.getByLabel('Version d’Odoo').fill('18');
    await form.getByLabel('Mot de passe ou clé d’API').fill('wrong-key');
    await form.getByRole('button', { name: 'Tester la connexion' }).click();
    await expect(form.getByRole('status')).toContainText('Odoo refused the login connector@acme.fr on database acme');

    await form.getByLabel('Mot de passe ou clé d’API').fill('test-api-key');
    await form.getByRole('button', { name: 'Tester la connexion' }).click();
    await expect(form.getByRole('status')).toContainText(`Connected to ${odoo.url} (acme) as connector@acme.fr`);
    await form.getByRole('button', { name: 'Enregistrer' }).click();
    await expect(form.getByLabel('Mot de passe ou clé d’API')).toHaveValue('');
    await expect(form.getByText('gardé pour cette session')).toBeVisible();

    // the save starts a run: every entity comes in, with its freshness
    const runs = page.getByRole('table', { name: 'Dernières synchronisations' });
    await expect(runs.locator('tr').first()).toContainText('réussie', { timeout: 30_000 });
    await expect(runs.locator('tr').first()).toContainText('au démarrage');
    const entities = page.getByRole('table', { name: 'Données de l’ERP' });
    await expect(entities.locator('tr[data-entity="customers"] td').nth(1)).toHaveText('2');
    await expect(entities.locator('tr[data-entity="salesHistory"] td').nth(1)).toHaveText('1');
    await expect(entities.locator('tr[data-entity="supplierPrices"] td').nth(1)).toHaveText('3');
    // Odoo's stock lines only (the demo company's own are not the ERP's)
    await expect(entities.locator('tr[data-entity="stock"] td').nth(1)).toHaveText('2');
    await expect(entities.locator('tr[data-entity="stock"] td').nth(2)).toHaveText('maintenant');
    await expect(page.locator('.sync-state')).toHaveText('Connecté');
    await expect(page.locator('nav .freshness')).toHaveText(/ERP : maintenant/);

    // the credit controller's grid shows Odoo's figures
    await page.getByRole('link', { name: 'Crédit client' }).click();
    await page.getByRole('searchbox', { name: 'Rechercher un client (code, nom, ville)…' }).fill('C0001');
    await expect(exposureOf(page, 'C0001').locator('[col-id="outstanding"]')).toHaveText(/12\s000,50/);
    await expect(exposureOf(page, 'C0001').locator('[col-id="overdue"]')).toHaveText(/2\s900,25/);
    // by age, from Odoo's open receivable lines and their due dates
    await expect(exposureOf(page, 'C0001').locator('[col-id="age0"]')).toHaveText(/2\s500,25/);
    await expect(exposureOf(page, 'C0001').locator('[col-id="age2"]')).toHaveText(/400,00/);
    await expect(exposureOf(page, 'C0001').locator('[col-id="age3"]')).toHaveText(/^0,00/);

    // a payment is booked in Odoo; the next cycle brings it
    await odoo.change('res.partner', 70, { credit: 9500.25 });
    await page.getByRole('link', { name: 'ERP', exact: true }).click();
    await page.getByRole('button', { name: 'Synchroniser maintenant' }).click();
    await expect(runs.locator('tr')).toHaveCount(2, { timeout: 30_000 });
    await expect(runs.locator('tr').first()).toContainText('réussie', { timeout: 30_000 });
    await expect(runs.locator('tr').first()).toContainText('à la demande');
    await page.getByRole('link', { name: 'Crédit client' }).click();
    await page.getByRole('searchbox', { name: 'Rechercher un client (code, nom, ville)…' }).fill('C0001');
    await expect(exposureOf(page, 'C0001').locator('[col-id="outstanding"]')).toHaveText(/9\s500,25/);

    // Odoo goes down: the panel says so, the app goes on
    odoo.stop();
    await page.getByRole('link', { name: 'ERP', exact: true }).click();
    await page.getByRole('button', { name: 'Synchroniser maintenant' }).click();
    await expect(page.locator('.sync-state')).toHaveText('ERP injoignable', { timeout: 30_000 });
    await expect(page.getByRole('alert')).toContainText('cannot be reached');
    await expect(runs.locator('tr').first()).toContainText('en échec');
    await expect(page.locator('nav .freshness')).toHaveAttribute('data-state', 'down');
    await page.screenshot({ path: 'test-results/erp-down.png' });
    await page.getByRole('link', { name: 'Opportunités' }).click();
    await expect(page.locator('.ag-row:not(.ag-row-pinned)').first()).toBeVisible();
  } finally {
    odoo.stop();
  }
});
