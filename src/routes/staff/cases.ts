// Referent and committee side of cases: list, open (ciphertexts + the caller's sealed key), message.
import { Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { fromBase64Url, toBase64Url, utf8 } from '../../crypto/encoding.ts';
import { InvalidInputError } from '../../domain/errors.ts';
import { audience, staffOf } from '../../plugins/audience.ts';
import type { ServiceContext } from '../../services/context.ts';
import { listCasesFor, openCase, sendStaffMessage, type CaseCursor, type CaseSummary } from '../../services/staff-cases.ts';
import { MessageSchema, presentMessage, presentReceipt, StoredReceiptSchema } from '../case-presenters.ts';
import { Base64Url, ClientUuid, StrictObject, Uuid, decodeField } from '../schemas.ts';

const SummarySchema = Type.Object({
  id: Type.String(),
  reference: Type.String(),
  category: Type.String(),
  identityMode: Type.String(),
  state: Type.String(),
  receivedAt: Type.String(),
  acknowledgedAt: Type.Union([Type.String(), Type.Null()]),
  ackDueOn: Type.String(),
  feedbackDueOn: Type.String(),
  messageCount: Type.Integer(),
  lastMessageAt: Type.Union([Type.String(), Type.Null()]),
});

function presentSummary(summary: CaseSummary) {
  return {
    ...summary,
    receivedAt: summary.receivedAt.toISOString(),
    acknowledgedAt: summary.acknowledgedAt?.toISOString() ?? null,
    lastMessageAt: summary.lastMessageAt?.toISOString() ?? null,
  };
}

function encodeCursor(cursor: CaseCursor): string {
  return toBase64Url(utf8.encode(JSON.stringify([cursor.receivedAt.toISOString(), cursor.id])));
}

function decodeCursor(text: string): CaseCursor {
  try {
    const [at, id] = JSON.parse(utf8.decode(fromBase64Url(text))) as [string, string];
    const receivedAt = new Date(at);
    if (Number.isNaN(receivedAt.getTime()) || !/^[0-9a-f-]{36}$/.test(id)) throw new Error('bad cursor');
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
        querystring: StrictObject({ limit: Type.Optional(Type.String({ pattern: '^[1-9][0-9]{0,2}$' })), after: Type.Optional(Type.String({ maxLength: 200 })) }),
        response: { 200: Type.Object({ cases: Type.Array(SummarySchema), next: Type.Union([Type.String(), Type.Null()]) }) },
      },
    },
    async (request) => {
      const limit = Math.min(Number(request.query.limit ?? 50), 200);
      const page = await listCasesFor(ctx, staffOf(request), { limit, ...(request.query.after ? { after: decodeCursor(request.query.after) } : {}) });
      return { cases: page.cases.map(presentSummary), next: page.next ? encodeCursor(page.next) : null };
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
      };
    },
  );

  app.post(
    '/api/v1/cases/:id/messages',
    {
      config: readers,
      bodyLimit: Math.ceil((messageSlack * 4) / 3) + 1024,
      schema: {
        params: StrictObject({ id: Uuid }),
        body: StrictObject({ id: ClientUuid, ciphertext: Base64Url(1, messageSlack) }),
        response: { 201: Type.Object({ id: Type.String(), sentAt: Type.String() }) },
      },
    },
    async (request, reply) => {
      const sent = await sendStaffMessage(ctx, staffOf(request), request.params.id, { id: request.body.id, ciphertext: decodeField('ciphertext', request.body.ciphertext) });
      return reply.status(201).send({ id: request.body.id, sentAt: sent.sentAt.toISOString() });
    },
  );
}
