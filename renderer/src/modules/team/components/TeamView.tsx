import { formatStamp } from '../../../../../electron/shared/format';
import { useApp } from '../../../app/client-context';
import { hasMessage, useT } from '../../../i18n';
import { ActionError, useActionError } from '../../../ui/ActionError';
import { reasonText } from '../../../ui/errors';
import { useLiveQuery } from '../../../ui/use-live-query';
import { LoginForm } from './LoginForm';
import { UsersPanel } from './UsersPanel';

const TEAM_DATA = ['team'];

/**
 * The team (TEAM.md): which hub this desk belongs to and who is signed in, the link's state, the
 * last pull, the changes waiting to go and those the hub refused, with its reason. A desk without
 * a hub is a team of one; an admin manages the team's people here.
 */
export function TeamView() {
  const { client } = useApp();
  const { t, locale } = useT();
  const status = useLiveQuery('team.status', {}, TEAM_DATA);
  const error = useActionError();
  const s = status.data;
  if (!s) return null;
  const logout = () => client.call('team.logout', {}).then(error.clear, error.fail);
  return (
    <>
      <div className="toolbar">
        <h1>{t('team.title')}</h1>
        {s.user && (
          <button type="button" className="btn" onClick={() => void logout()}>
            {t('team.signOut')}
          </button>
        )}
        <ActionError text={error.text} />
      </div>
      <div className="page team-page" data-testid="team-view">
        {!s.configured && <p className="hint">{t('team.alone')}</p>}
        {s.configured && (
          <dl className="card team-facts" data-testid="team-status">
            <dt>{t('team.url')}</dt>
            <dd>{s.url}</dd>
            <dt>{t('team.state')}</dt>
            <dd className={`state ${s.state}`}>{t(`team.state.${s.state}`)}</dd>
            {s.error && <dd className="field-error">{s.error}</dd>}
            <dt>{t('team.user')}</dt>
            <dd>{s.user ? `${s.user.name} (${s.user.login}) — ${s.user.roles.map((r) => t(`role.${r}`)).join(', ')}` : '—'}</dd>
            <dt>{t('team.lastPull')}</dt>
            <dd>{s.lastPullAt ? formatStamp(s.lastPullAt, locale) : '—'}</dd>
            <dt>{t('team.pending')}</dt>
            <dd data-testid="team-pending">{s.pending}</dd>
            {s.parked > 0 && (
              <>
                <dt>{t('team.parked')}</dt>
                <dd>{s.parked}</dd>
              </>
            )}
            <dt>{t('team.desk')}</dt>
            <dd>
              <code>{s.deskId}</code>
            </dd>
          </dl>
        )}
        {(!s.configured || s.state === 'signed_out') && <LoginForm url={s.url} />}
        {s.rejected.length > 0 && (
          <table className="card sync-table" data-testid="team-rejected">
            <caption>{t('team.rejected')}</caption>
            <thead>
              <tr>
                <th>{t('team.when')}</th>
                <th>{t('team.what')}</th>
                <th>{t('team.why')}</th>
              </tr>
            </thead>
            <tbody>
              {s.rejected.map((r) => (
                <tr key={r.number}>
                  <td>{formatStamp(r.at, locale)}</td>
                  <td>{hasMessage(`team.table.${r.table}`) ? t(`team.table.${r.table}` as 'team.table.stages') : r.table}</td>
                  <td>{reasonText(r.reason, t)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
        {s.user?.roles.includes('admin') && <UsersPanel />}
      </div>
    </>
  );
}
