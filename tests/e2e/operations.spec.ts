import Database from 'better-sqlite3';
import ExcelJS from 'exceljs';
import type { Page } from '@playwright/test';
import { addDays } from '../../electron/shared/dates';
import { formatWeekSpan } from '../../electron/shared/format';
import { actAs } from './pages/desk';
import { expect, test } from './web-host-fixture';

/** Creates a deal from the keyboard and adds its lines: product code, quantity. */
async function newDeal(page: Page, customerCode: string, title: string, lines: [string, string][]) {
  await page.getByRole('link', { name: 'Opportunités' }).click();
  await page.getByRole('button', { name: 'Nouvelle opportunité' }).click();
  await page.getByLabel('Client').fill(customerCode);
  await expect(page.locator('.hits li').first()).toContainText(customerCode);
  await page.getByLabel('Client').press('Enter');
  await page.getByLabel('Titre').fill(title);
  await page.getByLabel('Titre').press('Enter');
  await expect(page.getByTestId('opportunity-view').getByRole('heading', { level: 1 })).toContainText(title);
  for (const [code, qty] of lines) {
    const product = page.getByRole('searchbox', { name: 'Ajouter un article (code ou nom)…' });
    await product.fill(code);
    await expect(page.locator('.hits li').first()).toContainText(code);
    await product.press('Enter');
    await page.getByRole('textbox', { name: 'Quantité' }).fill(qty);
    await page.getByRole('textbox', { name: 'Quantité' }).press('Enter');
    await expect(page.getByTestId('opportunity-lines').locator('.ag-row:not(.ag-row-pinned)', { hasText: code })).toBeVisible();
  }
  return (await page.getByTestId('opportunity-view').getByRole('heading', { level: 1 }).innerText()).split(' — ')[0]!;
}

test('quote accepted → the buyer covers the shortage, credit control approves the deal over its limit', async ({ page, host }) => {
  // what the demo company holds, read from its database file (read-only, beside the running app)
  const db = new Database(host.dbPath, { readonly: true, fileMustExist: true });
  const roomy = db
    .prepare('SELECT code FROM customers WHERE on_hold = 0 ORDER BY credit_limit - outstanding - open_orders DESC LIMIT 1')
    .pluck()
    .get() as string;
  const tight = db
    .prepare('SELECT code FROM customers WHERE on_hold = 0 ORDER BY credit_limit - outstanding - open_orders LIMIT 1')
    .pluck()
    .get() as string;
  // a cheap product with little stock and no receipt (the line will be short), and one with plenty
  const scarce = db
    .prepare(
      `SELECT p.code, p.unit, (SELECT sum(max(on_hand - reserved_erp, 0)) FROM stock_levels WHERE product_id = p.id) / 1000 AS units FROM products p
       WHERE NOT EXISTS (SELECT 1 FROM incoming_receipts r WHERE r.product_id = p.id) AND EXISTS (SELECT 1 FROM supplier_prices s WHERE s.product_id = p.id)
       AND p.cost_price * 1.4 < p.list_price ORDER BY p.list_price * (SELECT sum(on_hand) FROM stock_levels WHERE product_id = p.id) LIMIT 1`,
    )
    .get() as { code: string; units: number };
  db.close();

  await page.goto(host.url);
  // 1. the trader accepts a quote with one line short
  const refA = await newDeal(page, roomy, 'Chantier école', [[scarce.code, String(Math.ceil(scarce.units) + 10)]]);
  await page.getByLabel('Changer d’étape').selectOption({ label: 'Devis accepté' });
  // it says what will happen before it happens
  const confirm = page.getByRole('dialog', { name: 'Passer en « Devis accepté » ?' });
  await expect(confirm).toContainText('1 ligne(s) réservée(s) en stock');
  await expect(confirm).toContainText('1 rupture(s) signalée(s) aux achats');
  await expect(confirm).toContainText('commande envoyée à l’ERP');
  await expect(page.getByTestId('ops-state')).toHaveCount(0);
  await page.screenshot({ path: 'test-results/screenshots/confirm-accept.png' });
  await page.keyboard.press('Enter');
  await expect(confirm).toHaveCount(0);
  await expect(page.getByTestId('ops-state')).toContainText('Engagé');
  const line = page.getByTestId('opportunity-lines').locator('.ag-row:not(.ag-row-pinned)').first();
  await expect(line.locator('[col-id="short"]')).not.toHaveText('');
  await expect(page.getByTestId('deal-timeline')).toContainText('Réservation de stock');

  // 2. the buyer finds the shortage with its best supplier and requests it
  await actAs(page, 'Achats');
  await page.getByRole('link', { name: 'Achats' }).click();
  const shortages = page.getByTestId('shortages-grid');
  const row = shortages.locator('.ag-row', { hasText: refA });
  await expect(row).toBeVisible();
  await expect(row.locator('[col-id="supplierName"]')).not.toHaveText('');
  await page.screenshot({ path: 'test-results/screenshots/purchasing.png', fullPage: true });
  // the grid as shown goes to Excel with real numbers
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Exporter (.xlsx)' }).click()]);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(await download.path());
  const ws = wb.worksheets[0]!;
  const headers = (ws.getRow(1).values as unknown[]).slice(1);
  expect(headers).toContain('Quantité');
  const dataRow = [...Array(ws.rowCount).keys()].map((i) => ws.getRow(i + 1)).find((r) => (r.values as unknown[]).includes(refA))!;
  expect(typeof dataRow.getCell(headers.indexOf('Quantité') + 1).value).toBe('number');
  // the weighted demand's weeks say which days they hold, from the app's today
  await page.getByRole('tab', { name: 'Demande pondérée' }).click();
  const today = host.now.slice(0, 10);
  await expect(page.getByTestId('demand-grid').locator('.ag-header-cell[col-id="w0"]')).toContainText(formatWeekSpan(today, 'fr'));
  await expect(page.getByTestId('demand-grid').locator('.ag-header-cell[col-id="w1"]')).toContainText(formatWeekSpan(addDays(today, 7), 'fr'));
  await page.screenshot({ path: 'test-results/screenshots/purchasing-demand.png' });
  await page.getByRole('tab', { name: /Ruptures/ }).click();
  await row.click();
  // the buyer prepares the order, reviews the draft (quantity rounded to the supplier's pack), changes it, sends it
  await page.getByRole('button', { name: /Préparer les commandes \(1\)/ }).click();
  await expect(page.getByRole('status')).toContainText('Commandes préparées');
  const draft = page.getByTestId('purchase-drafts').locator('section.draft').filter({ hasText: refA });
  await expect(draft).toHaveCount(1);
  const qtyBox = draft.getByLabel(`À commander ${scarce.code}`);
  await qtyBox.fill('12');
  await qtyBox.press('Enter');
  await expect(draft.getByLabel(`À commander ${scarce.code}`)).toHaveValue(/^12( |\u202f)?\D*$/);
  await draft.getByRole('button', { name: 'Envoyer à l’ERP' }).click();
  await expect(page.getByRole('status')).toContainText('envoyée à l’ERP');
  await expect(page.getByTestId('drafts-sent')).toContainText('En attente de l’ERP');
  await page.getByRole('tab', { name: /Ruptures/ }).click();
  await expect(shortages.locator('.ag-row', { hasText: refA })).toHaveCount(0);

  // 3. the trader accepts a deal past its customer's credit limit: it waits for an approval
  await actAs(page, 'Commercial');
  const refB = await newDeal(page, tight, 'Grosse commande', [[scarce.code, '1']]);
  await page.getByTestId('opportunity-lines').locator('.ag-row:not(.ag-row-pinned)').first().locator('[col-id="unitPrice"]').click();
  await page.keyboard.press('Enter');
  await page.keyboard.press('ControlOrMeta+A');
  await page.keyboard.type('250000');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('customer-card').getByTestId('credit-state')).toHaveText('Dépassement : accord requis');
  await page.getByLabel('Changer d’étape').selectOption({ label: 'Devis accepté' });
  await expect(page.getByRole('dialog')).toContainText('demande d’approbation (crédit)');
  await page.getByRole('dialog').getByRole('button', { name: 'Confirmer (Entrée)' }).click();
  await expect(page.getByTestId('ops-state')).toContainText('en attente d’un accord');

  // 4. credit control finds it by the customer's name in the queue and approves it from the keyboard
  await actAs(page, 'Crédit client');
  await page.getByRole('link', { name: 'Crédit client' }).click();
  const queue = page.getByTestId('approval-queue');
  const customerName = await page.getByTestId('approval-grid').locator('.ag-row', { hasText: refB }).locator('[col-id="customerName"]').innerText();
  await page.getByLabel('Rechercher un client (code, nom, ville)…').fill(customerName);
  const request = page.getByTestId('approval-grid').locator('.ag-row', { hasText: refB });
  await expect(request).toBeVisible();
  // the search hid the request chosen before: the decision goes to one that is shown
  await expect(queue.getByTestId('queue-chosen')).toContainText(customerName);
  await page.screenshot({ path: 'test-results/screenshots/finance.png' });
  await request.locator('[col-id="reference"]').click();
  await page.keyboard.press('Enter');
  await expect(queue.getByLabel('Commentaire (obligatoire pour un refus)')).toBeFocused();
  await page.keyboard.type('Acompte reçu');
  await page.keyboard.press('Enter');
  await expect(page.getByRole('status').filter({ hasText: `Accordé : ${refB}` })).toBeVisible();
  await expect(page.getByTestId('approval-grid').locator('.ag-row', { hasText: refB })).toHaveCount(0);

  // 5. the trader sees the deal go on
  await actAs(page, 'Commercial');
  await page.getByRole('link', { name: 'Opportunités' }).click();
  await page.getByRole('searchbox').fill(refB);
  // the search has settled on the one row before it is opened (a double click on a row being replaced is lost)
  const found = page.getByTestId('opportunities-grid').locator('.ag-row:not(.ag-row-pinned) [col-id="reference"]');
  await expect(found).toHaveText([refB]);
  await found.dblclick();
  await expect(page.getByTestId('opportunity-view')).toBeVisible();
  await expect(page.getByTestId('ops-state')).toContainText('Engagé');
  await expect(page.getByTestId('credit-approval')).toContainText('accord obtenu');
  await expect(page.getByTestId('credit-approval')).toContainText('Acompte reçu');
});

test('a company of one turns the four-eyes rule off in settings, and it stays off; only its manager may', async ({ page, host }) => {
  await page.goto(host.url);
  await page.getByRole('link', { name: 'Paramètres' }).click();
  const fourEyes = page.getByLabel('Quatre yeux : personne ne décide sa propre demande d’accord');
  await expect(fourEyes).toBeChecked();
  // a trader's desk shows the company's setting, and may not change it
  await expect(fourEyes).toBeDisabled();
  await actAs(page, 'Direction commerciale');
  // the box shows core's answer once the setting is saved
  await fourEyes.click();
  await expect(fourEyes).not.toBeChecked();
  await page.reload();
  await page.getByRole('link', { name: 'Paramètres' }).click();
  await expect(page.getByLabel('Quatre yeux : personne ne décide sa propre demande d’accord')).not.toBeChecked();
});

test('a sales manager adds a step to the « Devis accepté » chain in settings', async ({ page, host }) => {
  await page.goto(host.url);
  await page.getByRole('link', { name: 'Paramètres' }).click();
  const editor = page.getByTestId('automation-editor');
  const rule = editor.locator('[data-testid^="automation-rule-"]').first();
  await expect(rule.getByLabel('Étape')).toHaveValue(/\d+/);
  await expect(rule.locator('ol > li')).toHaveCount(7);
  await rule.getByLabel('Ajouter une action…').selectOption({ label: 'Notification' });
  const added = rule.locator('ol > li').last();
  await added.getByLabel('Rôle', { exact: true }).selectOption({ label: 'Crédit client' });
  await added.getByLabel('Intitulé').fill('Devis accepté : vérifier l’acompte');
  await rule.getByRole('button', { name: 'Enregistrer' }).click();
  await expect(editor.getByRole('status')).toHaveText('Règle enregistrée');
  await page.reload();
  await page.getByRole('link', { name: 'Paramètres' }).click();
  const saved = page.getByTestId('automation-editor').locator('[data-testid^="automation-rule-"]').first();
  await expect(saved.locator('ol > li')).toHaveCount(8);
  await expect(saved.locator('ol > li').last().getByLabel('Intitulé')).toHaveValue('Devis accepté : vérifier l’acompte');
  await page.screenshot({ path: 'test-results/screenshots/automation-settings.png', fullPage: true });
});

test('arrow keys on the stage list run nothing by themselves: each consequential stage asks, « Perdu » asks why', async ({ page, host }) => {
  const db = new Database(host.dbPath, { readonly: true, fileMustExist: true });
  const roomy = db
    .prepare('SELECT code FROM customers WHERE on_hold = 0 ORDER BY credit_limit - outstanding - open_orders DESC LIMIT 1')
    .pluck()
    .get() as string;
  const plenty = db
    .prepare(
      `SELECT p.code FROM products p WHERE p.cost_price * 1.4 < p.list_price
       ORDER BY (SELECT sum(on_hand - reserved_erp) FROM stock_levels WHERE product_id = p.id) DESC LIMIT 1`,
    )
    .pluck()
    .get() as string;
  db.close();
  const reservations = () => {
    const d = new Database(host.dbPath, { readonly: true, fileMustExist: true });
    const n = d.prepare("SELECT count(*) FROM reservations WHERE status = 'active'").pluck().get() as number;
    d.close();
    return n;
  };
  await page.goto(host.url);
  const ref = await newDeal(page, roomy, 'Flèches', [[plenty, '5']]);
  const held = reservations();
  const stage = page.getByLabel('Changer d’étape');
  const view = page.getByTestId('opportunity-view');
  // from Qualification: two plain moves, then « Devis accepté » asks and the list stays on Négociation
  await stage.selectOption({ label: 'Qualification' });
  await expect(view).toContainText('Qualification ·');
  await stage.focus();
  for (let i = 0; i < 3; i++) {
    await page.keyboard.press('ArrowDown');
    if (i < 2) await expect(stage.locator('option:checked')).toHaveText(['Devis envoyé', 'Négociation'][i]!);
  }
  const dialog = page.getByRole('dialog', { name: 'Passer en « Devis accepté » ?' });
  await expect(dialog).toContainText('1 ligne(s) réservée(s) en stock');
  // more arrows go nowhere while it asks; Escape leaves everything as it was
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('Escape');
  await expect(dialog).toHaveCount(0);
  await expect(stage.locator('option:checked')).toHaveText('Négociation');
  expect(reservations()).toBe(held);
  await expect(page.getByTestId('ops-state')).toHaveCount(0);

  // « Perdu » wants a reason before it can be confirmed
  await stage.selectOption({ label: 'Perdu' });
  const lost = page.getByRole('dialog', { name: 'Passer en « Perdu » ?' });
  await expect(lost).toContainText('l’affaire est perdue');
  await expect(lost.getByRole('button', { name: 'Confirmer (Entrée)' })).toBeDisabled();
  await lost.getByLabel('Motif de perte').selectOption('Concurrent retenu');
  await lost.getByLabel('Précision (facultatif)').fill('Prix franco chantier plus bas');
  await page.screenshot({ path: 'test-results/screenshots/confirm-lost.png' });
  await lost.getByRole('button', { name: 'Confirmer (Entrée)' }).click();
  await expect(view).toContainText('Perdue : Concurrent retenu — Prix franco chantier plus bas');
  await expect(page.getByTestId('opportunity-history')).toContainText('Négociation → Perdu');
  expect(ref).toMatch(/^OPP-/);
});

test('the credit queue holds credit requests only, fits the screen, and is decided from the keyboard one after the other', async ({ page, host }) => {
  const db = new Database(host.dbPath, { readonly: true, fileMustExist: true });
  const pending = db.prepare("SELECT kind, count(*) AS n FROM approvals WHERE status = 'pending' GROUP BY kind").all() as {
    kind: string;
    n: number;
  }[];
  db.close();
  const credit = pending.find((p) => p.kind === 'credit')?.n ?? 0;
  expect(credit).toBeGreaterThanOrEqual(3);
  await page.setViewportSize({ width: 1366, height: 768 });
  await page.goto(host.url);
  await actAs(page, 'Crédit client');
  await page.getByRole('link', { name: 'Crédit client' }).click();
  const queue = page.getByTestId('approval-queue');
  await expect(queue.getByRole('heading')).toHaveText(`Demandes d’accord crédit (${credit})`);
  // both grids on one screen: nothing below the fold
  const exposure = await page.getByTestId('exposure-grid').boundingBox();
  expect(exposure!.height).toBeGreaterThan(200);
  expect(exposure!.y + exposure!.height).toBeLessThanOrEqual(768);
  expect(await page.evaluate(() => document.documentElement.scrollHeight)).toBeLessThanOrEqual(768);
  await page.screenshot({ path: 'test-results/screenshots/finance-1366.png' });
  // three decisions without the mouse: the oldest request is chosen; comment, Entrée approves, Maj+Entrée refuses;
  // then the grid has the keyboard on the next one and Entrée goes back to the comment
  await queue.getByLabel('Commentaire (obligatoire pour un refus)').focus();
  const decided: string[] = [];
  for (const [i, refuse] of [false, true, false].entries()) {
    const ref = await queue.getByTestId('queue-chosen').innerText();
    if (i > 0) await page.keyboard.press('Enter');
    await expect(queue.getByLabel('Commentaire (obligatoire pour un refus)')).toBeFocused();
    await page.keyboard.type(refuse ? 'Encours trop élevé' : `Accord ${i + 1}`);
    await page.keyboard.press(refuse ? 'Shift+Enter' : 'Enter');
    const id = ref.split(' · ')[0]!;
    await expect(page.getByRole('status').filter({ hasText: `${refuse ? 'Refusé' : 'Accordé'} : ${id}` })).toBeVisible();
    await expect(queue.getByRole('heading')).toHaveText(`Demandes d’accord crédit (${credit - i - 1})`);
    // the next request is chosen and the grid has the keyboard again
    await expect(queue.getByTestId('queue-chosen')).not.toHaveText(ref);
    decided.push(id);
  }
  const check = new Database(host.dbPath, { readonly: true, fileMustExist: true });
  const statuses = decided.map(
    (ref) =>
      check
        .prepare(
          "SELECT a.status FROM approvals a JOIN opportunities o ON o.id = a.opportunity_id WHERE o.reference = ? AND a.kind = 'credit' ORDER BY a.id DESC LIMIT 1",
        )
        .pluck()
        .get(ref) as string,
  );
  check.close();
  expect(statuses).toEqual(['approved', 'refused', 'approved']);
});
