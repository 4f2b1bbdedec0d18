import { expect, test } from './web-host-fixture';
import { OpportunitiesPage } from './opportunities-page';

test('a sales manager sets a customer margin rule and the trader sees the deal graded by it', async ({ page, host }) => {
  const opps = new OpportunitiesPage(page);
  await opps.open(host.url);
  const [references, customers] = await opps.columns('reference', 'customerName');
  const reference = references![0]!;
  const customerName = customers![0]!.replace('Bloqué', '').trim();

  await page.getByRole('link', { name: 'Paramètres' }).click();
  const rules = page.getByTestId('margin-rules');
  const company = rules.getByTestId('rule-company-company');
  await expect(company.getByLabel('Cible %')).toHaveValue('20');
  await expect(rules.getByTestId('rule-category-CIM')).toContainText('Ciments et liants');

  // impossible figures are refused with the reason, nothing changes
  await company.getByLabel('Minimum %').fill('150');
  await company.getByLabel('Minimum %').press('Enter');
  await expect(rules.getByRole('alert')).toContainText('Minimum % : un pourcentage entre 0 et 100 est attendu');
  await company.getByLabel('Minimum %').fill('25');
  await company.getByLabel('Minimum %').press('Enter');
  await expect(rules.getByRole('alert')).toHaveText('Minimum : le minimum ne peut pas dépasser l’objectif');
  await company.getByLabel('Minimum %').fill('12,5');
  await company.getByLabel('Minimum %').press('Enter');
  await expect(rules.getByRole('alert')).toHaveCount(0);
  await expect(company.getByLabel('Minimum %')).toHaveValue('12,5');

  // a demanding rule for this customer, chosen by searching its name
  const add = rules.getByTestId('new-margin-rule');
  await add.getByLabel('Portée').selectOption('customer');
  await add.getByRole('searchbox', { name: 'Client' }).fill(customerName.slice(0, 12));
  await add.getByRole('option').filter({ hasText: customerName }).first().click();
  await add.getByLabel('Cible %').fill('95');
  await add.getByLabel('Cible %').press('Tab');
  await add.getByLabel('Minimum %').fill('90');
  await add.getByLabel('Minimum %').press('Tab');
  await add.getByRole('button', { name: 'Ajouter une règle' }).click();
  const row = rules.locator('tbody tr', { hasText: customerName });
  await expect(row.getByLabel('Cible %')).toHaveValue('95');
  await page.screenshot({ path: 'test-results/screenshots/margin-rules.png', fullPage: true });

  // the trader's deal for that customer is now held to 95 % / 90 %
  await page.getByRole('link', { name: 'Opportunités' }).click();
  await opps.search.fill(reference);
  await expect.poll(() => opps.column('reference')).toEqual([reference]);
  await opps.rows().first().dblclick();
  const guard = page.getByTestId('deal-guard');
  await expect(guard).toContainText('objectif 95,0 %, minimum 90,0 %');
  await expect(guard).toContainText(/Sous minimum|Sous le coût/);
  await expect(guard.getByRole('button', { name: 'Demander un accord' })).toBeVisible();
});
