import { execFileSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Core } from '../../electron/core/core';
import { type AppError } from '../../electron/shared/errors';
import { quoteTotals } from '../../electron/shared/domain/quote';
import { formatMoney, formatQty, formatRate } from '../../electron/shared/format';
import { lineAmount } from '../../electron/shared/money';
import { addDays } from '../../electron/shared/dates';
import { smallCore, TODAY } from './helpers';

/** The quote (devis) of a deal as a PDF, read back with poppler's pdftotext (a real reader, not our own). */
let core: Core;
let cleanup: () => void;
beforeAll(() => ({ core, cleanup } = smallCore()));
afterAll(() => cleanup());

const sql = <T>(q: string, ...params: unknown[]) => core.db.$client.prepare(q).all(...params) as T[];
/** The PDF's text, every kind of space made one (French numbers use thin no-break spaces). */
const textOf = (path: string) => execFileSync('pdftotext', ['-raw', path, '-'], { encoding: 'utf8' }).replace(/[\s\u00a0\u202f]+/g, ' ');
const spaced = (s: string) => s.replace(/[\s\u00a0\u202f]+/g, ' ');

async function dealWithTwoRates() {
  const customer = sql<{ id: number }>('SELECT id FROM customers ORDER BY id LIMIT 1')[0]!.id;
  const deal = await core.call('opportunity.create', { customerId: customer, title: 'Semences et ciment', requestedDate: addDays(TODAY, 20) });
  const pick = (rate: number) =>
    sql<{ id: number; price: number }>('SELECT id, list_price AS price FROM products WHERE tax_rate = ? ORDER BY id LIMIT 1', rate)[0]!;
  await core.call('opportunity.addLine', {
    opportunityId: deal.id,
    productId: pick(1000).id,
    qty: 12_500,
    unitPrice: pick(1000).price,
    discount: 500,
  });
  await core.call('opportunity.addLine', { opportunityId: deal.id, productId: pick(2000).id, qty: 3_000, unitPrice: pick(2000).price });
  return deal.id;
}

describe('the quote as a PDF', () => {
  it('holds the company, the customer, every line and the totals HT, TVA by rate and TTC of the deal; attached to its timeline', async () => {
    const id = await dealWithTwoRates();
    const doc = await core.call('quote.pdf', { opportunityId: id, locale: 'fr' });
    const deal = await core.call('opportunity.get', { id });
    expect(doc).toMatchObject({ mime: 'application/pdf', name: `Devis ${deal.reference} ${TODAY}.pdf`, opportunityId: id });
    const text = textOf((await core.documentFile(doc.hash))!.path);
    const company = JSON.parse(sql<{ value: string }>("SELECT value FROM settings WHERE key = 'company.name'")[0]!.value) as string;
    expect(text).toContain('DEVIS');
    expect(text).toContain(company);
    expect(text).toContain(`Devis n° ${deal.reference}`);
    expect(text).toContain(deal.customer.name);
    const lines = sql<{ code: string; name: string; qty: number; unit_price: number; discount: number; tax_rate: number }>(
      'SELECT p.code, p.name, l.qty, l.unit_price, l.discount, p.tax_rate FROM opportunity_lines l JOIN products p ON p.id = l.product_id WHERE l.opportunity_id = ? ORDER BY l.position',
      id,
    );
    for (const l of lines) {
      expect(text).toContain(l.code);
      expect(text).toContain(spaced(l.name));
      expect(text).toContain(spaced(formatQty(l.qty, 'fr')));
      expect(text).toContain(spaced(formatMoney(lineAmount(l.qty, l.unit_price, l.discount), 'fr')));
    }
    expect(text).toContain(spaced(formatRate(500, 'fr')));
    const totals = quoteTotals(lines.map((l) => ({ amount: lineAmount(l.qty, l.unit_price, l.discount), taxRate: l.tax_rate })));
    expect(totals.net).toBe(deal.totals.amount);
    expect(text).toContain(`Total HT ${spaced(formatMoney(totals.net, 'fr'))}`);
    for (const b of totals.taxes)
      expect(text).toContain(spaced(`TVA ${formatRate(b.rate, 'fr')} sur ${formatMoney(b.base, 'fr')} ${formatMoney(b.tax, 'fr')}`));
    expect(totals.taxes.map((b) => b.rate)).toEqual([1000, 2000]);
    expect(text).toContain(`Total TTC ${spaced(formatMoney(totals.gross, 'fr'))}`);
    expect(text).toContain('Conditions');
    const [entry] = await core.call('timeline.list', { opportunityId: id, kinds: ['document'] });
    expect(entry).toMatchObject({ title: doc.name, data: { hash: doc.hash } });
  });

  it('the same in English', async () => {
    const id = await dealWithTwoRates();
    const doc = await core.call('quote.pdf', { opportunityId: id, locale: 'en' });
    const text = textOf((await core.documentFile(doc.hash))!.path);
    const deal = await core.call('opportunity.get', { id });
    expect(text).toContain('QUOTATION');
    expect(text).toContain(`Total excl. VAT ${spaced(formatMoney(deal.totals.amount, 'en'))}`);
    expect(text).toContain('Total incl. VAT');
    expect(doc.name).toBe(`Quotation ${deal.reference} ${TODAY}.pdf`);
  });

  it('is refused for a deal without lines, or with a product the ERP gave no TVA for', async () => {
    const customer = sql<{ id: number }>('SELECT id FROM customers ORDER BY id LIMIT 1')[0]!.id;
    const empty = await core.call('opportunity.create', { customerId: customer, title: 'Vide' });
    const reason = async (p: Promise<unknown>) => ((await p.catch((e: unknown) => e)) as AppError).details?.reason;
    expect(await reason(core.call('quote.pdf', { opportunityId: empty.id }))).toBe('quote.noLines');
    const id = await dealWithTwoRates();
    const code = sql<{ code: string; id: number }>(
      'SELECT p.code, p.id FROM opportunity_lines l JOIN products p ON p.id = l.product_id WHERE l.opportunity_id = ? LIMIT 1',
      id,
    )[0]!;
    core.db.$client.prepare('UPDATE products SET tax_rate = NULL WHERE id = ?').run(code.id);
    const err = (await core.call('quote.pdf', { opportunityId: id }).catch((e: unknown) => e)) as AppError;
    expect(err.details).toMatchObject({ reason: 'quote.noTax', codes: code.code });
    expect(await reason(core.call('quote.pdf', { opportunityId: 999_999 }))).toBe('notFound.Opportunity');
  });
});
