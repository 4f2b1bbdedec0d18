import { expect, type Locator, type Page } from '@playwright/test';

/** The buyer's desk: shortages, the drafts to review, what was sent. */
export class PurchasingPage {
  readonly shortages: Locator;
  readonly drafts: Locator;

  constructor(readonly page: Page) {
    this.shortages = page.getByTestId('shortages-grid');
    this.drafts = page.getByTestId('purchase-drafts');
  }

  async open() {
    await this.page.getByRole('link', { name: 'Achats' }).click();
    await expect(this.shortages.locator('.ag-row').first()).toBeVisible();
  }

  /** Chooses the shortages of a deal and prepares their orders: the drafts tab opens. */
  async prepareFor(reference: string) {
    await this.page.getByRole('searchbox', { name: 'Rechercher article, dépôt, affaire…' }).fill(reference);
    const rows = this.shortages.locator('.ag-row:has([col-id="reference"])');
    await expect(rows.first()).toContainText(reference);
    const n = await rows.count();
    for (let i = 0; i < n; i++)
      await rows
        .nth(i)
        .locator('[col-id="orderBy"]')
        .click({ modifiers: i === 0 ? [] : ['ControlOrMeta'] });
    await this.page.getByRole('button', { name: `Préparer les commandes (${n})` }).click();
    await expect(this.drafts).toBeVisible();
    return n;
  }

  draftWith(reference: string): Locator {
    return this.drafts.locator('section.draft').filter({ hasText: reference });
  }
}
