import { useEffect, useState } from 'react';
import type { EventPayload } from '../../../electron/shared/contract';
import { useApp } from './client-context';
import { alertIsFor } from '../../../electron/shared/domain/authority';

type Alert = EventPayload<'alert.raised'> & { key: number };

/** Notices core raises for a role (a quote accepted for purchasing…): shown to that role only, gone after a while or on click. */
export function Alerts({ onOpen }: { onOpen: (id: number) => void }) {
  const { client, settings } = useApp();
  const [alerts, setAlerts] = useState<Alert[]>([]);
  useEffect(
    () =>
      client.on('alert.raised', (a) => {
        if (!alertIsFor(a, settings)) return;
        const key = Date.now() + Math.random();
        setAlerts((list) => [...list.slice(-4), { ...a, key }]);
        setTimeout(() => setAlerts((list) => list.filter((x) => x.key !== key)), 12_000);
      }),
    [client, settings],
  );
  if (alerts.length === 0) return null;
  return (
    <div className="alerts" role="log" aria-live="polite" data-testid="alerts">
      {alerts.map((a) => (
        <button
          key={a.key}
          type="button"
          className={`alert alert-${a.level}`}
          onClick={() => {
            setAlerts((list) => list.filter((x) => x.key !== a.key));
            if (a.opportunityId) onOpen(a.opportunityId);
          }}
        >
          {a.message}
        </button>
      ))}
    </div>
  );
}
