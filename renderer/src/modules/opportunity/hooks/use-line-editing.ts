import { useCallback, useRef, useState } from 'react';
import type { OpportunityDetail, OpportunityLine } from '../../../../../electron/shared/contract';
import { useApp } from '../../../app/client-context';
import { useT } from '../../../i18n';
import { parseLineEdit, type EditableField } from '../line-edit';
import type { Draft } from '../live-preview';
import { today } from '../../../ui/today';
import { errorText } from '../../../ui/errors';
import { AppError } from '../../../../../electron/shared/errors';
import { pasteInverse, readPaste, type PasteProblem } from '../paste-lines';

type Save = () => Promise<OpportunityDetail>;

/**
 * Every change to the lines goes through core, which validates, audits and recomputes; the view
 * shows what core answers. Each change keeps its inverse, so Ctrl+Z undoes the last one.
 */
export function useLineEditing(opp: OpportunityDetail | null, setOpp: (o: OpportunityDetail) => void, setNotice: (m: string | null) => void) {
  const { client } = useApp();
  const { t, locale } = useT();
  const undo = useRef<Save[]>([]);
  // the cell being typed (previewed live); kept after Enter until core answers, so figures never flash back
  const [draft, setDraft] = useState<Draft | null>(null);
  const saving = useRef(false);

  const run = useCallback(
    (save: Save, inverse?: (after: OpportunityDetail) => Save) =>
      save().then(
        (after) => {
          setOpp(after);
          setNotice(null);
          if (inverse) undo.current.push(inverse(after));
          return after;
        },
        (err: unknown) => {
          setNotice(errorText(err, t));
          return null;
        },
      ),
    [setOpp, setNotice],
  );

  const update = (line: OpportunityLine, changes: Record<string, unknown>, previous: Record<string, unknown>) =>
    run(
      () => client.call('opportunity.updateLine', { lineId: line.id, ...changes }),
      () => () => client.call('opportunity.updateLine', { lineId: line.id, ...previous }),
    );

  const editCell = (line: OpportunityLine, field: EditableField, text: string) => {
    const parsed = parseLineEdit(field, text, locale, today());
    if (!parsed.ok) {
      setNotice(`${t('edit.line', { n: line.position })} · ${t(`line.${field}`)} : « ${text} » ${t(`edit.${parsed.problem}`)}`);
      return;
    }
    if (parsed.value === line[field]) return;
    saving.current = true;
    void update(line, { [field]: parsed.value }, { [field]: line[field] }).finally(() => {
      saving.current = false;
      setDraft(null);
    });
  };

  /** The editor closed: without a save under way (Esc, or nothing changed) the preview goes. */
  const endDraft = () => {
    if (!saving.current) setDraft(null);
  };

  const setWarehouse = (line: OpportunityLine, warehouseId: number | null) => {
    if (warehouseId !== line.warehouseId) void update(line, { warehouseId }, { warehouseId: line.warehouseId });
  };

  const addLine = (productId: number, qtyText: string): Promise<OpportunityDetail | null> => {
    if (!opp) return Promise.resolve(null);
    const parsed = parseLineEdit('qty', qtyText, locale, today());
    if (!parsed.ok) {
      setNotice(`${t('line.qty')} : « ${qtyText} » ${t(`edit.${parsed.problem}`)}`);
      return Promise.resolve(null);
    }
    return run(
      () => client.call('opportunity.addLine', { opportunityId: opp.id, productId, qty: parsed.value as number }),
      (after) => () => client.call('opportunity.deleteLine', { lineId: after.lines[after.lines.length - 1]!.id }),
    );
  };

  /** A suggestion (cross-sell, up-sell) as a line: its quantity, price and warehouse; Ctrl+Z takes it back. */
  const addSuggested = (s: { productId: number; qty: number; unitPrice: number; warehouseId: number | null }) =>
    opp &&
    void run(
      () =>
        client.call('opportunity.addLine', {
          opportunityId: opp.id,
          productId: s.productId,
          qty: s.qty,
          unitPrice: s.unitPrice,
          warehouseId: s.warehouseId,
        }),
      (after) => () => client.call('opportunity.deleteLine', { lineId: after.lines[after.lines.length - 1]!.id }),
    );

  const duplicate = (line: OpportunityLine) =>
    void run(
      () => client.call('opportunity.duplicateLine', { lineId: line.id }),
      (after) => () => client.call('opportunity.deleteLine', { lineId: after.lines[line.position]!.id }),
    );

  const remove = (line: OpportunityLine) => {
    if (!opp) return;
    const opportunityId = opp.id;
    void run(
      () => client.call('opportunity.deleteLine', { lineId: line.id }),
      () => async () => {
        const { productId, warehouseId, qty, unitPrice, discount, requestedDate } = line;
        const added = await client.call('opportunity.addLine', { opportunityId, productId, warehouseId, qty, unitPrice, discount, requestedDate });
        return client.call('opportunity.moveLine', { lineId: added.lines[added.lines.length - 1]!.id, toPosition: line.position });
      },
    );
  };

  const move = (line: OpportunityLine, delta: -1 | 1) => {
    const to = line.position + delta;
    if (!opp || to < 1 || to > opp.lines.length) return;
    void run(
      () => client.call('opportunity.moveLine', { lineId: line.id, toPosition: to }),
      () => () => client.call('opportunity.moveLine', { lineId: line.id, toPosition: line.position }),
    );
  };

  /** Rows pasted from a spreadsheet: every row checked like typed input and named when wrong, then all in one go or none. */
  const paste = (text: string) => {
    if (!opp) return;
    const before = opp;
    const { rows, problems } = readPaste(text, locale, today());
    const name = (p: PasteProblem) =>
      t('paste.row', {
        n: p.row,
        what: p.field === 'productCode' ? t('paste.noCode') : `${t(`line.${p.field}`)} : « ${p.text} » ${t(`edit.${p.problem}` as 'edit.notNumber')}`,
      });
    if (rows.length === 0) return setNotice(t('paste.empty'));
    if (problems.length) return setNotice(problems.map(name).join(' · '));
    void client.call('opportunity.pasteLines', { opportunityId: opp.id, rows }).then(
      (after) => {
        setOpp(after);
        setNotice(null);
        const { remove: added, restore } = pasteInverse(before, after);
        undo.current.push(async () => {
          let v = after;
          for (const lineId of added) v = await client.call('opportunity.deleteLine', { lineId });
          for (const r of restore) v = await client.call('opportunity.updateLine', r);
          return v;
        });
      },
      (err: unknown) => {
        const unknown = err instanceof AppError ? (err.details?.issues ?? []).map((i) => Number(i.path.split('.')[1])) : [];
        setNotice(
          unknown.length
            ? unknown.map((i) => t('paste.row', { n: i + 1, what: t('paste.unknown', { code: rows[i]?.productCode ?? '' }) })).join(' · ')
            : errorText(err, t),
        );
      },
    );
  };

  const undoLast = () => {
    const last = undo.current.pop();
    if (last) void run(last);
  };

  return { draft, setDraft, endDraft, editCell, setWarehouse, addLine, addSuggested, duplicate, remove, move, undoLast, paste };
}

export type LineEditing = ReturnType<typeof useLineEditing>;
