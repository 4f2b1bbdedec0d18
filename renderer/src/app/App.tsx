import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { SettingKey, Settings } from '../../../electron/shared/contract';
import type { Client } from '../../../electron/shared/rpc';
import { translate } from '../i18n';
import { AppContext, type AppContextValue } from './client-context';
import { Shell } from './Shell';
import { connectToCore, type Down } from './transport';
import { errorText } from '../ui/errors';
import { RestoreNotice } from './RestoreNotice';

const RETRY_MS = 1_000;
const RETRIES = 30;

/** Connects to core, loads the user's settings, then shows the shell; connects again when core restarts. */
export function App() {
  const [client, setClient] = useState<Client | null>(null);
  const [settings, setSettings] = useState<Settings | null>(null);
  const [down, setDown] = useState<Down | null>(null);
  /** how many times core restarted: each restart connects again */
  const [restarts, setRestarts] = useState(0);
  const [error, setError] = useState<string | null>(null);
  const held = useRef<Client | null>(null);

  useEffect(() => {
    let cancelled = false;
    let retry: ReturnType<typeof setTimeout> | undefined;
    let tries = 0;
    const attempt = () =>
      connectToCore((why) => {
        if (cancelled) return;
        setDown(why);
        if (why === 'restart') setRestarts((n) => n + 1);
      })
        .then(async (c) => {
          const s = await c.call('settings.get', {});
          if (cancelled) return c.close();
          // the connection of the core that went away is let go
          held.current?.close();
          held.current = c;
          setClient(c);
          setSettings(s);
          setDown(null);
        })
        .catch((err: unknown) => {
          if (cancelled) return;
          // core restarting: tried again each second for a while, the page says « reconnexion… » meanwhile
          if (restarts > 0 && ++tries < RETRIES) retry = setTimeout(attempt, RETRY_MS);
          else if (restarts > 0) setDown('lost');
          else setError(errorText(err, (key, vars) => translate('fr', key, vars)));
        });
    void attempt();
    return () => {
      cancelled = true;
      clearTimeout(retry);
    };
  }, [restarts]);

  useEffect(() => {
    if (settings) document.documentElement.lang = settings.locale;
  }, [settings]);
  // settings written by core itself (the person who logged in to the team becomes the desk's user)
  useEffect(
    () => client?.on('data.changed', (e) => e.entities.includes('settings') && void client.call('settings.get', {}).then(setSettings)),
    [client],
  );

  const updateSetting = useCallback(
    async <K extends SettingKey>(key: K, value: Settings[K]) => {
      if (!client) return;
      setSettings(await client.call('settings.set', { key, value }));
    },
    [client],
  );

  const value = useMemo<AppContextValue | null>(
    () => (client && settings ? { client, settings, updateSetting } : null),
    [client, settings, updateSetting],
  );

  if (error)
    return (
      <div className="center" role="alert">
        {error}
      </div>
    );
  if (!value) return <div className="center">{translate('fr', 'app.connecting')}</div>;
  return (
    <AppContext.Provider value={value}>
      {down && (
        <div className="banner" role="alert">
          {translate(value.settings.locale, down === 'restart' ? 'app.reconnecting' : 'app.down')}
        </div>
      )}
      <RestoreNotice />
      <Shell />
    </AppContext.Provider>
  );
}
