// The raw baseline of the first-row benchmark: the same AG Grid, modules, theme and columns as
// the app, fed the same 100 000 rows from an in-memory array (client-side row model).
import { createGrid } from 'ag-grid-community';
import type { OpportunityRow } from '../../../electron/shared/contract';
import { translate } from '../../../renderer/src/i18n';
import { opportunityColumns } from '../../../renderer/src/modules/opportunities/columns';
import { gridTheme } from '../../../renderer/src/ui/grid';

const rows = (window as unknown as { __ROWS__: OpportunityRow[] }).__ROWS__;
const columns = opportunityColumns((key, vars) => translate('fr', key, vars), 'fr').map((c) => ({ ...c, cellRenderer: undefined }));
performance.mark('comptoir:grid-create');
createGrid<OpportunityRow>(document.getElementById('grid')!, {
  theme: gridTheme,
  columnDefs: columns,
  rowData: rows,
  defaultColDef: { sortable: true, resizable: true },
  getRowId: (p) => String(p.data.id),
});
