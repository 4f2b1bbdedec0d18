import type { Settings } from '../../../../../electron/shared/contract';
import { useApp } from '../../../app/client-context';
import { useT } from '../../../i18n';
import { AutomationEditor } from './AutomationEditor';
import { MarginRulesEditor } from './MarginRulesEditor';
import { StagesEditor } from './StagesEditor';

const ROLES = ['trader', 'purchasing', 'finance', 'manager'] as const;

/** The user's preferences: language, role, and the cost basis margins are computed on. */
export function SettingsView() {
  const { settings, updateSetting } = useApp();
  const { t } = useT();
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
          <label htmlFor="set-role">{t('settings.role')}</label>
          <select id="set-role" value={settings.role} onChange={(e) => void updateSetting('role', e.target.value as Settings['role'])}>
            {ROLES.map((r) => (
              <option key={r} value={r}>
                {t(`role.${r}`)}
              </option>
            ))}
          </select>
          <label htmlFor="set-cost">{t('settings.costBasis')}</label>
          <select id="set-cost" value={settings.costBasis} onChange={(e) => void updateSetting('costBasis', e.target.value as Settings['costBasis'])}>
            <option value="erp">{t('opp.costBasis.erp')}</option>
            <option value="replacement">{t('opp.costBasis.replacement')}</option>
          </select>
        </div>
        <StagesEditor />
        <MarginRulesEditor />
        <AutomationEditor />
      </div>
    </>
  );
}
