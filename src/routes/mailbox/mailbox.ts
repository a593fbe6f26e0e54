// The reporter's mailbox: login with the token's lookup id and authenticator, read, reply, leave.
import { Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { toBase64Url } from '../../crypto/encoding.ts';
import { audience, mailboxCookieName, reporterOf } from '../../plugins/audience.ts';
import { requestMeeting } from '../../services/case-meetings.ts';
import type { ServiceContext } from '../../services/context.ts';
import { readMailbox, sendReporterMessage } from '../../services/mailbox.ts';
import { logInToMailbox } from '../../services/mailbox-credentials.ts';
import { closeMailboxSession } from '../../services/mailbox-sessions.ts';
import { Base64Url, BilingualText, ClientUuid, decodeField, ProofOfWorkSchema, ReceiptSchema, StrictObject } from '../schemas.ts';
import { MessageSchema, presentMessage, presentReceipt, StoredReceiptSchema } from '../case-presenters.ts';


const MailboxSchema = Type.Object({
  organisation: Type.Object({ id: Type.String(), slug: Type.String(), name: Type.String() }),
  caseId: Type.String(),
  caseReference: Type.String(),
  category: Type.String(),
  state: Type.String(),
  explanation: BilingualText,
  receivedAt: Type.String(),
  feedbackDueOn: Type.String(),
  report: Type.String(),
  wrappedCaseKey: Type.String(),
  receipts: Type.Array(StoredReceiptSchema),
  messages: Type.Array(MessageSchema),
  timeline: Type.Array(
    Type.Object({
      at: Type.String(),
      kind: Type.Union([Type.Literal('received'), Type.Literal('receipt'), Type.Literal('message'), Type.Literal('event')]),
      receiptKind: Type.Optional(Type.String()),
      author: Type.Optional(Type.String()),
      messageId: Type.Optional(Type.String()),
      event: Type.Optional(Type.String()),
      notice: Type.Optional(BilingualText),
    }),
  ),
  closedAt: Type.Union([Type.String(), Type.Null()]),
  meeting: Type.Object({
    offered: Type.Boolean(),
    requestedAt: Type.Union([Type.String(), Type.Null()]),
    dueOn: Type.Union([Type.String(), Type.Null()]),
    heldAt: Type.Union([Type.String(), Type.Null()]),
  }),
});

export function mailboxRoutes(parent: FastifyInstance, ctx: ServiceContext): void {
  const app = parent.withTypeProvider<TypeBoxTypeProvider>();
  const cookieName = mailboxCookieName(ctx.config.secureCookies);
  // Accept somewhat more than the limit, so an overlong message gets the service's clear 413.
  const messageSlack = ctx.config.intake.messageMaxBytes + 16 * 1024;
  const cookieOptions = { httpOnly: true, secure: ctx.config.secureCookies, sameSite: 'strict' as const, path: '/' };

  app.post(
    '/api/v1/mailbox/session',
    {
      config: { audience: audience.public },
      schema: {
        body: StrictObject({ lookupId: Base64Url(16, 16), authenticator: Base64Url(32, 32), proofOfWork: ProofOfWorkSchema }),
        response: {
          200: Type.Object(
            { status: Type.Literal('purged'), closureNotice: ReceiptSchema },
            { description: 'The case was purged: for a short grace period the token opens its signed closure notice alone, and no session.' },
          ),
          204: Type.Null({ description: 'Logged in: the session cookie is set.' }),
        },
      },
    },
    async (request, reply) => {
      const login = await logInToMailbox(ctx, {
        lookupId: decodeField('lookupId', request.body.lookupId),
        authenticator: decodeField('authenticator', request.body.authenticator),
        proofOfWork: { challenge: decodeField('proofOfWork.challenge', request.body.proofOfWork.challenge), nonce: decodeField('proofOfWork.nonce', request.body.proofOfWork.nonce) },
      });
      if (login.kind === 'purged') {
        const { payload, signature, keyId } = login.closureNotice;
        return reply.status(200).send({ status: 'purged' as const, closureNotice: { payload, signature: toBase64Url(signature), keyId } });
      }
      void reply.setCookie(cookieName, login.cookie, cookieOptions);
      return reply.status(204).send(null);
    },
  );

  app.delete('/api/v1/mailbox/session', { config: { audience: audience.reporter } }, async (request, reply) => {
    await closeMailboxSession(ctx, reporterOf(request));
    void reply.clearCookie(cookieName, cookieOptions);
    void reply.header('clear-site-data', '"cache", "cookies", "storage"');
    return reply.status(204).send();
  });

  app.get('/api/v1/mailbox', { config: { audience: audience.reporter }, schema: { response: { 200: MailboxSchema } } }, async (request) => {
    const view = await readMailbox(ctx, reporterOf(request));
    return {
      ...view,
      receivedAt: view.receivedAt.toISOString(),
      report: toBase64Url(view.report),
      wrappedCaseKey: toBase64Url(view.wrappedCaseKey),
      receipts: view.receipts.map(presentReceipt),
      messages: view.messages.map(presentMessage),
      timeline: view.timeline.map((event) => ({ ...event, at: event.at.toISOString() })),
      closedAt: view.closedAt?.toISOString() ?? null,
      meeting: {
        offered: view.meeting.offered,
        requestedAt: view.meeting.requestedAt?.toISOString() ?? null,
        dueOn: view.meeting.dueOn,
        heldAt: view.meeting.heldAt?.toISOString() ?? null,
      },
    };
  });

  app.post(
    '/api/v1/mailbox/messages',
    {
      config: { audience: audience.reporter },
      bodyLimit: Math.ceil((messageSlack * 4) / 3) + 1024,
      schema: {
        body: StrictObject({ id: ClientUuid, ciphertext: Base64Url(1, messageSlack) }),
        response: { 201: Type.Object({ id: Type.String(), sentAt: Type.String() }) },
      },
    },
    async (request, reply) => {
      const sent = await sendReporterMessage(ctx, reporterOf(request), { id: request.body.id, ciphertext: decodeField('ciphertext', request.body.ciphertext) });
      return reply.status(201).send({ id: request.body.id, sentAt: sent.sentAt.toISOString() });
    },
  );

  app.post(
    '/api/v1/mailbox/meeting-requests',
    { config: { audience: audience.reporter }, schema: { body: StrictObject({}), response: { 201: Type.Object({ meetingDueOn: Type.String() }) } } },
    async (request, reply) => reply.status(201).send(await requestMeeting(ctx, reporterOf(request).caseId)),
  );
}
