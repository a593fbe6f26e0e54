// The DPO's retention API (role dpo; no case content, no keys): overview, legal holds, purge log.
import { Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { InvalidInputError } from '../../domain/errors.ts';
import { audience, staffOf } from '../../plugins/audience.ts';
import type { ServiceContext } from '../../services/context.ts';
import { HOLD_REASON_MAX_CHARS, placeLegalHold, releaseLegalHold, type LegalHold } from '../../services/legal-holds.ts';
import { purgeLogCsv, purgeLogPage } from '../../services/purge-log.ts';
import { retentionOverview } from '../../services/retention-overview.ts';
import { StrictObject, Uuid } from '../schemas.ts';
import { sendCsv } from '../csv-reply.ts';

const Rule = Type.Union([Type.Literal('R1'), Type.Literal('R2'), Type.Literal('R3')]);
const HoldSchema = Type.Object({
  id: Type.String(),
  caseId: Type.String(),
  caseReference: Type.String(),
  caseState: Type.String(),
  rule: Type.Union([Rule, Type.Null()]),
  purgeDueOn: Type.Union([Type.String(), Type.Null()]),
  reason: Type.String(),
  placedBy: Type.Object({ id: Type.String(), displayName: Type.String() }),
  placedAt: Type.String(),
});
const ScheduledSchema = Type.Object({ caseId: Type.String(), caseReference: Type.String(), rule: Rule, purgeDueOn: Type.String(), held: Type.Boolean() });
const ScheduledList = Type.Object({ total: Type.Integer(), cases: Type.Array(ScheduledSchema, { description: 'at most 500, soonest first' }) });
const EntrySchema = Type.Object({ id: Type.Integer(), caseId: Type.String(), caseReference: Type.String(), rule: Rule, dueOn: Type.String(), purgedAt: Type.String() });
const Instant = Type.String({ format: 'date-time' });
const Cursor = Type.String({ pattern: '^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9:.]+Z~[0-9]{1,18}$', description: 'the `next` value of the previous page' });
const Period = { from: Type.Optional(Instant), to: Type.Optional(Instant) };
// A query string is text (the app does not coerce types): 1 to 500, as digits.
const Limit = Type.String({ pattern: '^([1-9][0-9]?|[1-4][0-9]{2}|500)$', description: 'entries per page, 1 to 500 (default 100)' });

/** "<purgedAt ISO>~<id>": the pattern admits shapes like month 13, which name no instant (refused, not a 500). */
function decodeCursor(text: string): { purgedAt: Date; id: number } {
  const [at, id] = text.split('~') as [string, string];
  const purgedAt = new Date(at);
  if (Number.isNaN(purgedAt.getTime()) || !Number.isSafeInteger(Number(id))) {
    throw new InvalidInputError('The "after" cursor is not one this service gave out; start again from the first page.', 'invalid_cursor');
  }
  return { purgedAt, id: Number(id) };
}

const presentHold = (hold: LegalHold) => ({ ...hold, placedAt: hold.placedAt.toISOString() });

export function dpoRetentionRoutes(parent: FastifyInstance, ctx: ServiceContext): void {
  const app = parent.withTypeProvider<TypeBoxTypeProvider>();
  const dpo = { audience: audience.staff('dpo') };

  app.get(
    '/api/v1/dpo/retention',
    {
      config: dpo,
      schema: {
        response: {
          200: Type.Object({
            today: Type.String(),
            policy: Type.Object({ noFollowUpMonths: Type.Integer(), followUpMaxMonths: Type.Integer() }),
            counts: Type.Array(Type.Object({ rule: Type.Union([Rule, Type.Null()]), state: Type.String(), cases: Type.Integer() })),
            upcoming: ScheduledList,
            overdue: ScheduledList,
            holds: Type.Array(HoldSchema),
            lastPurgeAt: Type.Union([Type.String(), Type.Null()]),
          }),
        },
      },
    },
    async (request) => {
      const overview = await retentionOverview(ctx, staffOf(request));
      return {
        ...overview,
        holds: overview.holds.map(presentHold),
        lastPurgeAt: overview.lastPurgeAt?.toISOString() ?? null,
      };
    },
  );

  app.post(
    '/api/v1/dpo/holds',
    {
      config: dpo,
      schema: {
        body: StrictObject({ caseId: Uuid, reason: Type.String({ minLength: 1, maxLength: HOLD_REASON_MAX_CHARS, description: 'the proceedings or appeal the case is kept for' }) }),
        response: { 201: HoldSchema },
      },
    },
    async (request, reply) => reply.status(201).send(presentHold(await placeLegalHold(ctx, staffOf(request), request.body))),
  );

  app.post(
    '/api/v1/dpo/holds/:id/release',
    { config: dpo, schema: { params: StrictObject({ id: Uuid }), body: Type.Optional(StrictObject({})), response: { 200: Type.Object({ releasedAt: Type.String() }) } } },
    async (request) => {
      const released = await releaseLegalHold(ctx, staffOf(request), request.params.id);
      return { releasedAt: released.releasedAt.toISOString() };
    },
  );

  app.get(
    '/api/v1/dpo/purge-log',
    {
      config: dpo,
      schema: {
        querystring: StrictObject({ ...Period, after: Type.Optional(Cursor), limit: Type.Optional(Limit) }),
        response: { 200: Type.Object({ entries: Type.Array(EntrySchema), next: Type.Union([Type.String(), Type.Null()]) }) },
      },
    },
    async (request) => {
      const { from, to, after, limit } = request.query;
      const cursor = after ? decodeCursor(after) : undefined;
      const page = await purgeLogPage(ctx, staffOf(request), {
        ...(from ? { from: new Date(from) } : {}),
        ...(to ? { to: new Date(to) } : {}),
        ...(cursor ? { after: cursor } : {}),
        limit: limit === undefined ? 100 : Number(limit),
      });
      const last = page.entries.at(-1);
      return {
        entries: page.entries.map((e) => ({ ...e, purgedAt: e.purgedAt.toISOString() })),
        next: page.more && last ? `${last.purgedAt.toISOString()}~${last.id}` : null,
      };
    },
  );

  app.get(
    '/api/v1/dpo/purge-log.csv',
    { config: dpo, schema: { querystring: StrictObject(Period) } },
    async (request, reply) => {
      const { from, to } = request.query;
      const csv = await purgeLogCsv(ctx, staffOf(request), { ...(from ? { from: new Date(from) } : {}), ...(to ? { to: new Date(to) } : {}) });
      return sendCsv(reply, 'vigie-purge-log.csv', csv);
    },
  );
}
