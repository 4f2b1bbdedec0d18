import { useState } from 'react';
import { useApp } from '../../../app/client-context';
import { useT } from '../../../i18n';
import { ActionError, useActionError } from '../../../ui/ActionError';
import { documentUrl } from '../../activities/components/TimelineFiles';

/**
 * The deal's quote as a PDF, in French or English: core makes it and attaches it to the timeline;
 * here it is saved where the user chooses (the browser's or the desktop app's save dialog).
 */
export function QuoteButtons({ opportunityId }: { opportunityId: number }) {
  const { client } = useApp();
  const { t } = useT();
  const { text, fail, clear } = useActionError();
  const [busy, setBusy] = useState(false);
  const make = (locale: 'fr' | 'en') => {
    setBusy(true);
    client.call('quote.pdf', { opportunityId, locale }).then(
      (doc) => {
        clear();
        setBusy(false);
        const a = document.createElement('a');
        a.href = documentUrl(doc.hash, doc.name);
        a.download = doc.name;
        a.click();
      },
      (err: unknown) => (setBusy(false), fail(err)),
    );
  };
  return (
    <>
      <button type="button" className="btn" disabled={busy} onClick={() => make('fr')} data-testid="quote-fr">
        {t('quote.fr')}
      </button>
      <button type="button" className="btn" disabled={busy} onClick={() => make('en')} data-testid="quote-en">
        {t('quote.en')}
      </button>
      <ActionError text={text} />
    </>
  );
}
