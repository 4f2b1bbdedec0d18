import { z } from 'zod';
import { isoStamp } from './common';

/**
 * The hub's API (TEAM.md): what a desk's connector and the admin screen send to the team service,
 * validated by the hub with these schemas. The session travels in the Authorization header.
 */
export const uuid = z.string().regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/, 'a UUID in lower case');
export const hubRole = z.enum(['trader', 'purchasing', 'finance', 'manager', 'admin']);
export type HubRole = z.infer<typeof hubRole>;
export const login = z
  .string()
  .min(2)
  .max(40)
  .regex(/^[a-z0-9._-]+$/, 'letters, digits, dot, dash or underscore, in lower case');
export const password = z.string().min(10, 'at least 10 characters').max(200);

export const hubUser = z.object({
  id: uuid,
  login,
  name: z.string(),
  roles: z.array(hubRole),
  active: z.boolean(),
  mustChangePassword: z.boolean(),
});
export type HubUser = z.infer<typeof hubUser>;

/** A JSON value as a row field carries it (text, number, boolean, null, or a JSON document). */
const fieldValue: z.ZodType<unknown> = z.union([
  z.string().max(100_000),
  z.number(),
  z.boolean(),
  z.null(),
  z.record(z.string(), z.unknown()),
  z.array(z.unknown()),
]);
export const rowFields = z.record(z.string().max(60), fieldValue).refine((r) => Object.keys(r).length <= 80, 'at most 80 fields');

export const MAX_BATCH = 500;

/** One change a desk made, captured in the same SQLite transaction (TEAM.md protocol 3). */
export const mutation = z
  .object({
    number: z.number().int().positive().max(Number.MAX_SAFE_INTEGER),
    table: z.string().max(60),
    id: uuid,
    op: z.enum(['insert', 'update', 'delete']),
    at: isoStamp,
    /** the hub's version of the row the desk edited from (0: a row the hub did not have yet) */
    baseVersion: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER),
    /** new values of the fields it changed (all fields for an insert) */
    fields: rowFields,
    /** their values before (update, delete) */
    old: rowFields,
  })
  .strict();
export type Mutation = z.infer<typeof mutation>;

export const hubContract = {
  'hub.login': {
    input: z.object({ login, password: z.string().max(200), desk: z.object({ id: uuid, name: z.string().min(1).max(120) }).strict() }).strict(),
    output: z.object({ token: z.string(), expiresAt: isoStamp, user: hubUser, epoch: z.string() }),
  },
  'hub.logout': { input: z.object({}).strict(), output: z.object({ ok: z.literal(true) }) },
  'hub.me': {
    input: z.object({}).strict(),
    /** rows: how many team rows the hub holds (a desk joining an empty team uploads what it has) */
    output: z.object({ user: hubUser, deskId: uuid.nullable(), epoch: z.string(), fourEyes: z.boolean(), rows: z.number().int() }),
  },
  'hub.changePassword': { input: z.object({ current: z.string().max(200), next: password }).strict(), output: z.object({ ok: z.literal(true) }) },
  'users.list': { input: z.object({}).strict(), output: z.array(hubUser) },
  'users.create': {
    input: z.object({ login, name: z.string().min(1).max(120), roles: z.array(hubRole).min(1).max(5) }).strict(),
    output: z.object({ user: hubUser, oneTimePassword: z.string() }),
  },
  'users.update': {
    input: z
      .object({
        id: uuid,
        name: z.string().min(1).max(120).optional(),
        roles: z.array(hubRole).min(1).max(5).optional(),
        active: z.boolean().optional(),
      })
      .strict(),
    output: hubUser,
  },
  'users.resetPassword': { input: z.object({ id: uuid }).strict(), output: z.object({ oneTimePassword: z.string() }) },
  'sessions.revoke': { input: z.object({ userId: uuid }).strict(), output: z.object({ revoked: z.number().int() }) },
  'settings.fourEyes': { input: z.object({ on: z.boolean() }).strict(), output: z.object({ fourEyes: z.boolean() }) },
  'hub.push': {
    input: z.object({ mutations: z.array(mutation).min(1).max(MAX_BATCH) }).strict(),
    output: z.object({
      lastNumber: z.number().int(),
      results: z.array(z.object({ number: z.number().int(), status: z.enum(['applied', 'rejected', 'duplicate']), reason: z.string().nullable() })),
    }),
  },
  'hub.pull': {
    input: z
      .object({
        cursor: z.string().max(200).nullable(),
        limit: z.number().int().min(1).max(5000).default(1000),
        /** the last of this desk's mutations it already knows the result of: rejections after it come back */
        since: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER).default(0),
      })
      .strict(),
    output: z.object({
      epoch: z.string(),
      cursor: z.string(),
      /** the cursor named another epoch (the hub was restored): this page starts from the beginning */
      reset: z.boolean(),
      more: z.boolean(),
      changes: z.array(
        z.object({
          table: z.string(),
          id: uuid,
          version: z.number().int(),
          deleted: z.boolean(),
          data: z.record(z.string(), z.unknown()),
          by: uuid.nullable(),
          /** the desk and mutation that made it: a desk knows its own change came back */
          desk: uuid.nullable(),
          mutation: z.number().int().nullable(),
        }),
      ),
      /** this desk's mutations the hub has processed: the last number, and those it rejected with why */
      acked: z.number().int(),
      rejected: z.array(z.object({ number: z.number().int(), table: z.string(), id: uuid, reason: z.string() })),
    }),
  },
  /** a document's content, named by its SHA-256 (the hub checks it) */
  'documents.put': {
    input: z.object({ hash: z.string().regex(/^[0-9a-f]{64}$/), content: z.string().max(36_000_000) }).strict(),
    output: z.object({ stored: z.boolean() }),
  },
  'documents.get': { input: z.object({ hash: z.string().regex(/^[0-9a-f]{64}$/) }).strict(), output: z.object({ content: z.string() }) },
  'references.lease': {
    input: z
      .object({ prefix: z.string().regex(/^[A-Z]{2,6}$/), year: z.number().int().min(2000).max(2999), count: z.number().int().min(1).max(1000) })
      .strict(),
    output: z.object({ prefix: z.string(), year: z.number().int(), first: z.number().int(), last: z.number().int() }),
  },
} as const;

export type HubContract = typeof hubContract;
export type HubMethod = keyof HubContract;
export type HubInput<M extends HubMethod> = z.input<HubContract[M]['input']>;
export type HubParsed<M extends HubMethod> = z.output<HubContract[M]['input']>;
export type HubOutput<M extends HubMethod> = z.output<HubContract[M]['output']>;
/** Methods anyone may call without a session. */
export const HUB_PUBLIC: ReadonlySet<HubMethod> = new Set<HubMethod>(['hub.login']);
/** Methods for admins only. */
export const HUB_ADMIN: ReadonlySet<HubMethod> = new Set<HubMethod>([
  'users.list',
  'users.create',
  'users.update',
  'users.resetPassword',
  'sessions.revoke',
  'settings.fourEyes',
]);
export function isHubMethod(m: unknown): m is HubMethod {
  return typeof m === 'string' && Object.prototype.hasOwnProperty.call(hubContract, m);
}
