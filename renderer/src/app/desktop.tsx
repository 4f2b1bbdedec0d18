import { useEffect, useState } from 'react';
import { updateStatus, type UpdateStatus } from '../../../electron/shared/contract/control';
import { isAppHash, SCREEN_SHORTCUTS } from '../../../electron/shared/shortcuts';
import { useT } from '../i18n';
import { useApp } from './client-context';

/**
 * What the desktop app's main asks of the page (a screen from the menu, the diagnostic), and the
 * screens' keys (Ctrl+1…9) in both hosts. In the web host only the keys apply.
 */
export function useDesktopCommands() {
  const { client } = useApp();
  useEffect(() => {
    const bridge = window.comptoir;
    const offNav = bridge?.onNavigate?.((hash) => {
      if (isAppHash(hash)) window.location.hash = hash;
    });
    const offCommand = bridge?.onCommand?.((command) => {
      if (command === 'diagnostic') void client.call('diagnostic.export', {}).then((d) => bridge.reveal?.(d.path));
    });
    const onKey = (e: KeyboardEvent) => {
      if (!(e.ctrlKey || e.metaKey) || e.altKey || e.shiftKey) return;
      if (e.target instanceof Element && e.target.closest('dialog[open]')) return;
      const s = SCREEN_SHORTCUTS.find((x) => x.keys === `Ctrl+${e.key}`);
      if (!s) return;
      e.preventDefault();
      window.location.hash = s.hash;
    };
    window.addEventListener('keydown', onKey);
    return () => {
      offNav?.();
      offCommand?.();
      window.removeEventListener('keydown', onKey);
    };
  }, [client]);
}

/** The desktop app's update, under the navigation: its download's progress, then « Installer et redémarrer ». */
export function UpdateBadge() {
  const { t } = useT();
  const [status, setStatus] = useState<UpdateStatus | null>(null);
  useEffect(
    () =>
      window.comptoir?.onUpdate?.((raw) => {
        const s = updateStatus.safeParse(raw);
        if (s.success) setStatus(s.data);
      }),
    [],
  );
  if (!status || status.state === 'idle' || status.state === 'none' || status.state === 'checking') return null;
  return (
    <div className="update-badge" role="status" data-testid="update-badge">
      {status.state === 'downloading' && t('update.downloading', { version: status.version, percent: status.percent })}
      {status.state === 'ready' && (
        <>
          {t('update.ready', { version: status.version })}{' '}
          <button type="button" className="btn primary" onClick={() => window.comptoir?.installUpdate?.()}>
            {t('update.install')}
          </button>
        </>
      )}
      {status.state === 'failed' && t(`update.failed.${status.reason}`)}
    </div>
  );
}
