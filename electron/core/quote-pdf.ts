import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import pdfmake from 'pdfmake';
import type { Content, TDocumentDefinitions } from 'pdfmake/interfaces';
import type { Db } from '../../db/client';
import { readQuote } from '../../db/queries/quote';
import { addDays } from '../shared/dates';
import { formatDate, formatMoney, formatQty, formatRate, formatUnitPrice, type Locale } from '../shared/format';
import { lineAmount } from '../shared/money';
import { quoteTotals } from '../shared/domain/quote';
import { AppError, notFound } from '../shared/errors';

/** How long a quote holds, from its date. */
export const QUOTE_VALID_DAYS = 30;

const WORDS = {
  fr: {
    title: 'DEVIS',
    number: 'Devis n°',
    date: 'Date',
    valid: 'Valable jusqu’au',
    customer: 'Client',
    object: 'Objet',
    trader: 'Votre interlocuteur',
    wanted: 'Livraison souhaitée',
    cols: ['Code', 'Désignation', 'Quantité', 'Unité', 'P.U. HT', 'Remise', 'Montant HT'],
    net: 'Total HT',
    tax: (rate: string) => `TVA ${rate}`,
    base: 'sur',
    gross: 'Total TTC',
    conditions: 'Conditions',
    terms: [
      `Offre valable ${QUOTE_VALID_DAYS} jours à compter de sa date, sous réserve de disponibilité des stocks au jour de la commande.`,
      'Prix en euros ; TVA au taux en vigueur à la date de facturation.',
      'Paiement à 30 jours fin de mois à réception de facture ; pénalités de retard au taux légal et indemnité forfaitaire de 40 €.',
      'Livraison départ entrepôt ou franco selon barème transport ; délai confirmé à la commande.',
    ],
    page: (n: number, of: number) => `Page ${n} / ${of}`,
  },
  en: {
    title: 'QUOTATION',
    number: 'Quotation no.',
    date: 'Date',
    valid: 'Valid until',
    customer: 'Customer',
    object: 'Subject',
    trader: 'Your contact',
    wanted: 'Requested delivery',
    cols: ['Code', 'Description', 'Quantity', 'Unit', 'Unit price', 'Discount', 'Amount excl. VAT'],
    net: 'Total excl. VAT',
    tax: (rate: string) => `VAT ${rate}`,
    base: 'on',
    gross: 'Total incl. VAT',
    conditions: 'Terms',
    terms: [
      `This offer holds for ${QUOTE_VALID_DAYS} days from its date, subject to stock available on the day of the order.`,
      'Prices in euros; VAT at the rate in force on the invoice date.',
      'Payment 30 days end of month from invoice; late payment interest at the legal rate and a fixed 40 € recovery fee.',
      'Delivery ex warehouse or carriage paid per the transport scale; lead time confirmed with the order.',
    ],
    page: (n: number, of: number) => `Page ${n} / ${of}`,
  },
} as const;

let fontsReady = false;
/** pdfmake's own Roboto (every accent, €, the thin spaces of French numbers), read from its package only. */
function useFonts(): void {
  if (fontsReady) return;
  const dir = join(dirname(createRequire(import.meta.url).resolve('pdfmake/package.json')), 'fonts', 'Roboto');
  pdfmake.setFonts({
    Roboto: {
      normal: join(dir, 'Roboto-Regular.ttf'),
      bold: join(dir, 'Roboto-Medium.ttf'),
      italics: join(dir, 'Roboto-Italic.ttf'),
      bolditalics: join(dir, 'Roboto-MediumItalic.ttf'),
    },
  });
  pdfmake.setLocalAccessPolicy((path: string) => path.startsWith(dir));
  pdfmake.setUrlAccessPolicy(() => false);
  fontsReady = true;
}

/** French numbers' thin no-break space (U+202F) is not in the font: the ordinary no-break space instead. */
const printable = (f: (v: number, locale: Locale) => string) => (v: number, locale: Locale) => f(v, locale).replace(/\u202f/g, '\u00a0');
const money = printable(formatMoney);
const qty = printable((v, l) => formatQty(v, l));
const unitPrice = printable((v, l) => formatUnitPrice(v, l));
const rate = printable((v, l) => formatRate(v, l));

/** The document: header, customer, lines, totals with TVA by rate, conditions. */
function definition(q: NonNullable<ReturnType<typeof readQuote>>, locale: Locale, today: string): TDocumentDefinitions {
  const w = WORDS[locale];
  const lines = q.lines.map((l) => ({ ...l, amount: lineAmount(l.qty, l.unitPrice, l.discount) }));
  const totals = quoteTotals(lines);
  const right = { alignment: 'right' as const };
  const head = w.cols.map((c, i) => ({ text: c, style: 'th', ...(i >= 2 && i !== 3 ? right : {}) }));
  const body = lines.map((l) => [
    l.code,
    l.name,
    { text: qty(l.qty, locale), ...right },
    l.unit,
    { text: unitPrice(l.unitPrice, locale), ...right },
    { text: l.discount ? rate(l.discount, locale) : '', ...right },
    { text: money(l.amount, locale), ...right },
  ]);
  const totalRows: Content[][] = [
    [
      { text: w.net, bold: true },
      { text: money(totals.net, locale), ...right, bold: true },
    ],
    ...totals.taxes.map((b) => [`${w.tax(rate(b.rate, locale))} ${w.base} ${money(b.base, locale)}`, { text: money(b.tax, locale), ...right }]),
    [
      { text: w.gross, bold: true, fontSize: 11 },
      { text: money(totals.gross, locale), ...right, bold: true, fontSize: 11 },
    ],
  ];
  const d = q.deal;
  return {
    info: { title: `${w.title} ${d.reference}`, author: q.company, subject: d.title, creator: 'Comptoir' },
    pageSize: 'A4',
    pageMargins: [40, 50, 40, 50],
    defaultStyle: { font: 'Roboto', fontSize: 9 },
    styles: { th: { bold: true, fillColor: '#eef1f5' }, company: { fontSize: 14, bold: true }, title: { fontSize: 18, bold: true } },
    footer: (page: number, pages: number) => ({
      text: `${q.company} · ${w.number} ${d.reference} · ${w.page(page, pages)}`,
      alignment: 'center',
      fontSize: 7,
      margin: [0, 20, 0, 0],
    }),
    content: [
      {
        columns: [
          { width: '*', text: q.company, style: 'company' },
          {
            width: 200,
            stack: [
              { text: w.title, style: 'title', alignment: 'right' },
              { text: `${w.number} ${d.reference}`, alignment: 'right' },
              { text: `${w.date} : ${formatDate(today, locale)}`, alignment: 'right' },
              { text: `${w.valid} : ${formatDate(addDays(today, QUOTE_VALID_DAYS), locale)}`, alignment: 'right' },
            ],
          },
        ],
      },
      {
        margin: [0, 20, 0, 14],
        columns: [
          {
            width: '*',
            stack: [
              `${w.object} : ${d.title}`,
              d.ownerName ? `${w.trader} : ${d.ownerName}` : '',
              d.requestedDate ? `${w.wanted} : ${formatDate(d.requestedDate, locale)}` : '',
            ],
          },
          {
            width: 220,
            table: {
              widths: ['*'],
              body: [[{ stack: [{ text: w.customer, bold: true }, d.customerName, `${d.customerCode}`, `${d.postalCode} ${d.city}`.trim()] }]],
            },
          },
        ],
      },
      {
        table: { headerRows: 1, widths: [52, '*', 52, 30, 58, 40, 70], body: [head, ...body] },
        layout: 'lightHorizontalLines',
      },
      {
        margin: [0, 12, 0, 0],
        columns: [
          { width: '*', text: '' },
          { width: 240, table: { widths: ['*', 90], body: totalRows }, layout: 'noBorders' },
        ],
      },
      { text: w.conditions, bold: true, margin: [0, 20, 0, 4] },
      { ul: [...w.terms], fontSize: 8 },
    ],
  };
}

/**
 * The quote of a deal as a PDF, in French or English. Refused while a line's product has no TVA
 * from the ERP (a quote states it); an empty deal has nothing to quote.
 */
export async function quotePdf(db: Db, opportunityId: number, locale: Locale, today: string): Promise<{ name: string; bytes: Buffer }> {
  const q = readQuote(db, opportunityId);
  if (!q) throw notFound('Opportunity', opportunityId);
  if (q.lines.length === 0)
    throw new AppError('conflict', `${q.deal.reference} has no line to quote`, { reason: 'quote.noLines', reference: q.deal.reference });
  const untaxed = q.lines.filter((l) => l.taxRate === null).map((l) => l.code);
  if (untaxed.length > 0)
    throw new AppError('conflict', `The ERP gives no TVA for ${untaxed.join(', ')}: synchronise the products before quoting`, {
      reason: 'quote.noTax',
      codes: untaxed.join(', '),
    });
  useFonts();
  const bytes = Buffer.from(await pdfmake.createPdf(definition(q, locale, today)).getBuffer());
  return { name: `${locale === 'fr' ? 'Devis' : 'Quotation'} ${q.deal.reference} ${today}.pdf`, bytes };
}
