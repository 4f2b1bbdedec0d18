import { useState } from 'react';
import { useApp } from '../../../app/client-context';
import { useT } from '../../../i18n';
import { ActionError, useActionError } from '../../../ui/ActionError';

/** Log in to the team's hub: its address (kept once given), the person's login and password. */
export function LoginForm({ url, onDone }: { url: string | null; onDone?: () => void }) {
  const { client } = useApp();
  const { t } = useT();
  const [hub, setHub] = useState(url ?? '');
  const [login, setLogin] = useState('');
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const error = useActionError();
  const submit = (e: React.FormEvent) => {
    e.preventDefault();
    setBusy(true);
    client.call('team.login', { url: hub.trim(), login: login.trim().toLowerCase(), password }).then(
      () => {
        setBusy(false);
        setPassword('');
        error.clear();
        onDone?.();
      },
      (err: unknown) => {
        setBusy(false);
        error.fail(err);
      },
    );
  };
  return (
    <form className="form card" onSubmit={submit} data-testid="team-login" aria-label={t('team.login')}>
      <label htmlFor="team-url">{t('team.url')}</label>
      <input
        id="team-url"
        value={hub}
        placeholder="https://equipe.exemple.fr"
        maxLength={300}
        onChange={(e) => setHub(e.target.value)}
        readOnly={url !== null}
      />
      <label htmlFor="team-user">{t('team.loginName')}</label>
      <input id="team-user" value={login} autoComplete="username" maxLength={40} onChange={(e) => setLogin(e.target.value)} autoFocus />
      <label htmlFor="team-password">{t('team.password')}</label>
      <input
        id="team-password"
        type="password"
        value={password}
        autoComplete="current-password"
        maxLength={200}
        onChange={(e) => setPassword(e.target.value)}
      />
      <span />
      <span>
        <button type="submit" className="btn primary" disabled={busy || !hub || !login || !password}>
          {t('team.signIn')}
        </button>
        <ActionError text={error.text} />
      </span>
    </form>
  );
}
