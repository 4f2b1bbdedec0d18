import { createContext, useContext } from 'react';
import type { SettingKey, Settings } from '../../../electron/shared/contract';
import type { Client } from '../../../electron/shared/rpc';

export type AppContextValue = {
  client: Client;
  settings: Settings;
  updateSetting: <K extends SettingKey>(key: K, value: Settings[K]) => Promise<void>;
};

export const AppContext = createContext<AppContextValue | null>(null);

export function useApp(): AppContextValue {
  const value = useContext(AppContext);
  if (!value) throw new Error('useApp outside of AppContext');
  return value;
}
