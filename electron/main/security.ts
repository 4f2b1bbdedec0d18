import { shell, type Session, type WebContents, type WebFrameMain } from 'electron';

export const APP_SCHEME = 'app';
export const APP_ORIGIN = `${APP_SCHEME}://comptoir`;

/** Links the user may open in their browser: the company's ERP and our documentation, over https. */
const EXTERNAL_ALLOW = [/^https:\/\/([a-z0-9-]+\.)*comptoir\.app\//i];

export function isAppUrl(url: string): boolean {
  try {
    // not `origin`: outside Electron's registered scheme, Node's URL gives "null" for app://
    const u = new URL(url);
    return u.protocol === `${APP_SCHEME}:` && u.host === 'comptoir' && u.username === '' && u.password === '';
  } catch {
    return false;
  }
}

/** Every message from a renderer is checked to come from our own top frame. */
export function isTrustedSender(frame: WebFrameMain | null): boolean {
  return !!frame && frame.parent === null && isAppUrl(frame.url);
}

export function isAllowedExternal(url: string): boolean {
  return EXTERNAL_ALLOW.some((re) => re.test(url));
}

/** Navigation away from the app and new windows are denied; allowed links open in the browser. */
export function hardenContents(contents: WebContents): void {
  contents.on('will-navigate', (event, url) => {
    if (!isAppUrl(url)) event.preventDefault();
  });
  contents.on('will-redirect', (event, url) => {
    if (!isAppUrl(url)) event.preventDefault();
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(({ url }) => {
    if (isAllowedExternal(url)) void shell.openExternal(url);
    return { action: 'deny' };
  });
}

/** No permission (camera, notifications from the page, geolocation…) is ever granted to web content. */
export function denyPermissions(session: Session): void {
  session.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  session.setPermissionCheckHandler(() => false);
  session.setDevicePermissionHandler(() => false);
}
