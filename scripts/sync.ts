/**
 * npm run sync -- --once --config FILE [--db PATH]
 * One full pull cycle against the ERP of FILE into the local database, then a report per entity.
 * Exits non-zero when a page failed. The secret comes from the environment variable the file names.
 */
import { readFileSync } from 'node:fs';
import { adapterFor, connectionConfig } from '../electron/connector/config';
import { pullCycle, pushCycle } from '../electron/connector/cycle';
import { startCore } from '../electron/core/core';
import { defaultDbPath } from '../electron/core/paths';
import { connect, portPair } from '../electron/shared/rpc';

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

async function main(): Promise<number> {
  const file = arg('--config');
  if (!process.argv.includes('--once') || !file) {
    process.stderr.write('usage: npm run sync -- --once --config FILE [--db PATH]\n');
    return 2;
  }
  const parsed = connectionConfig.safeParse(JSON.parse(readFileSync(file, 'utf8')));
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    process.stderr.write(`${file}: ${issue.path.join('.')}: ${issue.message}\n`);
    return 2;
  }
  const config = parsed.data;
  const secret = process.env[config.secretEnv];
  if (!secret) {
    process.stderr.write(`the ERP secret is read from $${config.secretEnv}, which is not set\n`);
    return 2;
  }
  const core = startCore({ dbPath: arg('--db') ?? defaultDbPath(), demo: 'none' });
  // the connector speaks to core over a port, as in the app; it never opens the database
  const [corePort, connectorPort] = portPair();
  const stopServing = core.serveConnector(corePort);
  const client = connect(connectorPort);
  try {
    const adapter = adapterFor(config, secret);
    await adapter.login();
    const reports = await pullCycle(adapter, (method, input) => client.call(method, input), {
      pageSize: config.pageSize,
      overlapSeconds: config.overlapSeconds,
    });
    for (const r of reports)
      process.stdout.write(
        `${r.entity.padEnd(16)} ${String(r.pulled).padStart(8)} pulled in ${r.pages} page(s)${r.error ? `  FAILED: ${r.error}` : ''}\n`,
      );
    const pushed = await pushCycle(adapter, (method, input) => client.call(method, input));
    if (adapter.push)
      process.stdout.write(
        `${'outbox'.padEnd(16)} ${String(pushed.pushed).padStart(8)} pushed, ${pushed.retried} to retry, ${pushed.stopped} stopped\n`,
      );
    for (const e of pushed.errors) process.stdout.write(`  ${e}\n`);
    return reports.some((r) => r.error) || pushed.stopped > 0 ? 1 : 0;
  } catch (err) {
    process.stderr.write(`sync failed: ${err instanceof Error ? err.message : String(err)}\n`);
    return 1;
  } finally {
    client.close();
    stopServing();
    core.close();
  }
}

void main().then((code) => process.exit(code));
