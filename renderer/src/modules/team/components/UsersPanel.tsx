import { useState } from 'react';
import type { HubRole, HubUser } from '../../../../../electron/shared/contract/hub';
import { useApp } from '../../../app/client-context';
import { useT } from '../../../i18n';
import { ActionError, useActionError } from '../../../ui/ActionError';
import { useLiveQuery } from '../../../ui/use-live-query';

const ROLES: HubRole[] = ['trader', 'purchasing', 'finance', 'manager', 'admin'];
const USER_DATA = ['team', 'users'];

/** The team's people and their roles (admins only; the hub checks it): add, change roles, disable, new password, end sessions. */
export function UsersPanel() {
  const { client } = useApp();
  const { t } = useT();
  const users = useLiveQuery('team.users', {}, USER_DATA);
  const error = useActionError();
  const [given, setGiven] = useState<{ login: string; password: string } | null>(null);
  const [login, setLogin] = useState('');
  const [name, setName] = useState('');
  const [roles, setRoles] = useState<HubRole[]>(['trader']);
  const done = () => (error.clear(), users.reload());
  const create = (e: React.FormEvent) => {
    e.preventDefault();
    client.call('team.createUser', { login: login.trim(), name: name.trim(), roles }).then((r) => {
      setGiven({ login: r.user.login, password: r.oneTimePassword });
      setLogin('');
      setName('');
      done();
    }, error.fail);
  };
  const toggle = (u: HubUser, role: HubRole) =>
    client
      .call('team.updateUser', { id: u.id, roles: u.roles.includes(role) ? u.roles.filter((r) => r !== role) : [...u.roles, role] })
      .then(done, error.fail);
  const reset = (u: HubUser) =>
    client.call('team.resetPassword', { id: u.id }).then((r) => (setGiven({ login: u.login, password: r.oneTimePassword }), done()), error.fail);
  return (
    <section className="card" data-testid="team-users">
      <h2>{t('team.users')}</h2>
      {given && (
        <div className="banner ok" role="status">
          {t('team.oneTime', { login: given.login, password: given.password })}
        </div>
      )}
      <ActionError text={error.text} />
      <table className="sync-table">
        <thead>
          <tr>
            <th>{t('team.loginName')}</th>
            <th>{t('team.name')}</th>
            {ROLES.map((r) => (
              <th key={r}>{t(`role.${r}`)}</th>
            ))}
            <th>{t('team.active')}</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {(users.data ?? []).map((u) => (
            <tr key={u.id}>
              <td>{u.login}</td>
              <td>{u.name}</td>
              {ROLES.map((r) => (
                <td key={r}>
                  <input
                    type="checkbox"
                    aria-label={`${u.login} ${t(`role.${r}`)}`}
                    checked={u.roles.includes(r)}
                    onChange={() => void toggle(u, r)}
                  />
                </td>
              ))}
              <td>
                <input
                  type="checkbox"
                  aria-label={`${u.login} ${t('team.active')}`}
                  checked={u.active}
                  onChange={() => void client.call('team.updateUser', { id: u.id, active: !u.active }).then(done, error.fail)}
                />
              </td>
              <td>
                <button type="button" className="btn" onClick={() => void reset(u)}>
                  {t('team.reset')}
                </button>
                <button type="button" className="btn" onClick={() => void client.call('team.revoke', { userId: u.id }).then(done, error.fail)}>
                  {t('team.revoke')}
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <form className="inline-form" onSubmit={create} aria-label={t('team.addUser')}>
        <input
          aria-label={t('team.loginName')}
          placeholder={t('team.loginName')}
          value={login}
          maxLength={40}
          onChange={(e) => setLogin(e.target.value)}
        />
        <input aria-label={t('team.name')} placeholder={t('team.name')} value={name} maxLength={120} onChange={(e) => setName(e.target.value)} />
        <select aria-label={t('team.role')} value={roles[0]} onChange={(e) => setRoles([e.target.value as HubRole])}>
          {ROLES.map((r) => (
            <option key={r} value={r}>
              {t(`role.${r}`)}
            </option>
          ))}
        </select>
        <button type="submit" className="btn" disabled={!login || !name}>
          {t('team.addUser')}
        </button>
      </form>
    </section>
  );
}
