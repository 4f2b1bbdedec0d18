import type { CustomCellRendererProps } from 'ag-grid-react';
import type { OpportunityRow } from '../../../../../electron/shared/contract';

/** The customer's name, with a red badge when the customer is on credit hold: a long name gives way, the badge is never cut. */
export function CustomerCell(props: CustomCellRendererProps<OpportunityRow> & { holdLabel: string }) {
  if (!props.data) return null;
  return (
    <span className="cell-with-badge" title={props.data.customerName}>
      <span className="cell-text">{props.data.customerName}</span>
      {props.data.customerOnHold && <span className="badge-hold">{props.holdLabel}</span>}
    </span>
  );
}
