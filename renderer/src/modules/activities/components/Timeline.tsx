import { useState } from 'react';
import type { TimelineItem, TimelineKind } from '../../../../../electron/shared/contract';
import { timelineKind } from '../../../../../electron/shared/contract/activities';
import { formatStamp, type Locale } from '../../../../../electron/shared/format';
import { useApp } from '../../../app/client-context';
import { useT, type MessageKey, type T } from '../../../i18n';
import { ActionError, useActionError } from '../../../ui/ActionError';
import { useDebounced } from '../../../ui/use-debounced';
import { useLiveQuery } from '../../../ui/use-live-query';
import { stepSentence } from '../../opportunity/step-sentence';
import { DocumentLinks, DropZone, EmailDetails } from './TimelineFiles';

const TIMELINE_DATA = ['timeline', 'activities', 'opportunities', 'approvals', 'operations'];
const NONE: TimelineItem[] = [];
const text = (v: unknown) => (typeof v === 'string' ? v : '');

/** One record of the feed as the people on the deal read it. */
function itemText(i: TimelineItem, t: T, locale: Locale, warehouses: Map<number, string>): string {
  switch (i.kind) {
    case 'note':
      return i.title;
    case 'activity':
      return `${t(`act.kind.${i.title}` as MessageKey)} · ${i.body}`;
    case 'stage':
      return i.body;
    case 'approval':
      return `${t(`tl.approval.${text(i.data.status) || 'pending'}` as MessageKey, { kind: t(`move.approval.${i.title === 'margin' ? 'margin' : 'credit'}`) })}${i.body ? ` — ${i.body}` : ''}`;
    case 'automation':
      return `${t(`step.${i.title}` as MessageKey)} · ${stepSentence({ kind: 'automation', step: i.title, data: i.data, at: i.at, by: i.by }, t, locale, warehouses)}`;
    case 'erp':
      return t(`tl.erp.${i.title}` as MessageKey, { ref: i.body });
    case 'email':
    case 'document':
      return i.title;
  }
}

type Subject = { opportunityId: number } | { customerId: number };

/**
 * The whole history of a deal — or of its customer — in one feed, newest first: notes, activities
 * done, stage changes, approvals, automation steps in words, the ERP's documents. Filters by kind,
 * a search, and a note written here (Ctrl+Entrée).
 */
export function Timeline({ subject, customerId, warehouses }: { subject: Subject; customerId?: number; warehouses: Map<number, string> }) {
  const { client } = useApp();
  const { t, locale } = useT();
  const [ofCustomer, setOfCustomer] = useState(false);
  const on: Subject = ofCustomer && customerId !== undefined ? { customerId } : subject;
  const [kinds, setKinds] = useState<TimelineKind[]>([]);
  const [search, setSearch] = useState('');
  const typed = useDebounced(search, 150);
  const feed = useLiveQuery(
    'timeline.list',
    { ...on, kinds: kinds.length ? kinds : undefined, search: typed.trim() || undefined },
    TIMELINE_DATA,
    'opportunityId' in on ? { id: on.opportunityId } : {},
  );
  const items = feed.data ?? NONE;
  const [note, setNote] = useState('');
  const [said, setSaid] = useState<string | null>(null);
  const { text: error, fail, clear } = useActionError();
  const addNote = () =>
    note.trim() &&
    void client.call('timeline.addNote', { ...on, body: note }).then(() => {
      clear();
      setNote('');
      feed.reload();
    }, fail);
  const toggle = (k: TimelineKind) => setKinds((list) => (list.includes(k) ? list.filter((x) => x !== k) : [...list, k]));
  return (
    <div className="card deal-timeline" data-testid="deal-timeline">
      <h3>
        {ofCustomer ? t('tl.customer') : t('tl.title')}
        {customerId !== undefined && (
          <label className="fresh" style={{ marginLeft: 12, fontWeight: 'normal' }}>
            <input type="checkbox" checked={ofCustomer} onChange={(e) => setOfCustomer(e.target.checked)} /> {t('tl.customer')}
          </label>
        )}
      </h3>
      <div className="note-box">
        <textarea
          value={note}
          rows={2}
          maxLength={10_000}
          placeholder={t('tl.note')}
          aria-label={t('tl.note')}
          onChange={(e) => setNote(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
              e.preventDefault();
              addNote();
            }
          }}
        />
        <button type="button" className="btn" disabled={!note.trim()} onClick={addNote}>
          {t('tl.addNote')}
        </button>
      </div>
      <ActionError text={error} />
      <DropZone on={on} onDone={(message) => (clear(), setSaid(message), feed.reload())} onError={fail} />
      {said && (
        <p className="fresh" role="status">
          {said}
        </p>
      )}
      <div className="feed-filters" role="group" aria-label={t('tl.title')}>
        <button type="button" className={`btn ${kinds.length === 0 ? 'primary' : ''}`} onClick={() => setKinds([])}>
          {t('tl.all')}
        </button>
        {timelineKind.options.map((k) => (
          <button
            key={k}
            type="button"
            aria-pressed={kinds.includes(k)}
            className={`btn ${kinds.includes(k) ? 'primary' : ''}`}
            onClick={() => toggle(k)}
          >
            {t(`tl.kind.${k}`)}
          </button>
        ))}
        <input
          type="search"
          className="feed-search"
          value={search}
          placeholder={t('tl.search')}
          aria-label={t('tl.search')}
          onChange={(e) => setSearch(e.target.value)}
        />
      </div>
      {items.length === 0 && <p className="fresh">{t('tl.none')}</p>}
      <ol className="feed">
        {items.map((i) => (
          <li key={i.key} data-kind={i.kind}>
            <span className="when">{formatStamp(i.at, locale)}</span>
            <span className="kind">{t(`tl.one.${i.kind}`)}</span>
            <span className="grow" style={{ whiteSpace: i.kind === 'note' ? 'pre-wrap' : undefined }}>
              {ofCustomer && i.reference ? <b>{i.reference} · </b> : null}
              {itemText(i, t, locale, warehouses)}
              {i.kind === 'email' && <EmailDetails item={i} />}
              {i.kind === 'document' && <DocumentLinks file={{ hash: text(i.data.hash), name: i.title, mime: text(i.data.mime) }} />}
            </span>
            {i.by && <span className="fresh">{i.by}</span>}
          </li>
        ))}
      </ol>
    </div>
  );
}
