import { eachFlag, portOf } from '../shared/cli-args';

/** `npm run hub -- --pg URL [--host H] [--port N] [--tls-cert F --tls-key F] [--admin LOGIN] [--restored]`, and hub:local's `[--dir D] [--port N] [--host H]`. */
export type HubArgs = {
  pg: string | null;
  host: string;
  port: number;
  tlsCert: string | null;
  tlsKey: string | null;
  admin: string;
  dir: string | null;
  /** the database was just restored from a backup: a new epoch, every desk pulls everything again */
  restored: boolean;
};

export function parseHubArgs(argv: string[], defaults: Partial<HubArgs> = {}): HubArgs {
  const out: HubArgs = {
    pg: null,
    host: '127.0.0.1',
    port: 4800,
    tlsCert: null,
    tlsKey: null,
    admin: 'admin',
    dir: null,
    restored: false,
    ...defaults,
  };
  eachFlag(argv, (name, value) => {
    switch (name) {
      case '--pg':
        out.pg = value();
        if (!/^postgres(ql)?:\/\//.test(out.pg))
          throw new Error('--pg must be a PostgreSQL URL, e.g. postgres://comptoir@db.example:5432/comptoir_hub');
        break;
      case '--host':
        out.host = value();
        break;
      case '--port':
        out.port = portOf(value());
        break;
      case '--tls-cert':
        out.tlsCert = value();
        break;
      case '--tls-key':
        out.tlsKey = value();
        break;
      case '--admin':
        out.admin = value();
        if (!/^[a-z0-9._-]{2,40}$/.test(out.admin))
          throw new Error('--admin must be a login: 2 to 40 lower-case letters, digits, dot, dash or underscore');
        break;
      case '--dir':
        out.dir = value();
        break;
      case '--restored':
        out.restored = true;
        break;
      default:
        throw new Error(`unknown option ${name}`);
    }
  });
  if ((out.tlsCert === null) !== (out.tlsKey === null)) throw new Error('--tls-cert and --tls-key go together');
  return out;
}
