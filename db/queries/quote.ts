import type { Db } from '../client';
import { prepareCached } from './statements';

export type QuoteDeal = {
  reference: string;
  title: string;
  expectedClose: string | null;
  requestedDate: string | null;
  ownerName: string | null;
  customerName: string;
  customerCode: string;
  postalCode: string;
  city: string;
};
export type QuoteLineRow = { code: string; name: string; qty: number; unit: string; unitPrice: number; discount: number; taxRate: number | null };

/** What a quote prints: the deal, its customer and the company; its lines with each product's TVA. */
export function readQuote(db: Db, opportunityId: number): { deal: QuoteDeal; lines: QuoteLineRow[]; company: string } | undefined {
  const deal = prepareCached(
    db.$client,
    `SELECT o.reference, o.title, o.expected_close AS expectedClose, o.requested_date AS requestedDate, u.name AS ownerName,
       c.name AS customerName, c.code AS customerCode, c.postal_code AS postalCode, c.city
     FROM opportunities o JOIN customers c ON c.id = o.customer_id LEFT JOIN users u ON u.id = o.owner_id WHERE o.id = ?`,
  ).get(opportunityId) as QuoteDeal | undefined;
  if (!deal) return undefined;
  const lines = prepareCached(
    db.$client,
    `SELECT p.code, p.name, l.qty, p.unit, l.unit_price AS unitPrice, l.discount, p.tax_rate AS taxRate
     FROM opportunity_lines l JOIN products p ON p.id = l.product_id WHERE l.opportunity_id = ? ORDER BY l.position, l.id`,
  ).all(opportunityId) as QuoteLineRow[];
  const name = prepareCached(db.$client, "SELECT value FROM settings WHERE key = 'company.name'").pluck().get() as string | undefined;
  return { deal, lines, company: name ? (JSON.parse(name) as string) : '' };
}
