// Referent and committee side of cases: list (filters, deadlines), open (ciphertexts, the caller's
// sealed key, timeline, actions, committee), message (optionally as feedback).
import { Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { fromBase64Url, toBase64Url, utf8 } from '../../crypto/encoding.ts';
import { InvalidInputError } from '../../domain/errors.ts';
import { audience, staffOf } from '../../plugins/audience.ts';
import type { ServiceContext } from '../../services/context.ts';
import { openCase, type CaseDetail } from '../../services/case-detail.ts';
import type { CaseRetentionView } from '../../services/case-retention.ts';
import { listCasesFor, sendStaffMessage, type CaseCursor, type CaseListSort, type CaseSummary } from '../../services/staff-cases.ts';
import { CASE_STATES } from '../../../db/schema.ts';
import { MessageSchema, presentMessage, presentReceipt, StoredReceiptSchema } from '../case-presenters.ts';
import { Base64Url, ClientUuid, StrictObject, Uuid, decodeField } from '../schemas.ts';

const DeadlineSchema = Type.Object({
  dueOn: Type.String(),
  status: Type.Union([Type.Literal('met'), Type.Literal('pending'), Type.Literal('due_soon'), Type.Literal('overdue')]),
});
const NullableString = Type.Union([Type.String(), Type.Null()]);

const SummarySchema = Type.Object({
  id: Type.String(),
  reference: Type.String(),
  category: Type.String(),
  identityMode: Type.String(),
  state: Type.String(),
  receivedAt: Type.String(),
  acknowledgedAt: NullableString,
  ackDueOn: Type.String(),
  feedbackDueOn: Type.String(),
  feedbackGivenAt: NullableString,
  meetingRequestedAt: NullableString,
  meetingDueOn: NullableString,
  meetingHeldAt: NullableString,
  closedAt: NullableString,
  outcome: NullableString,
  followUpKind: NullableString,
  messageCount: Type.Integer(),
  lastMessageAt: NullableString,
  unreadMessages: Type.Integer({ description: 'reporter messages since the caller last opened the case' }),
  myVoteCastAt: Type.Union([Type.String(), Type.Null()], { description: "when the caller voted on the case in committee, if they did" }),
  deadlines: Type.Object({ acknowledgement: DeadlineSchema, feedback: DeadlineSchema, meeting: Type.Union([DeadlineSchema, Type.Null()]) }),
});

export const RetentionSchema = Type.Object({
  rule: Type.Union([Type.Literal('R1'), Type.Literal('R2'), Type.Literal('R3'), Type.Null()], { description: 'null while the case is open' }),
  purgeDueOn: Type.Union([Type.String(), Type.Null()], { description: 'first day a purge run deletes the case, unless held' }),
  proceedingsEndedOn: Type.Union([Type.String(), Type.Null()]),
  legalHold: Type.Union([Type.Object({ id: Type.String(), placedAt: Type.String() }), Type.Null()]),
});

export function presentRetention(retention: CaseRetentionView) {
  return { ...retention, legalHold: retention.legalHold ? { id: retention.legalHold.id, placedAt: retention.legalHold.placedAt.toISOString() } : null };
}

const iso = (date: Date | null) => date?.toISOString() ?? null;

function presentSummary(summary: CaseSummary) {
  return {
    ...summary,
    receivedAt: summary.receivedAt.toISOString(),
    acknowledgedAt: iso(summary.acknowledgedAt),
    feedbackGivenAt: iso(summary.feedbackGivenAt),
    meetingRequestedAt: iso(summary.meetingRequestedAt),
    meetingHeldAt: iso(summary.meetingHeldAt),
    closedAt: iso(summary.closedAt),
    lastMessageAt: iso(summary.lastMessageAt),
    myVoteCastAt: iso(summary.myVoteCastAt),
  };
}

const TimelineEntrySchema = Type.Object({
  at: Type.String(),
  kind: Type.String(),
  actorKind: Type.String(),
  actorStaffId: NullableString,
  details: Type.Record(Type.String(), Type.Unknown()),
});

const VoteSchema = Type.Object({
  id: Type.String(),
  voterId: Type.String(),
  choice: Type.String(),
  followUpKind: NullableString,
  castAt: Type.String(),
  reasonCiphertext: NullableString,
});

const CommitteeSchema = Type.Union([
  Type.Object({
    status: Type.String(),
    outcome: Type.Optional(Type.String()),
    followUpKind: Type.Optional(NullableString),
    tally: Type.Object({ followUp: Type.Integer(), noFollowUp: Type.Integer(), abstain: Type.Integer(), eligible: Type.Integer(), byKind: Type.Record(Type.String(), Type.Integer()) }),
    eligible: Type.Array(Type.String()),
    votes: Type.Array(VoteSchema),
  }),
  Type.Null(),
]);

function presentCommittee(committee: CaseDetail['committee']) {
  if (!committee) return null;
  return {
    ...committee.status,
    eligible: committee.eligible,
    votes: committee.votes.map((v) => ({
      id: v.id,
      voterId: v.voterId,
      choice: v.choice,
      followUpKind: v.followUpKind,
      castAt: v.castAt.toISOString(),
      reasonCiphertext: v.reasonCiphertext ? toBase64Url(v.reasonCiphertext) : null,
    })),
  };
}

// The newest-first cursor keeps its original two-element shape; an oldest-first one says so, so a
// cursor is never read in the other direction.
function encodeCursor(cursor: CaseCursor, sort: CaseListSort): string {
  const fields = [cursor.receivedAt.toISOString(), cursor.id, ...(sort === 'received_asc' ? ['asc'] : [])];
  return toBase64Url(utf8.encode(JSON.stringify(fields)));
}

function decodeCursor(text: string, sort: CaseListSort): CaseCursor {
  try {
    const [at, id, direction] = JSON.parse(utf8.decode(fromBase64Url(text))) as [string, string, string?];
    const receivedAt = new Date(at);
    if (Number.isNaN(receivedAt.getTime()) || !/^[0-9a-f-]{36}$/.test(id)) throw new Error('bad cursor');
    if ((direction === 'asc') !== (sort === 'received_asc')) throw new Error('cursor of another order');
    return { receivedAt, id };
  } catch {
    throw new InvalidInputError('The "after" cursor is not one this service gave out; start again from the first page.', 'invalid_cursor');
  }
}

export function staffCaseRoutes(parent: FastifyInstance, ctx: ServiceContext): void {
  const app = parent.withTypeProvider<TypeBoxTypeProvider>();
  const readers = { audience: audience.staff('referent', 'committee') };
  // Accept somewhat more than the limit, so an overlong message gets the service's clear 413.
  const messageSlack = ctx.config.intake.messageMaxBytes + 16 * 1024;

  app.get(
    '/api/v1/cases',
    {
      config: readers,
      schema: {
        querystring: StrictObject({
          limit: Type.Optional(Type.String({ pattern: '^[1-9][0-9]{0,2}$' })),
          after: Type.Optional(Type.String({ maxLength: 200 })),
          state: Type.Optional(Type.Union(CASE_STATES.map((state) => Type.Literal(state)))),
          overdue: Type.Optional(Type.Literal('true', { description: 'only cases with a missed deadline (acknowledgement, feedback, meeting)' })),
          awaitingVote: Type.Optional(Type.Literal('true', { description: 'only cases in committee review on which the caller has not voted' })),
          sort: Type.Optional(Type.Union([Type.Literal('received_desc'), Type.Literal('received_asc')], { description: 'newest first (default) or oldest first' })),
        }),
        response: { 200: Type.Object({ cases: Type.Array(SummarySchema), next: Type.Union([Type.String(), Type.Null()]) }) },
      },
    },
    async (request) => {
      const limit = Math.min(Number(request.query.limit ?? 50), 200);
      const { after, state, overdue, awaitingVote } = request.query;
      const sort = request.query.sort ?? 'received_desc';
      const page = await listCasesFor(ctx, staffOf(request), {
        limit,
        ...(after ? { after: decodeCursor(after, sort) } : {}),
        ...(state ? { state } : {}),
        overdue: overdue === 'true',
        awaitingMyVote: awaitingVote === 'true',
        sort,
      });
      return { cases: page.cases.map(presentSummary), next: page.next ? encodeCursor(page.next, sort) : null };
    },
  );

  app.get(
    '/api/v1/cases/:id',
    {
      config: readers,
      schema: {
        params: StrictObject({ id: Uuid }),
        response: {
          200: Type.Composite([
            SummarySchema,
            Type.Object({
              organisationId: Type.String(),
              report: Type.String(),
              sealedKey: Type.String(),
              messages: Type.Array(MessageSchema),
              receipts: Type.Array(StoredReceiptSchema),
              timeline: Type.Array(TimelineEntrySchema),
              availableActions: Type.Array(Type.String()),
              committee: CommitteeSchema,
              shareCandidates: Type.Array(
                Type.Object({ id: Type.String(), displayName: Type.String(), roles: Type.Array(Type.String()), publicKey: Type.String({ description: 'X25519, base64url' }) }),
              ),
              disclosures: Type.Array(
                Type.Object({ id: Type.String(), recordedBy: Type.String(), legalBasis: Type.String(), consentGiven: Type.Boolean(), details: Type.String(), recordedAt: Type.String() }),
              ),
              retention: RetentionSchema,
              holders: Type.Array(Type.Object({ id: Type.String(), displayName: Type.String() }), { description: 'the staff members holding the case' }),
            }),
          ]),
        },
      },
    },
    async (request) => {
      const detail = await openCase(ctx, staffOf(request), request.params.id);
      return {
        ...presentSummary(detail),
        organisationId: detail.organisationId,
        report: toBase64Url(detail.report),
        sealedKey: toBase64Url(detail.sealedKey),
        messages: detail.messages.map(presentMessage),
        receipts: detail.receipts.map(presentReceipt),
        timeline: detail.timeline.map((entry) => ({ ...entry, at: entry.at.toISOString() })),
        availableActions: detail.availableActions,
        committee: presentCommittee(detail.committee),
        shareCandidates: detail.shareCandidates.map((r) => ({ id: r.id, displayName: r.displayName, roles: r.roles, publicKey: toBase64Url(r.publicKey) })),
        disclosures: detail.disclosures.map((d) => ({
          id: d.id,
          recordedBy: d.recordedBy,
          legalBasis: d.legalBasis,
          consentGiven: d.consentGiven,
          details: toBase64Url(d.detailsCiphertext),
          recordedAt: d.recordedAt.toISOString(),
        })),
        retention: presentRetention(detail.retention),
        holders: detail.holders,
      };
    },
  );

  app.post(
    '/api/v1/cases/:id/messages',
    {
      config: { audience: audience.staff('referent') },
      bodyLimit: Math.ceil((messageSlack * 4) / 3) + 1024,
      schema: {
        params: StrictObject({ id: Uuid }),
        body: StrictObject({
          id: ClientUuid,
          ciphertext: Base64Url(1, messageSlack),
          purpose: Type.Optional(Type.Union([Type.Literal('message'), Type.Literal('feedback')], { description: "feedback: a retour d'information, which meets the feedback deadline" })),
        }),
        response: { 201: Type.Object({ id: Type.String(), sentAt: Type.String() }) },
      },
    },
    async (request, reply) => {
      const { id, ciphertext, purpose } = request.body;
      const sent = await sendStaffMessage(ctx, staffOf(request), request.params.id, { id, ciphertext: decodeField('ciphertext', ciphertext), ...(purpose ? { purpose } : {}) });
      return reply.status(201).send({ id: request.body.id, sentAt: sent.sentAt.toISOString() });
    },
  );
}
