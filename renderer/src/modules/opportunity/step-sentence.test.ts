import { describe, expect, it } from 'vitest';
import { translate, type T } from '../../i18n';
import { stepSentence } from './step-sentence';

const t: T = (key, vars) => translate('fr', key, vars);
const plain = (s: string) => s.replace(/[\u00a0\u202f]/g, ' ');
const at = '2026-12-01T10:00:00.000Z';
const codes = new Map([
  [1, 'ORL'],
  [2, 'LYO'],
]);
const sentence = (step: string, data: Record<string, unknown>, extra = {}) =>
  plain(stepSentence({ kind: 'automation', step, data, at, by: null, ...extra }, t, 'fr', codes));

describe('the automation log, for people', () => {
  it('says what each step did with units and references, never internal names or ids', () => {
    const reserved = sentence('reserve_stock', {
      reservations: [
        { line: 1, warehouseId: 1, qty: 5_000 },
        { line: 1, warehouseId: 2, qty: 1_000 },
        { line: 2, warehouseId: 1, qty: 2_000 },
      ],
    });
    expect(reserved).toBe('Stock réservé : 2 ligne(s) dans 2 dépôt(s) (ORL, LYO)');
    expect(sentence('check_credit', { state: 'approval', headroom: -578_753_600, approvalId: 314 })).toBe(
      'Plafond de crédit dépassé de 57 875,36 € : accord crédit demandé, l’affaire attend',
    );
    expect(sentence('queue_sale_order', { outboxId: 68, uuid: 'x', lines: 3 }, { saleOrder: { status: 'done', erpRef: 'SO-0042' } })).toBe(
      'Commande client envoyée à l’ERP : SO-0042',
    );
    expect(sentence('queue_sale_order', { outboxId: 68, uuid: 'x', lines: 3 }, { saleOrder: { status: 'pending', erpRef: null } })).toBe(
      'Commande client (3 lignes) en file pour l’ERP',
    );
    expect(sentence('raise_shortages', { shortages: [{ neededBy: '2026-12-20' }, { neededBy: '2026-12-12' }] })).toBe(
      '2 manque(s) signalé(s) aux achats, le premier à livrer au plus tard le 12/12/2026',
    );
    expect(sentence('check_margin', { state: 'below_minimum', marginRate: 170, recheck: true })).toBe(
      'Marge 1,7 % sous le minimum : accord de marge demandé, l’affaire attend (revérifié à la reprise)',
    );
    for (const s of [reserved, sentence('check_credit', { state: 'ok', headroom: 10_000 })]) expect(s).not.toMatch(/Id|uuid|headroom|:\s*\d{3,}\b/);
  });
});
