import { v7 as uuidv7 } from 'uuid';
import { hubClient } from '../../electron/connector/hub-client';

/**
 * The load of the team benchmark, in a process of its own (as 50 desks are 50 machines): each
 * session pushes one change every 200 ms to the hub for the given seconds; prints its latencies
 * as JSON. argv: hub URL, seconds, the sessions' tokens as a JSON array.
 */
const [url, seconds, tokensJson] = process.argv.slice(2) as [string, string, string];
const tokens = JSON.parse(tokensJson) as string[];
const at = new Date().toISOString();
const latencies: number[] = [];
const end = Date.now() + Number(seconds) * 1000;
await Promise.all(
  tokens.map(async (token, k) => {
    const client = hubClient(url).withToken(token);
    let n = 0;
    await new Promise((r) => setTimeout(r, (k * 200) / tokens.length));
    while (Date.now() < end) {
      const t0 = performance.now();
      await client.call('hub.push', {
        mutations: [
          { number: ++n, table: 'activities', id: uuidv7(), op: 'insert', at, baseVersion: 0, fields: { kind: 'task', title: `t${n}` }, old: {} },
        ],
      });
      const spent = performance.now() - t0;
      latencies.push(spent);
      await new Promise((r) => setTimeout(r, Math.max(0, 200 - spent)));
    }
  }),
);
process.stdout.write(`${JSON.stringify({ latencies, cpu: process.cpuUsage() })}\n`);
