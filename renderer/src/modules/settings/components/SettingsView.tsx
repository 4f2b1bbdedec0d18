import { useEffect, useState } from 'react';
import type { Output, Settings } from '../../../../../electron/shared/contract';
import { may } from '../../../../../electron/shared/domain/authority';
import { useApp } from '../../../app/client-context';
import { useT } from '../../../i18n';
import { AutomationEditor } from './AutomationEditor';
import { ReminderRulesEditor } from './ReminderRulesEditor';
import { LostReasonsField } from './LostReasonsField';
import { ForecastThresholdsField } from './ForecastThresholdsField';
import { MarginRulesEditor } from './MarginRulesEditor';
import { StagesEditor } from './StagesEditor';
import { BackupsPanel } from './BackupsPanel';
import { SupportPanel } from './SupportPanel';
import { useLiveQuery } from '../../../ui/use-live-query';

const TEAM_DATA = ['team'];

/** The user's preferences: language, who works at this desk (their role decides what they may approve), and the cost basis margins are computed on. */
export function SettingsView() {
  const { client, settings, updateSetting } = useApp();
  const { t } = useT();
  const [users, setUsers] = useState<Output<'users.list'>>([]);
  useEffect(() => void client.call('users.list', {}).then(setUsers), [client]);
  // in a team the desk's user is the person logged in (Équipe), not a choice
  const team = useLiveQuery('team.status', {}, TEAM_DATA).data;
  // the company's settings are the whole team's: its managers change them
  const company = may(settings.roles, 'settings.company');
  return (
    <>
      <div className="toolbar">
        <h1>{t('settings.title')}</h1>
      </div>
      <div className="page">
        <div className="form card">
          <label htmlFor="set-locale">{t('settings.language')}</label>
          <select id="set-locale" value={settings.locale} onChange={(e) => void updateSetting('locale', e.target.value as Settings['locale'])}>
            <option value="fr">Français</option>
            <option value="en">English</option>
          </select>
          <label htmlFor="set-user">{t('settings.user')}</label>
          {team?.user ? (
            <output id="set-user">
              {team.user.name} — {team.user.roles.map((r) => t(`role.${r}`)).join(', ')}
            </output>
          ) : (
            <select id="set-user" value={settings.currentUserId ?? ''} onChange={(e) => void updateSetting('currentUserId', Number(e.target.value))}>
              {users.map((u) => (
                <option key={u.id} value={u.id}>
                  {u.name} — {t(`role.${u.role}`)}
                </option>
              ))}
            </select>
          )}
          <span />
          <p className="fresh" data-testid="company-settings-note">
            {t(company ? 'settings.company' : 'roles.readOnly.company')}
          </p>
          <label htmlFor="set-four-eyes">{t('settings.fourEyes')}</label>
          <input
            id="set-four-eyes"
            type="checkbox"
            disabled={!company}
            checked={settings['approvals.fourEyes']}
            onChange={(e) => void updateSetting('approvals.fourEyes', e.target.checked)}
          />
          <LostReasonsField disabled={!company} />
          <label htmlFor="set-cost">{t('settings.costBasis')}</label>
          <select
            id="set-cost"
            disabled={!company}
            value={settings.costBasis}
            onChange={(e) => void updateSetting('costBasis', e.target.value as Settings['costBasis'])}
          >
            <option value="erp">{t('opp.costBasis.erp')}</option>
            <option value="replacement">{t('opp.costBasis.replacement')}</option>
          </select>
          <ForecastThresholdsField disabled={!company} />
        </div>
        <StagesEditor />
        <MarginRulesEditor />
        <AutomationEditor />
        <ReminderRulesEditor />
        <BackupsPanel />
        <SupportPanel />
      </div>
    </>
  );
}
