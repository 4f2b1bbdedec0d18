import type { OpportunityDetail } from '../../../../electron/shared/contract';
import { previewDeal, previewInput, type LineEdit } from '../../../../electron/shared/domain/deal-preview';
import { dealCredit } from '../../../../electron/shared/domain/credit';
import type { Locale } from '../../../../electron/shared/format';
import { parseLineEdit, type EditableField } from './line-edit';
import { today } from '../../ui/today';

/** A cell being typed: which line, which field, the text so far. */
export type Draft = { lineId: number; field: EditableField; text: string };

/**
 * The deal as it will be once the typed cell is saved, computed here on every keystroke with the
 * shared domain math; core's answer replaces it on Enter. Text that does not parse (yet) changes
 * nothing; the typed cell itself keeps its editor.
 */
export function applyDraft(opp: OpportunityDetail, draft: Draft | null, locale: Locale): OpportunityDetail {
  if (!draft || draft.field === 'requestedDate') return opp;
  const parsed = parseLineEdit(draft.field, draft.text, locale, today());
  if (!parsed.ok || typeof parsed.value !== 'number') return opp;
  const edit: LineEdit = { lineId: draft.lineId, [draft.field]: parsed.value };
  const r = previewDeal(previewInput(opp), edit);
  const panel = opp.customerPanel;
  const credit = {
    creditLimit: opp.customer.creditLimit,
    outstanding: opp.customer.outstanding,
    openOrders: panel.openOrders,
    onHold: opp.customer.onHold,
  };
  const room = dealCredit(
    credit,
    r.totals.amount,
    { committed: panel.otherCommitted, weighted: panel.otherPipelineWeighted },
    opp.pricing.creditWarnRate,
  );
  return {
    ...opp,
    totals: r.totals,
    customerPanel: {
      ...panel,
      headroom: room.headroom,
      headroomWithPipeline: room.withPipeline,
      creditState: room.state,
    },
    guard: { ...opp.guard, ...r.guard },
    lines: opp.lines.map((l) => {
      if (l.id !== draft.lineId) return l;
      const f = r.lines.get(l.id)!;
      return {
        ...l,
        amount: f.amount,
        replacementUnitCost: f.replacementUnitCost,
        unitCost: f.unitCost,
        cost: f.cost,
        margin: f.margin,
        marginRate: f.marginRate,
        insight: { ...l.insight, guard: f.guard, availability: { ...l.insight.availability, status: f.availability } },
      };
    }),
  };
}
