import type { Input, OpportunityDetail } from '../../../../electron/shared/contract';
import type { Locale } from '../../../../electron/shared/format';
import { parseTsv } from '../../ui/grid-range';
import { parseLineEdit, type EditableField } from './line-edit';

export type PastedRow = Input<'opportunity.pasteLines'>['rows'][number];
/** A row of the paste that cannot go in: its number in the paste, the column and what is wrong. */
export type PasteProblem = { row: number; field: 'productCode' | EditableField; text: string; problem: string };

const COLUMNS = ['productCode', 'qty', 'unitPrice', 'discount'] as const;

/** A spreadsheet's header row: « Code | Quantité | Prix… » (fr or en), not a row with a wrong quantity. */
function isHeader(cells: string[]): boolean {
  return /^(code|article|r[ée]f|produit|product|item)/i.test(cells[0] ?? '') || /^(quantit|qt[ée]|qty)/i.test(cells[1] ?? '');
}

/**
 * Rows copied from a spreadsheet — code, quantity, and optionally unit price and discount — each
 * cell read like typed input (« 1 250,5 », « 12,50 € », « 5 % »). A first row that is a
 * header (« Code », « Quantité »…) is left out.
 */
export function readPaste(text: string, locale: Locale, today: string): { rows: PastedRow[]; problems: PasteProblem[] } {
  const table = parseTsv(text);
  if (table[0] && isHeader(table[0])) table.shift();
  const rows: PastedRow[] = [];
  const problems: PasteProblem[] = [];
  table.forEach((cells, i) => {
    const row: Record<string, unknown> = {};
    const code = cells[0] ?? '';
    if (!code) problems.push({ row: i + 1, field: 'productCode', text: '', problem: 'missing' });
    row.productCode = code;
    for (const [c, field] of COLUMNS.entries()) {
      if (field === 'productCode') continue;
      const cell = cells[c] ?? '';
      if (cell === '' && field !== 'qty') continue;
      const parsed = parseLineEdit(field, cell, locale, today);
      if (parsed.ok && parsed.value !== null) row[field] = parsed.value;
      else problems.push({ row: i + 1, field, text: cell, problem: parsed.ok ? 'missing' : parsed.problem });
    }
    rows.push(row as PastedRow);
  });
  return { rows, problems };
}

/** What Ctrl+Z does after a paste: the lines it added go, the lines it changed get their figures back. */
export function pasteInverse(before: OpportunityDetail, after: OpportunityDetail) {
  const known = new Map(before.lines.map((l) => [l.id, l]));
  return {
    remove: after.lines.filter((l) => !known.has(l.id)).map((l) => l.id),
    restore: after.lines.flatMap((l) => {
      const b = known.get(l.id);
      return b && (b.qty !== l.qty || b.unitPrice !== l.unitPrice || b.discount !== l.discount)
        ? [{ lineId: l.id, qty: b.qty, unitPrice: b.unitPrice, discount: b.discount }]
        : [];
    }),
  };
}
