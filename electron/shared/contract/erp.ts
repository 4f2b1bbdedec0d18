import { z } from 'zod';
import { id, isoStamp } from './common';
import { syncEntity } from './sync';

/**
 * The ERP connection (DESIGN.md §8, §10): never the secret itself. The desktop app keeps the secret
 * encrypted with Electron safeStorage; the web host and the headless command read it from the
 * environment variable `secretEnv` names. It never comes back to the renderer.
 */
export const erpType = z.enum(['tryton', 'odoo-jsonrpc', 'odoo-json2']);
export const connectionConfig = z
  .object({
    type: erpType,
    url: z.url({ protocol: /^https?$/, error: 'the ERP address must be an http(s) URL (https://host:port)' }).max(500),
    database: z.string().trim().min(1, 'the database name is required').max(100),
    login: z.string().trim().min(1, 'the login is required').max(100),
    secretEnv: z
      .string()
      // only Comptoir's own variables: any other (HOME, AWS_…) would be sent to the ERP as a password
      .regex(/^COMPTOIR_[A-Z0-9_]+$/, 'COMPTOIR_ERP_SECRET or another variable whose name starts with COMPTOIR_')
      .max(100)
      .default('COMPTOIR_ERP_SECRET'),
    /** Odoo only: 16–19, for the field names that changed between versions */
    version: z.number().int().min(16).max(30).optional(),
    pageSize: z.number().int().min(10).max(5_000).default(500),
    overlapSeconds: z.number().int().min(0).max(86_400).default(300),
    intervalMinutes: z.number().int().min(1, 'at least every minute').max(1_440, 'at most once a day').default(5),
  })
  .strict()
  .superRefine((c, ctx) => {
    if (c.type !== 'tryton' && c.version === undefined)
      ctx.addIssue({ code: 'custom', path: ['version'], message: 'say which Odoo version (16–19)', params: { reason: 'odooVersion' } });
    if (c.type === 'odoo-json2' && (c.version ?? 19) < 19)
      ctx.addIssue({ code: 'custom', path: ['version'], message: 'JSON-2 exists from Odoo 19', params: { reason: 'json2Version' } });
  });
export type ConnectionConfig = z.output<typeof connectionConfig>;

const secret = z.string().min(1, 'the password or API key is empty').max(500, 'a secret is limited to 500 characters');

/** Saving the connection: the secret is optional (kept when absent). */
export const connectionSaveInput = z.object({ config: connectionConfig, secret: secret.optional() }).strict();
export const connectionTestInput = z.object({ config: connectionConfig, secret: secret.optional() }).strict();
export const connectionTestResult = z.object({ ok: z.boolean(), message: z.string() });

/** What the renderer sees of the connection: the settings, whether a secret is known and where it comes from. */
export const connectionView = z.object({
  config: connectionConfig.nullable(),
  secret: z.enum(['stored', 'session', 'env', 'missing']),
  /** false in the web host: a typed secret is kept for this session only */
  canStoreSecret: z.boolean(),
  /** plain http to a host that is not this machine: the secret crosses the network in clear */
  warning: z.enum(['plain_http']).nullable(),
});

export const runTrigger = z.enum(['schedule', 'manual', 'start']);
export const entityFreshness = z.object({
  entity: syncEntity,
  lastSuccessAt: isoStamp.nullable(),
  rows: z.number().int(),
});
export const syncRunView = z.object({
  id,
  trigger: runTrigger,
  startedAt: isoStamp,
  finishedAt: isoStamp.nullable(),
  status: z.enum(['running', 'ok', 'failed']),
  error: z.string().nullable(),
  entities: z.array(
    z.object({ entity: z.string(), pulled: z.number().int(), pages: z.number().int(), whole: z.boolean().optional(), error: z.string().optional() }),
  ),
  pushed: z.number().int(),
});
export const outboxAttention = z.object({
  id,
  kind: z.enum(['sale_order', 'purchase_request', 'cancellation', 'transfer']),
  subject: z.string(),
  /** what a person calls the subject: the deal's reference and customer, the supplier's name */
  subjectName: z.string().nullable(),
  status: z.enum(['pending', 'leased', 'failed']),
  attempts: z.number().int(),
  lastError: z.string().nullable(),
  nextTryAt: isoStamp.nullable(),
  createdAt: isoStamp,
});
export const syncConflict = z.object({
  id,
  entity: z.string(),
  erpId: z.string().nullable(),
  field: z.string(),
  localValue: z.unknown(),
  erpValue: z.unknown(),
  detectedAt: isoStamp,
});
export const connectorState = z.enum(['not_configured', 'stopped', 'idle', 'running', 'down']);
export const syncStatus = z.object({
  connector: connectorState,
  /** the last error of the connection itself (login, network) */
  connectorError: z.string().nullable(),
  nextRunAt: isoStamp.nullable(),
  lastSuccessAt: isoStamp.nullable(),
  current: syncRunView.nullable(),
  progress: z.array(z.object({ entity: z.string(), done: z.number().int(), total: z.number().int().nullable() })),
  runs: z.array(syncRunView),
  freshness: z.array(entityFreshness),
  outbox: z.array(outboxAttention),
  conflicts: z.array(syncConflict),
});
export type SyncStatus = z.infer<typeof syncStatus>;

/** What core asks of the connector, in order; a long poll hands them out. */
export const connectorCommand = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('configure'), config: connectionConfig.nullable(), secret: z.string().nullable() }),
  z.object({ kind: z.literal('run'), trigger: runTrigger }),
  z.object({ kind: z.literal('test'), requestId: z.number().int(), config: connectionConfig, secret: z.string().nullable() }),
  z.object({ kind: z.literal('cancel_test'), requestId: z.number().int() }),
  z.object({ kind: z.literal('none') }),
]);
export type ConnectorCommand = z.infer<typeof connectorCommand>;
export const connectorNextInput = z
  .object({
    state: connectorState,
    /** first poll of a freshly started connector */
    hello: z.boolean().default(false),
    error: z.string().max(2_000).nullable().default(null),
    nextRunAt: isoStamp.nullable().default(null),
    waitMs: z.number().int().min(0).max(60_000).default(25_000),
  })
  .strict();
export const runReport = z.object({
  entity: z.string(),
  pulled: z.number().int(),
  pages: z.number().int(),
  /** read whole (stock, the swept entities), not only what changed since the cursor */
  whole: z.boolean().optional(),
  error: z.string().max(2_000).optional(),
});
export const runProgressInput = z
  .object({ runId: id, entity: z.string().max(40), done: z.number().int().min(0), total: z.number().int().min(0).nullable() })
  .strict();
export const runFinishInput = z
  .object({
    runId: id,
    entities: z.array(runReport).max(50),
    pushed: z.number().int().min(0),
    error: z.string().max(2_000).nullable(),
  })
  .strict();
export const connectorAnswerInput = z.object({ requestId: z.number().int(), ok: z.boolean(), message: z.string().max(2_000) }).strict();
export const outboxActionInput = z.object({ id }).strict();
export const conflictResolveInput = z
  .object({ id, resolution: z.string().trim().min(1, 'say how it was settled').max(500, 'a resolution is limited to 500 characters') })
  .strict();
