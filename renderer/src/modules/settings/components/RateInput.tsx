import { formatDecimal, parseDecimal } from '../../../../../electron/shared/format';
import { rate } from '../../../../../electron/shared/money';
import { useT } from '../../../i18n';

type Props = { label: string; value: number | null; onCommit: (basisPoints: number) => void; onInvalid: () => void; id?: string };

/** A percentage typed the user's way ("12,5"), handed over in basis points; anything outside 0–100 % is refused here and by core. */
export function RateInput({ label, value, onCommit, onInvalid, id }: Props) {
  const { locale } = useT();
  const shown = value === null ? '' : formatDecimal(rate.toPercent(value), locale, 2);
  const commit = (text: string) => {
    if (text.trim() === shown) return;
    const n = parseDecimal(text, locale);
    if (n === null || n < 0 || n > 100) return onInvalid();
    onCommit(rate.fromPercent(n));
  };
  return (
    <input
      id={id}
      key={shown}
      type="text"
      inputMode="decimal"
      className="num rate-input"
      aria-label={label}
      defaultValue={shown}
      size={7}
      onKeyDown={(e) => e.key === 'Enter' && e.currentTarget.blur()}
      onBlur={(e) => commit(e.target.value)}
    />
  );
}
