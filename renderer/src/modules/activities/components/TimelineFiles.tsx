import { useEffect, useRef, useState } from 'react';
import type { TimelineItem } from '../../../../../electron/shared/contract';
import { documentType, MAX_DOCUMENT_BYTES } from '../../../../../electron/shared/domain/documents';
import { useApp } from '../../../app/client-context';
import { useT } from '../../../i18n';
import { ActionError } from '../../../ui/ActionError';
import { errorText } from '../../../ui/errors';

type Subject = { opportunityId: number } | { customerId: number };
type File_ = { hash: string; name: string; mime: string };
const text = (v: unknown) => (typeof v === 'string' ? v : '');

/** A file's bytes as base64, for core (which checks its size, type and content again). */
async function base64Of(file: File): Promise<string> {
  const bytes = new Uint8Array(await file.arrayBuffer());
  let out = '';
  for (let i = 0; i < bytes.length; i += 0x8000) out += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(out);
}

/** Where a stored document is served: beside the app (the web host's token path, the desktop app's own scheme). */
export const documentUrl = (hash: string, name: string) => `documents/${hash}?name=${encodeURIComponent(name)}`;

/**
 * Drop (or paste, or pick) an e-mail or documents on the timeline: an .eml is logged as an e-mail
 * with its attachments, anything else attached. A file over 25 MB or of a type not kept is said at
 * once; core checks everything again.
 */
export function DropZone({ on, onDone, onError }: { on: Subject; onDone: (message: string) => void; onError: (err: unknown) => void }) {
  const { client } = useApp();
  const { t } = useT();
  const [over, setOver] = useState(false);
  const pick = useRef<HTMLInputElement>(null);
  const send = async (files: File[]) => {
    for (const f of files) {
      if (f.size > MAX_DOCUMENT_BYTES) return onDone(t('err.document.tooBig', { maximumMb: 25, sizeMb: (f.size / 1024 / 1024).toFixed(1) }));
      if (!documentType(f.name)) return onDone(t('err.document.typeRefused', { name: f.name, allowed: 'pdf, png, jpg, xlsx, docx, csv, txt, eml…' }));
      try {
        const content = await base64Of(f);
        if (documentType(f.name)?.ext === 'eml') {
          const r = await client.call('timeline.logEmail', { ...on, content });
          onDone(
            [t('tl.emailLogged', { subject: r.subject }), r.refused.length ? t('tl.emailRefused', { names: r.refused.join(', ') }) : '']
              .filter(Boolean)
              .join(' · '),
          );
        } else {
          const d = await client.call('documents.attach', { ...on, name: f.name, content });
          onDone(t('tl.attached', { name: d.name }));
        }
      } catch (err) {
        return onError(err);
      }
    }
  };
  return (
    <div
      className={`drop-zone ${over ? 'over' : ''}`}
      data-testid="timeline-drop"
      tabIndex={0}
      onDragOver={(e) => (e.preventDefault(), setOver(true))}
      onDragLeave={() => setOver(false)}
      onDrop={(e) => {
        e.preventDefault();
        setOver(false);
        void send([...e.dataTransfer.files]);
      }}
      onPaste={(e) => {
        if (e.clipboardData.files.length === 0) return;
        e.preventDefault();
        void send([...e.clipboardData.files]);
      }}
    >
      {t('tl.drop')}{' '}
      <button type="button" className="btn" onClick={() => pick.current?.click()}>
        {t('tl.attach')}
      </button>
      <input
        ref={pick}
        type="file"
        multiple
        hidden
        aria-label={t('tl.attach')}
        onChange={(e) => {
          void send([...(e.target.files ?? [])]);
          e.target.value = '';
        }}
      />
    </div>
  );
}

/**
 * A stored document: a preview for images, opened in the browser's viewer for PDFs, else
 * downloaded (the desktop app opens it with the system's application). One attached at another
 * desk is fetched from the hub first (the web host does it when the file is asked for).
 */
export function DocumentLinks({ file }: { file: File_ }) {
  const { client } = useApp();
  const { t } = useT();
  const url = documentUrl(file.hash, file.name);
  const kind = documentType(file.name)?.preview;
  const bridge = window.comptoir;
  const [error, setError] = useState<string | null>(null);
  const [here, setHere] = useState(!bridge);
  useEffect(() => {
    if (bridge && kind === 'image')
      void client.call('documents.fetch', { hash: file.hash }).then(
        () => setHere(true),
        () => undefined,
      );
  }, [bridge, kind, client, file.hash]);
  const open = () =>
    void client.call('documents.fetch', { hash: file.hash }).then(
      () => bridge?.openDocument?.(file.hash, file.name),
      (err: unknown) => setError(errorText(err, t)),
    );
  return (
    <span className="doc-links">
      {kind === 'image' && here && <img src={url} alt={file.name} className="doc-thumb" />}
      {kind === 'pdf' && (
        <a href={url} target="_blank" rel="noopener noreferrer">
          {t('tl.preview')}
        </a>
      )}
      {bridge?.openDocument ? (
        <button type="button" className="btn" onClick={open}>
          {t('tl.open')}
        </button>
      ) : (
        <a href={url} download={file.name}>
          {t('tl.open')}
        </a>
      )}
      <ActionError text={error} />
    </span>
  );
}

/** An e-mail logged: who wrote to whom, its text (unfolded on demand), its attachments and the original message. */
export function EmailDetails({ item }: { item: TimelineItem }) {
  const { t } = useT();
  const [unfolded, setUnfolded] = useState(false);
  const d = item.data;
  const body = text(d.text);
  const attachments = Array.isArray(d.attachments) ? (d.attachments as File_[]) : [];
  const eml = d.eml as { hash: string; name: string } | undefined;
  return (
    <span className="email-details">
      <span className="fresh">
        {t('tl.from')} {text(d.from)} · {t('tl.to')} {text(d.to)}
        {text(d.cc) ? ` · ${t('tl.cc')} ${text(d.cc)}` : ''}
      </span>
      {body && (
        <button type="button" className="email-text" onClick={() => setUnfolded((u) => !u)} aria-expanded={unfolded}>
          {unfolded ? body : `${body.slice(0, 160)}${body.length > 160 ? '…' : ''}`}
        </button>
      )}
      {attachments.map((a) => (
        <span key={a.hash} className="email-attachment">
          📎 {a.name} <DocumentLinks file={a} />
        </span>
      ))}
      {eml && (
        <span className="email-attachment">
          {t('tl.original')} <DocumentLinks file={{ hash: eml.hash, name: eml.name, mime: 'message/rfc822' }} />
        </span>
      )}
    </span>
  );
}
