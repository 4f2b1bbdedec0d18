import type { CustomCellRendererProps } from 'ag-grid-react';
import type { OpportunityRow } from '../../../../../electron/shared/contract';

/** The customer's name, with a red badge when the customer is on credit hold. */
export function CustomerCell(props: CustomCellRendererProps<OpportunityRow> & { holdLabel: string }) {
  if (!props.data) return null;
  return (
    <>
      {props.data.customerName}
      {props.data.customerOnHold && <span className="badge-hold">{props.holdLabel}</span>}
    </>
  );
}
