import type { ConnectionConfig } from '../shared/contract';
import type { ErpAdapter } from './adapter';
import { odooAdapter } from './odoo/adapter';
import { json2Transport, jsonRpcTransport } from './odoo/transport';
import { trytonAdapter } from './tryton/adapter';
import { trytonTransport } from './tryton/transport';

export { connectionConfig, type ConnectionConfig } from '../shared/contract';

export function adapterFor(c: ConnectionConfig, secret: string, now?: () => string): ErpAdapter {
  const cfg = { url: c.url, database: c.database, login: c.login, secret };
  if (c.type === 'tryton') return trytonAdapter(trytonTransport(cfg), now);
  return odooAdapter(c.type === 'odoo-json2' ? json2Transport(cfg) : jsonRpcTransport(cfg), c.version!, now);
}
