import { homedir } from 'node:os';
import { join } from 'node:path';

/** The user-data folder Electron would use for "Comptoir" on this OS; the web host uses the same. */
export function userDataDir(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform): string {
  if (env.COMPTOIR_USER_DATA) return env.COMPTOIR_USER_DATA;
  if (platform === 'win32') return join(env.APPDATA ?? join(homedir(), 'AppData', 'Roaming'), 'Comptoir');
  if (platform === 'darwin') return join(homedir(), 'Library', 'Application Support', 'Comptoir');
  return join(env.XDG_CONFIG_HOME ?? join(homedir(), '.config'), 'Comptoir');
}

export function defaultDbPath(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform): string {
  return join(userDataDir(env, platform), 'comptoir.sqlite');
}
