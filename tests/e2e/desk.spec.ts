import { testClock } from '../clock';
import { expect, startHost, test } from './web-host-fixture';
import { OpportunitiesPage } from './opportunities-page';

/** The desk's own file, from Paramètres: a backup made, a change, the backup restored (core restarts, the page reconnects), a diagnostic written. */
test('a user backs up, restores the backup after a confirmation, and exports a diagnostic', async ({ page, host }) => {
  const opps = new OpportunitiesPage(page);
  await opps.open(host.url);
  await page.getByRole('link', { name: 'Paramètres' }).click();
  const backups = page.getByTestId('backups');
  await expect(backups).toContainText('Les 14 dernières sont gardées');
  await backups.getByRole('button', { name: 'Sauvegarder maintenant' }).click();
  await expect(backups.locator('tbody tr', { hasText: 'Manuelle' })).toHaveCount(1);

  // a change after the backup: the company's target margin
  const company = page.getByTestId('margin-rules').getByTestId('rule-company-company');
  await expect(company.getByLabel('Cible %')).toHaveValue('20');
  await company.getByLabel('Cible %').fill('30');
  await company.getByLabel('Cible %').press('Enter');
  await expect(company.getByLabel('Cible %')).toHaveValue('30');

  for (const [width, height] of [
    [1600, 900],
    [1366, 768],
  ] as const) {
    await page.setViewportSize({ width, height });
    await backups.scrollIntoViewIfNeeded();
    await page.screenshot({ path: `test-results/screenshots/settings-backups-${width}.png` });
  }

  // the restore asks first; « Annuler » leaves everything as it is
  const row = backups.locator('tbody tr', { hasText: 'Manuelle' });
  await row.getByRole('button', { name: /^Restaurer la sauvegarde du \d{2}\/\d{2}\/\d{4} \d{2}:\d{2}$/ }).click();
  const dialog = page.getByRole('dialog');
  await expect(dialog).toContainText('La base actuelle est d’abord sauvegardée');
  await expect(dialog.getByRole('button', { name: 'Annuler (Échap)' })).toBeFocused();
  await dialog.getByRole('button', { name: 'Annuler (Échap)' }).click();
  await expect(dialog).toHaveCount(0);
  await expect(company.getByLabel('Cible %')).toHaveValue('30');

  await row.getByRole('button', { name: /^Restaurer la sauvegarde/ }).click();
  await page.getByRole('dialog').getByRole('button', { name: 'Restaurer', exact: true }).click();
  // core restarts on the backup: the page reconnects by itself and says what happened
  const notice = page.getByTestId('restore-notice');
  await expect(notice).toContainText(/La sauvegarde du \d{2}\/\d{2}\/\d{4} \d{2}:\d{2} a été restaurée\. Comptoir reprend de l’ERP et de l’équipe/);
  await expect(page.getByTestId('margin-rules').getByTestId('rule-company-company').getByLabel('Cible %')).toHaveValue('20');
  await expect(page.getByTestId('backups').locator('tbody tr', { hasText: 'Avant restauration' })).toHaveCount(1);
  await expect(page.getByTestId('backups').getByRole('button', { name: 'Sauvegarder maintenant' })).toBeEnabled();
  await page.setViewportSize({ width: 1600, height: 900 });
  await page.screenshot({ path: 'test-results/screenshots/settings-restored-1600.png' });
  await notice.getByRole('button', { name: 'J’ai compris' }).click();
  await expect(notice).toHaveCount(0);

  // the diagnostic for support, written beside the database
  const support = page.getByTestId('support');
  await support.getByRole('button', { name: 'Exporter un diagnostic' }).click();
  await expect(support.getByTestId('diagnostic-written')).toContainText(/Diagnostic écrit : .*diagnostics.comptoir-diagnostic-.*\.zip/);
});

test('a web host that stops is said to be gone, without the page trying again and again', async ({ page }) => {
  const own = await startHost(testClock().now());
  await new OpportunitiesPage(page).open(own.host.url);
  await own.stop();
  await expect(page.getByRole('alert')).toHaveText('Connexion au service perdue. Rechargez la page une fois le service relancé.');
  // a few seconds on: still no attempt (each would be a console error, and the fixture fails on any)
  await page.waitForTimeout(3_000);
});
