import { expect, type Locator, type Page } from '@playwright/test';

/** Credit control's desk: the queue of credit requests above the exposure grid. */
export class CreditPage {
  readonly queue: Locator;
  readonly comment: Locator;
  readonly chosen: Locator;

  constructor(readonly page: Page) {
    this.queue = page.getByTestId('approval-queue');
    this.comment = this.queue.getByLabel('Commentaire (obligatoire pour un refus)');
    this.chosen = this.queue.getByTestId('queue-chosen');
  }

  async open() {
    await this.page.getByRole('link', { name: 'Crédit client' }).click();
    await expect(this.chosen).toBeVisible();
  }

  /** How many requests wait, from the queue's heading. */
  async count(): Promise<number> {
    return Number(/\((\d+)\)/.exec(await this.queue.getByRole('heading').innerText())![1]);
  }

  /**
   * Decides the chosen request from the keyboard only: (Entrée from the grid to the comment,)
   * a comment, Entrée approves or Maj+Entrée refuses; returns the deal's reference.
   */
  async decide(comment: string, refuse: boolean, fromGrid: boolean): Promise<string> {
    const reference = (await this.chosen.innerText()).split(' · ')[0]!;
    if (fromGrid) await this.page.keyboard.press('Enter');
    await expect(this.comment).toBeFocused();
    await this.page.keyboard.type(comment);
    await this.page.keyboard.press(refuse ? 'Shift+Enter' : 'Enter');
    await expect(this.page.getByRole('status').filter({ hasText: `${refuse ? 'Refusé' : 'Accordé'} : ${reference}` })).toBeVisible();
    await expect(this.chosen).not.toContainText(reference);
    return reference;
  }
}
