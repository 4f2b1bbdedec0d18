import { useEffect, useId, useRef, useState } from 'react';
import { addDays } from '../../../electron/shared/dates';
import { formatDate, parseDay, type Locale } from '../../../electron/shared/format';
import { useT } from '../i18n';
import { today } from './today';

type Props = {
  value: string | null;
  /** Called with the ISO day (or null when emptied) once the typed text is a day. */
  onChange: (iso: string | null) => void;
  label: string;
  id?: string;
  /** Hand over every day typed (a form's state), or only on Enter and on leaving the field (an edit saved at once). */
  live?: boolean;
};

/**
 * A day in the app's language whatever the browser's: shows `15/03/2027`, reads `15/03/2027`,
 * `15/3/27` or `15/03` (this year), ↑/↓ move a day. A text that is not a day is said next to the
 * field and saves nothing.
 */
/**
 * The text shown for a day: the value formatted, until the user types. Typed since the field last
 * showed the value, a value arriving now (the save of an earlier day, a change pulled from a
 * teammate) never overwrites what is being typed.
 */
function useDayText(value: string | null, locale: Locale) {
  const [text, setText] = useState(formatDate(value, locale));
  const [bad, setBad] = useState(false);
  const box = useRef<HTMLInputElement>(null);
  const dirty = useRef(false);
  useEffect(() => {
    if (dirty.current && document.activeElement === box.current) return;
    dirty.current = false;
    setText(formatDate(value, locale));
    setBad(false);
  }, [value, locale]);
  return { text, setText, bad, setBad, box, dirty };
}

export function DateField({ value, onChange, label, id, live = false }: Props) {
  const { t, locale } = useT();
  const { text, setText, bad, setBad, box, dirty } = useDayText(value, locale);
  const errorId = useId();

  const commit = (typed: string) => {
    const day = parseDay(typed, today());
    setBad(day === undefined);
    if (day === undefined) return;
    dirty.current = false;
    setText(formatDate(day, locale));
    if (day !== value) onChange(day);
  };
  const leave = (typed: string) => {
    // left untouched: show the value as it is now, hand nothing back
    if (!dirty.current) {
      setText(formatDate(value, locale));
      return setBad(false);
    }
    commit(typed);
  };
  const onKeyDown = (e: React.KeyboardEvent<HTMLInputElement>) => {
    if (e.key === 'Enter') {
      // in a form a good day lets Enter submit it; a bad one, or an in-place edit, stops here
      if (!live || parseDay(e.currentTarget.value, today()) === undefined) e.preventDefault();
      commit(e.currentTarget.value);
    } else if ((e.key === 'ArrowUp' || e.key === 'ArrowDown') && !e.altKey) {
      const from = parseDay(e.currentTarget.value, today()) ?? today();
      e.preventDefault();
      dirty.current = true;
      const next = addDays(from, e.key === 'ArrowUp' ? 1 : -1);
      setText(formatDate(next, locale));
      if (live) onChange(next);
    }
  };
  return (
    <span className="date-field">
      <input
        id={id}
        ref={box}
        type="text"
        inputMode="numeric"
        aria-label={label}
        aria-invalid={bad || undefined}
        aria-describedby={bad ? errorId : undefined}
        placeholder={t('date.placeholder')}
        value={text}
        maxLength={10}
        size={10}
        onChange={(e) => {
          setText(e.target.value);
          dirty.current = true;
          const day = live ? parseDay(e.target.value, today()) : undefined;
          if (day !== undefined) onChange(day);
        }}
        onBlur={(e) => leave(e.target.value)}
        onKeyDown={onKeyDown}
      />
      {bad && <DateError id={errorId} />}
    </span>
  );
}

function DateError({ id }: { id: string }) {
  const { t } = useT();
  return (
    <span id={id} className="field-error" role="alert">
      {t('date.invalid')}
    </span>
  );
}
