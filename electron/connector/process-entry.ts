import { connect, fromChannel, fromMainPort, type MainPortLike, type Port } from '../shared/rpc';
import { CLOCK_OFFSET_ENV, clockFromOffset } from '../shared/dates';
import { startRunner } from './runner';
import { startTeamRunner } from './team-runner';

/**
 * The connector as its own process (DESIGN.md §5): an Electron utilityProcess that main hands a
 * MessagePort to core, or a Node child of the web host speaking over its IPC channel. It never
 * opens the database. When its link to core goes, it exits; its supervisor starts a new one.
 */
type ParentPort = { on(event: 'message', listener: (e: { data: unknown; ports: MainPortLike[] }) => void): void };

const log = (message: string) => process.stderr.write(`[connector] ${message}\n`);

function run(port: Port) {
  const client = connect(port);
  const runner = startRunner({ call: (method, input) => client.call(method, input), log, now: clockFromOffset(process.env[CLOCK_OFFSET_ENV]) });
  // the team's hub beside the ERP: the same link to core, its own loop
  const team = startTeamRunner({ call: (method, input) => client.call(method, input), log });
  Promise.all([runner.done, team.done]).then(
    () => process.exit(0),
    (err: unknown) => {
      log(`stopped: ${err instanceof Error ? err.message : String(err)}`);
      process.exit(1);
    },
  );
  const stop = () => {
    runner.stop();
    team.stop();
    process.exit(0);
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
}

const parentPort = (process as unknown as { parentPort?: ParentPort }).parentPort;
if (parentPort) {
  parentPort.on('message', (e) => {
    if ((e.data as { type?: string }).type === 'core' && e.ports[0]) run(fromMainPort(e.ports[0]));
  });
} else if (process.send) {
  // a Node child: its IPC channel is the port; the parent gone, nothing is left to do
  process.on('disconnect', () => process.exit(0));
  run(fromChannel(process, 'disconnect'));
} else {
  log('the connector runs as a child of the app (utilityProcess or web host), not on its own: see npm run sync');
  process.exit(2);
}
