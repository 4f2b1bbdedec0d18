import type { Core } from '../../electron/core/core';
import { applyDraft } from '../../renderer/src/modules/opportunity/live-preview';
import { sideBySide, type Row } from './stats';
import { benchDeal } from './workspace-view';

/**
 * The renderer's recompute of a 200-line deal after one keystroke in a price cell (parse, every
 * line's figures and guard, totals, blended deal guard, credit headroom) vs the bare float loop
 * that only sums qty × price and cost: the least any live total could cost.
 */
export async function benchRecompute(core: Core, rounds: number): Promise<Row[]> {
  const opp = await core.call('opportunity.get', { id: benchDeal(core, 200) });
  const target = opp.lines[117]!;
  let keystroke = 0;
  const text = () => `${(target.unitPrice / 10_000 + (keystroke++ % 7)).toFixed(2).replace('.', ',')}`;
  const bare = () => {
    let amount = 0;
    let cost = 0;
    const price = Number(text().replace(',', '.')) * 10_000;
    for (const l of opp.lines) {
      const p = l.id === target.id ? price : l.unitPrice;
      amount += ((l.qty / 1000) * p * (10_000 - l.discount)) / 10_000;
      cost += (l.qty / 1000) * (l.unitCost ?? 0);
    }
    return amount - cost;
  };
  const r = await sideBySide(() => applyDraft(opp, { lineId: target.id, field: 'unitPrice', text: text() }, 'fr'), bare, rounds, 50);
  return [
    {
      benchmark: 'renderer recompute of a 200-line deal after one keystroke',
      app: r.a,
      baseline: r.b,
      ratio: r.a.median / r.b.median,
      target: 'p95 < 5 ms',
      ok: r.a.p95 < 5,
    },
  ];
}
