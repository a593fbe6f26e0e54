// The organisation's audit log for its admin (role admin, own organisation only): pages of entries
// and the hash chain's verification. Entries carry ids, counts and reasons, never case content.
import { Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { audience, staffOf } from '../../plugins/audience.ts';
import { auditPage, verifyOwnAuditChain } from '../../services/audit-view.ts';
import type { ServiceContext } from '../../services/context.ts';
import { StrictObject } from '../schemas.ts';

const EntrySchema = Type.Object({
  seq: Type.Integer(),
  at: Type.String(),
  actorKind: Type.String(),
  actorId: Type.Union([Type.String(), Type.Null()]),
  actorName: Type.Union([Type.String(), Type.Null()]),
  action: Type.String(),
  subjectId: Type.Union([Type.String(), Type.Null()]),
  details: Type.Record(Type.String(), Type.Unknown()),
});

// A query string is text (the app does not coerce types).
const Seq = Type.String({ pattern: '^[0-9]{1,9}$', description: 'the `next` value of the previous page (a sequence number)' });
const Limit = Type.String({ pattern: '^([1-9][0-9]?|[1-4][0-9]{2}|500)$', description: 'entries per page, 1 to 500 (default 50)' });
const Order = Type.Union([Type.Literal('newest'), Type.Literal('oldest')], { description: 'newest first (default) or oldest first' });

const VerificationSchema = Type.Object({
  entriesChecked: Type.Integer(),
  firstBroken: Type.Union([Type.Object({ seq: Type.Integer(), reason: Type.String() }), Type.Null()]),
});

export function adminAuditRoutes(parent: FastifyInstance, ctx: ServiceContext): void {
  const app = parent.withTypeProvider<TypeBoxTypeProvider>();
  const admin = { audience: audience.staff('admin') };

  app.get(
    '/api/v1/admin/audit',
    {
      config: admin,
      schema: {
        querystring: StrictObject({ after: Type.Optional(Seq), limit: Type.Optional(Limit), order: Type.Optional(Order) }),
        response: { 200: Type.Object({ entries: Type.Array(EntrySchema), next: Type.Union([Type.Integer(), Type.Null()]) }) },
      },
    },
    async (request) => {
      const { after, limit, order } = request.query;
      const page = await auditPage(ctx, staffOf(request), {
        order: order ?? 'newest',
        ...(after === undefined ? {} : { after: Number(after) }),
        limit: limit === undefined ? 50 : Number(limit),
      });
      const last = page.entries.at(-1);
      return { entries: page.entries.map((entry) => ({ ...entry, at: entry.at.toISOString() })), next: page.more && last ? last.seq : null };
    },
  );

  app.get('/api/v1/admin/audit/verification', { config: admin, schema: { response: { 200: VerificationSchema } } }, async (request) => {
    const result = await verifyOwnAuditChain(ctx, staffOf(request));
    return { entriesChecked: result.entriesChecked, firstBroken: result.firstBroken ? { seq: result.firstBroken.seq, reason: result.firstBroken.reason } : null };
  });
}
