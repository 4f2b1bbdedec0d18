import { app } from 'electron';
import { existsSync } from 'node:fs';
import { join } from 'node:path';

/** Where the built pieces live, in development (out/) and packaged (resources/). */
export function appPaths() {
  const root = app.getAppPath();
  const out = join(root, 'out');
  const resources = app.isPackaged ? process.resourcesPath : root;
  const userData = process.env.COMPTOIR_USER_DATA ?? app.getPath('userData');
  const nativeBinding = join(resources, 'build', 'electron-native', 'better_sqlite3.node');
  return {
    preload: join(out, 'preload', 'index.cjs'),
    renderer: join(out, 'renderer'),
    coreEntry: join(out, 'main', 'core.js'),
    connectorEntry: join(out, 'main', 'connector.js'),
    migrations: join(resources, 'db', 'migrations'),
    nativeBinding: existsSync(nativeBinding) ? nativeBinding : null,
    database: join(userData, 'comptoir.sqlite'),
    /** the documents core stores beside the database (core/documents documentsFolder) */
    documents: join(userData, 'documents'),
    logs: join(userData, 'logs'),
    /** the archives « Exporter un diagnostic » writes (core/diagnostic.ts, beside the database) */
    diagnostics: join(userData, 'diagnostics'),
    windowState: join(userData, 'window-state.json'),
    /** the tray's and the windows' icon (resources/ in development, beside app.asar once packaged) */
    icon: join(resources, app.isPackaged ? 'icon.png' : 'resources/icon.png'),
    erpSecret: join(userData, 'erp-secret.bin'),
    teamSession: join(userData, 'team-session.bin'),
  };
}
