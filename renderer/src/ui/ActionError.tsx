import { useCallback, useState } from 'react';
import { useT } from '../i18n';
import { errorText } from './errors';

/** The refusal of one action, kept beside it: `fail` words core's error, `clear` forgets it once the action succeeds. */
export function useActionError() {
  const { t } = useT();
  const [text, setText] = useState<string | null>(null);
  const fail = useCallback((err: unknown) => setText(errorText(err, t)), [t]);
  const clear = useCallback(() => setText(null), []);
  return { text, fail, clear, say: setText };
}

/** Shown right where the action is: after its button, under its field. */
export function ActionError({ text }: { text: string | null }) {
  if (!text) return null;
  return (
    <span className="action-error" role="alert">
      {text}
    </span>
  );
}
