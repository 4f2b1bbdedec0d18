import { expect, test } from './web-host-fixture';
import { OpportunitiesPage } from './opportunities-page';

test.describe('a sales manager shapes the pipeline and a trader moves a deal', () => {
  test('adds and orders a stage, then a deal moves through it and its history shows who did what', async ({ page, host }) => {
    const opps = new OpportunitiesPage(page);
    await opps.open(host.url);
    await page.getByRole('link', { name: 'Paramètres' }).click();
    const editor = page.getByTestId('stages-editor');
    await expect(editor.getByTestId('stage-Qualification')).toBeVisible();

    // a new stage, renamed, probability set, moved up under "Devis envoyé"
    await editor.getByRole('button', { name: 'Ajouter une étape' }).click();
    const row = editor.getByTestId('stage-Nouvelle étape');
    await row.getByLabel('Nom').fill('Relance devis');
    await row.getByLabel('Nom').press('Enter');
    const renamed = editor.getByTestId('stage-Relance devis');
    await renamed.getByLabel('Probabilité %').fill('45');
    await renamed.getByLabel('Probabilité %').press('Enter');
    for (let i = 0; i < 4; i++) await editor.getByTestId('stage-Relance devis').getByRole('button', { name: 'Monter' }).click();
    await expect.poll(async () => (await editor.locator('tbody tr').allInnerTexts()).map((t) => t.split('\t')[0])).toHaveLength(7);
    const names = await editor.locator('tbody tr input[aria-label="Nom"]').evaluateAll((inputs) => inputs.map((i) => (i as HTMLInputElement).value));
    expect(names.slice(0, 3)).toEqual(['Qualification', 'Devis envoyé', 'Relance devis']);

    // a bad value is refused with the reason, nothing saved
    await renamed.getByLabel('Probabilité %').fill('140');
    await renamed.getByLabel('Probabilité %').press('Enter');
    await expect(editor.getByRole('alert')).toHaveText('Probabilité : au plus 100');

    // a trader opens a qualified deal and moves it to the new stage
    await page.getByRole('link', { name: 'Opportunités' }).click();
    await opps.grid.locator('.ag-header-cell[col-id="stageName"] .ag-header-cell-filter-button').click();
    await page.locator('.ag-filter input[type="text"]').first().fill('Qualification');
    await page.keyboard.press('Escape');
    await expect.poll(async () => new Set(await opps.column('stageName'))).toEqual(new Set(['Qualification']));
    const ref = (await opps.column('reference'))[0]!;
    await opps.rows().first().dblclick();
    const view = page.getByTestId('opportunity-view');
    await expect(view.getByRole('heading', { level: 1 })).toContainText(ref);
    await view.getByLabel('Changer d’étape').selectOption({ label: 'Relance devis' });
    await expect(view.getByLabel('Probabilité', { exact: true })).toHaveValue('45');
    const history = page.getByTestId('opportunity-history');
    await expect(history).toContainText('Qualification → Relance devis');
    await expect(history).toContainText('Claire Martin');
    await expect(history).toContainText('Probabilité 10 → 45');
    await expect(history).toContainText('Étape Qualification → Relance devis');
    await page.screenshot({ path: 'test-results/screenshots/opportunity-history.png', fullPage: true });
  });

  test('deleting a stage in use asks where its deals go', async ({ page, host }) => {
    await page.goto(`${host.url}#/settings`);
    const editor = page.getByTestId('stages-editor');
    const nego = editor.getByTestId('stage-Négociation');
    const count = Number(await nego.locator('td.num').innerText());
    expect(count).toBeGreaterThan(0);
    await nego.getByRole('button', { name: 'Supprimer' }).click();
    await expect(nego).toContainText(`Déplacer ses ${count} opportunités vers`);
    await nego.getByRole('combobox').last().selectOption({ label: 'Devis envoyé' });
    await nego.getByRole('button', { name: 'Supprimer et déplacer' }).click();
    await expect(editor.getByTestId('stage-Négociation')).toHaveCount(0);
    await page.screenshot({ path: 'test-results/screenshots/pipeline-settings.png', fullPage: true });
  });
});
