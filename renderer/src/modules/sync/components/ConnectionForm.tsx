import { useEffect, useRef, useState, type FormEvent } from 'react';
import type { ConnectionConfig, Output } from '../../../../../electron/shared/contract';
import { isPlainHttpRemote } from '../../../../../electron/shared/text';
import { useApp } from '../../../app/client-context';
import { useT, type MessageKey } from '../../../i18n';
import { errorText, fieldErrors } from '../../../ui/errors';

type View = Output<'erp.connection'>;
type Draft = { type: ConnectionConfig['type']; url: string; database: string; login: string; version: string; secretEnv: string; interval: string };
const TYPES = ['tryton', 'odoo-jsonrpc', 'odoo-json2'] as const;

const draftOf = (c: ConnectionConfig | null): Draft => ({
  type: c?.type ?? 'tryton',
  url: c?.url ?? 'http://127.0.0.1:8000',
  database: c?.database ?? '',
  login: c?.login ?? 'admin',
  version: String(c?.version ?? 17),
  secretEnv: c?.secretEnv ?? 'COMPTOIR_ERP_SECRET',
  interval: String(c?.intervalMinutes ?? 5),
});

/** The ERP connection: type, address, database, user, secret; test it, then save. The secret is never shown back. */
export function ConnectionForm() {
  const { client } = useApp();
  const { t } = useT();
  const [view, setView] = useState<View | null>(null);
  const [draft, setDraft] = useState<Draft>(draftOf(null));
  const [secret, setSecret] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [result, setResult] = useState<{ ok: boolean; message: string } | null>(null);
  const [busy, setBusy] = useState<'test' | 'save' | null>(null);
  const testing = useRef(false);
  // leaving the screen gives up a test still running: core stops it
  useEffect(() => () => void (testing.current && client.call('erp.cancelTest', {})), [client]);

  useEffect(() => {
    void client.call('erp.connection', {}).then((v) => {
      setView(v);
      setDraft(draftOf(v.config));
    });
  }, [client]);

  const config = () => ({
    type: draft.type,
    url: draft.url.trim(),
    database: draft.database,
    login: draft.login,
    secretEnv: draft.secretEnv,
    intervalMinutes: Number(draft.interval),
    ...(draft.type === 'tryton' ? {} : { version: Number(draft.version) }),
    ...(view?.config ? { pageSize: view.config.pageSize, overlapSeconds: view.config.overlapSeconds } : {}),
  });
  const run = async (action: 'test' | 'save') => {
    setBusy(action);
    testing.current = action === 'test';
    setErrors({});
    setResult(null);
    try {
      const input = { config: config(), ...(secret ? { secret } : {}) };
      if (action === 'test') setResult(await client.call('erp.testConnection', input));
      else {
        const v = await client.call('erp.saveConnection', input);
        setView(v);
        setSecret('');
        setResult({ ok: true, message: t('sync.saved') });
      }
    } catch (err) {
      // "config.url" → "url": the field's problem under its input, all of them beside the buttons
      setErrors(fieldErrors(err, t));
      setResult({ ok: false, message: errorText(err, t) });
    } finally {
      testing.current = false;
      setBusy(null);
    }
  };
  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    void run('save');
  };
  const field = (name: keyof Draft, label: MessageKey, type = 'text', error = name as string) => (
    <>
      <label htmlFor={`erp-${name}`}>{t(label)}</label>
      <span>
        <input
          id={`erp-${name}`}
          type={type}
          value={draft[name]}
          onChange={(e) => setDraft({ ...draft, [name]: e.target.value })}
          aria-invalid={errors[error] ? true : undefined}
        />
        {errors[error] && <span className="field-error">{errors[error]}</span>}
      </span>
    </>
  );
  const secretHint = view ? t(`sync.secret.${view.secret}`, { name: draft.secretEnv }) : '';
  return (
    <form className="card erp-form" onSubmit={onSubmit} aria-label={t('sync.connection')}>
      <h3>{t('sync.connection')}</h3>
      <div className="form">
        <label htmlFor="erp-type">{t('sync.type')}</label>
        <select id="erp-type" value={draft.type} onChange={(e) => setDraft({ ...draft, type: e.target.value as Draft['type'] })}>
          {TYPES.map((x) => (
            <option key={x} value={x}>
              {t(`sync.type.${x}`)}
            </option>
          ))}
        </select>
        {field('url', 'sync.url')}
        {isPlainHttpRemote(draft.url.trim()) && (
          <>
            <span />
            <span className="field-warning" role="note">
              {t('sync.plainHttp')}
            </span>
          </>
        )}
        {field('database', 'sync.database')}
        {field('login', 'sync.login')}
        {draft.type !== 'tryton' && field('version', 'sync.version', 'number')}
        <label htmlFor="erp-secret">{t('sync.secret')}</label>
        <span>
          <input id="erp-secret" type="password" autoComplete="off" value={secret} onChange={(e) => setSecret(e.target.value)} />
          <span className="fresh">{secretHint}</span>
          {errors.secret && <span className="field-error">{errors.secret}</span>}
        </span>
        {!view?.canStoreSecret && field('secretEnv', 'sync.secretEnv')}
        {field('interval', 'sync.interval', 'number', 'intervalMinutes')}
      </div>
      <div className="actions">
        <button type="button" className="btn" disabled={busy !== null} onClick={() => void run('test')}>
          {busy === 'test' ? t('sync.testing') : t('sync.test')}
        </button>
        {busy === 'test' && (
          <button type="button" className="btn" onClick={() => void client.call('erp.cancelTest', {})}>
            {t('sync.stopTest')}
          </button>
        )}
        <button type="submit" className="btn primary" disabled={busy !== null}>
          {t('sync.save')}
        </button>
        {result && (
          <span role="status" className={result.ok ? 'test-ok' : 'test-failed'}>
            {result.message}
          </span>
        )}
      </div>
    </form>
  );
}
