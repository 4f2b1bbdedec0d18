import { expect, type Locator, type Page } from '@playwright/test';
import { goTo } from './desk';

/** The trader's deal, in the trader's words: its lines, pasted or typed, its stage. */
export class DealPage {
  readonly view: Locator;
  readonly lines: Locator;

  constructor(readonly page: Page) {
    this.view = page.getByTestId('opportunity-view');
    this.lines = page.getByTestId('opportunity-lines');
  }

  /** A new deal from the keyboard only: Ctrl+K « nouvelle », the customer's first suggestion, a title, Entrée. */
  async create(customer: string, title: string): Promise<string> {
    await expect(this.page.getByRole('navigation')).toBeVisible();
    await goTo(this.page, 'nouvelle opportunite');
    const form = this.page.getByTestId('new-opportunity');
    await expect(form).toBeVisible();
    await this.page.keyboard.type(customer);
    await expect(form.getByRole('option').first()).toBeVisible();
    await this.page.keyboard.press('Enter');
    await this.page.keyboard.type(title);
    await this.page.keyboard.press('Enter');
    await expect(this.view.getByRole('heading', { level: 1 })).toContainText(title);
    return (await this.view.getByRole('heading', { level: 1 }).innerText()).split(' — ')[0]!;
  }

  rows(): Locator {
    // each line once: its part with the quantity (the article's part is drawn apart, pinned on the left)
    return this.lines.locator('.ag-row:not(.ag-row-pinned):has([col-id="qty"])');
  }

  cell(row: number, colId: string): Locator {
    return this.lines.locator(`.ag-row[row-index="${row}"]:not(.ag-row-pinned) [col-id="${colId}"]`);
  }

  /** What a spreadsheet puts on the clipboard, pasted with the lines grid focused (Ctrl+V). */
  async paste(tsv: string) {
    await this.lines.evaluate((el, text) => {
      const data = new DataTransfer();
      data.setData('text/plain', text);
      const target = el.querySelector('.ag-cell-focus') ?? el;
      target.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
    }, tsv);
  }

  /** Types a new value into a line's cell and confirms it with Entrée. */
  async type(row: number, colId: string, text: string) {
    await this.cell(row, colId).click();
    await this.page.keyboard.press('Enter');
    await this.page.keyboard.press('ControlOrMeta+A');
    await this.page.keyboard.type(text);
    await this.page.keyboard.press('Enter');
  }

  async moveTo(stage: string) {
    await this.page.getByLabel('Changer d’étape').selectOption({ label: stage });
    const dialog = this.page.getByRole('dialog');
    await expect(dialog).toBeVisible();
    await this.page.keyboard.press('Enter');
    await expect(dialog).toBeHidden();
  }
}
