import { forwardRef } from 'react';
import type { StageKind } from '../../../../../electron/shared/contract';
import { useT } from '../../../i18n';

const KINDS: StageKind[] = ['open', 'won', 'lost'];

type Props = {
  search: string;
  onSearch: (text: string) => void;
  onSearchKey: (e: React.KeyboardEvent<HTMLInputElement>) => void;
  kinds: StageKind[];
  onToggleKind: (kind: StageKind) => void;
  onResetColumns: () => void;
  onNew: () => void;
  onExport: () => void;
};

/** Quick search, stage-kind toggles and the column reset above the grid. */
export const OpportunitiesToolbar = forwardRef<HTMLInputElement, Props>(function OpportunitiesToolbar(props, searchBox) {
  const { t } = useT();
  return (
    <div className="toolbar">
      <h1>{t('nav.opportunities')}</h1>
      <input
        ref={searchBox}
        type="search"
        aria-label={t('opps.search')}
        placeholder={t('opps.search')}
        value={props.search}
        onChange={(e) => props.onSearch(e.target.value)}
        onKeyDown={props.onSearchKey}
        maxLength={200}
      />
      {KINDS.map((k) => (
        <button key={k} type="button" className="toggle" aria-pressed={props.kinds.includes(k)} onClick={() => props.onToggleKind(k)}>
          {t(`opps.kind.${k}`)}
        </button>
      ))}
      <span className="spacer" />
      <button type="button" className="btn" onClick={props.onExport}>
        {t('export.xlsx')}
      </button>
      <button type="button" className="btn" onClick={props.onNew}>
        {t('opps.new')}
      </button>
      <button type="button" className="btn" onClick={props.onResetColumns}>
        {t('opps.resetColumns')}
      </button>
    </div>
  );
});
