import { z } from 'zod';
import { isoStamp } from './common';
import { hubContract, hubRole, hubUser, login, mutation, password, uuid } from './hub';

/**
 * The desk's side of the team (TEAM.md): what the renderer asks core (log in, the team screen, the
 * admin's users) and what the connector, which talks to the hub, exchanges with core (mutations
 * out, pages in, proxied calls). Core never reaches the network itself.
 */
const hubUrl = z
  .string()
  .trim()
  .max(300)
  .regex(/^https?:\/\/[^\s/]+/, 'an address like https://hub.example.com');

export const teamCommand = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('configure'), hub: z.object({ url: z.string(), token: z.string(), deskId: uuid }).nullable() }),
  /** something changed on the desk: push now */
  z.object({ kind: z.literal('sync') }),
  /** a call to the hub on behalf of a person at this desk (log in, manage users) */
  z.object({
    kind: z.literal('call'),
    requestId: z.number().int(),
    url: z.string(),
    token: z.string().nullable(),
    method: z.string(),
    input: z.unknown(),
  }),
  z.object({ kind: z.literal('none') }),
]);
export type TeamCommand = z.infer<typeof teamCommand>;

export const teamLinkState = z.enum(['not_configured', 'online', 'offline', 'signed_out']);
export const teamNextInput = z
  .object({
    state: teamLinkState,
    hello: z.boolean().default(false),
    error: z.string().max(2_000).nullable().default(null),
    waitMs: z.number().int().min(0).max(60_000).default(25_000),
  })
  .strict();
export const teamAnswerInput = z
  .object({
    requestId: z.number().int(),
    ok: z.boolean(),
    value: z.unknown().optional(),
    error: z.object({ code: z.string(), message: z.string().max(2_000), details: z.record(z.string(), z.unknown()).optional() }).optional(),
  })
  .strict();

const pulled = hubContract['hub.pull'].output;
export const teamPageInput = pulled;
export const teamPageResult = z.object({ applied: z.number().int(), parked: z.number().int() });

export const teamStatus = z.object({
  configured: z.boolean(),
  url: z.string().nullable(),
  deskId: uuid,
  user: z.object({ id: uuid, login: z.string(), name: z.string(), roles: z.array(hubRole) }).nullable(),
  state: teamLinkState,
  error: z.string().nullable(),
  lastPullAt: isoStamp.nullable(),
  /** changes made here the hub has not processed yet */
  pending: z.number().int(),
  /** changes the hub refused, with its reason */
  rejected: z.array(z.object({ number: z.number().int(), table: z.string(), rowUid: z.string(), reason: z.string(), at: isoStamp })),
  /** pulled changes waiting for a reference this desk does not hold yet */
  parked: z.number().int(),
});
export type TeamStatus = z.infer<typeof teamStatus>;

export const teamContract = {
  'team.status': { input: z.object({}).strict(), output: teamStatus },
  'team.login': { input: z.object({ url: hubUrl, login, password: z.string().min(1).max(200) }).strict(), output: teamStatus },
  'team.logout': { input: z.object({}).strict(), output: teamStatus },
  'team.changePassword': { input: z.object({ current: z.string().max(200), next: password }).strict(), output: z.object({ ok: z.literal(true) }) },
  'team.users': { input: z.object({}).strict(), output: z.array(hubUser) },
  'team.createUser': { input: hubContract['users.create'].input, output: hubContract['users.create'].output },
  'team.updateUser': { input: hubContract['users.update'].input, output: hubUser },
  'team.resetPassword': { input: hubContract['users.resetPassword'].input, output: hubContract['users.resetPassword'].output },
  'team.revoke': { input: hubContract['sessions.revoke'].input, output: hubContract['sessions.revoke'].output },
  'team.setFourEyes': { input: hubContract['settings.fourEyes'].input, output: hubContract['settings.fourEyes'].output },
  // the connector's
  'team.next': { input: teamNextInput, output: teamCommand },
  'team.answer': { input: teamAnswerInput, output: z.object({}) },
  'team.outgoing': { input: z.object({ limit: z.number().int().min(1).max(500) }).strict(), output: z.array(mutation) },
  'team.pushed': { input: hubContract['hub.push'].output, output: z.object({}) },
  'team.cursor': { input: z.object({}).strict(), output: z.object({ cursor: z.string().nullable(), since: z.number().int() }) },
  'team.applyPage': { input: teamPageInput, output: teamPageResult },
  /** references this desk should lease now, and a lease the hub gave */
  'team.refsWanted': { input: z.object({}).strict(), output: z.array(hubContract['references.lease'].input) },
  'team.addRefs': { input: hubContract['references.lease'].output, output: z.object({}) },
} as const;

export const TEAM_CONNECTOR_METHODS = [
  'team.next',
  'team.answer',
  'team.outgoing',
  'team.pushed',
  'team.cursor',
  'team.applyPage',
  'team.refsWanted',
  'team.addRefs',
] as const;
