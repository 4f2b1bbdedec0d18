import type { ReactNode } from 'react';
import { useT } from '../i18n';

type Props<T extends { id: number }> = {
  hits: T[];
  active: number;
  onPick: (hit: T) => void;
  render: (hit: T) => ReactNode;
  /** the query that found nothing, said under the field */
  none?: string | null;
};

/** The list under a search picker (see use-picker): the active hit highlighted, a click picks. */
export function PickerHits<T extends { id: number }>({ hits, active, onPick, render, none }: Props<T>) {
  const { t } = useT();
  if (none)
    return (
      <ul className="hits" role="status">
        <li className="fresh">{t('picker.none', { query: none })}</li>
      </ul>
    );
  if (hits.length === 0) return null;
  return (
    <ul className="hits" role="listbox">
      {hits.map((h, i) => (
        <li key={h.id} role="option" aria-selected={i === active} onMouseDown={() => onPick(h)}>
          {render(h)}
        </li>
      ))}
    </ul>
  );
}
