// Anonymous intake: the organisation's intake description, proof-of-work challenges, filing.
import { Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { toBase64Url } from '../../crypto/encoding.ts';
import { CHALLENGE_PURPOSES } from '../../crypto/server/challenge-token.ts';
import { audience } from '../../plugins/audience.ts';
import type { ServiceContext } from '../../services/context.ts';
import { describeIntake } from '../../services/intake-description.ts';
import { issueChallenge } from '../../services/proof-of-work.ts';
import { fileReport, MAX_RECIPIENTS, RECOVERY_RECIPIENT } from '../../services/report-filing.ts';
import { Base64Url, BilingualText, CategoryCode, ClientUuid, decodeField, ProofOfWorkSchema, ReceiptSchema, Slug, StrictObject, Uuid } from '../schemas.ts';


const IntakeSchema = Type.Object({
  organisation: Type.Object({ id: Type.String(), slug: Type.String(), name: Type.String() }),
  texts: Type.Object({ whoCanReport: BilingualText, whatHappensNext: BilingualText, rights: BilingualText }),
  categories: Type.Array(Type.Object({ code: Type.String(), label: BilingualText })),
  admissibilityReviewWorkingDays: Type.Integer(),
  recipients: Type.Array(
    Type.Object({
      id: Type.String(),
      displayName: Type.String(),
      roles: Type.Array(Type.Union([Type.Literal('referent'), Type.Literal('committee')])),
      publicKey: Type.String({ description: 'X25519 public key, base64url' }),
    }),
  ),
  recoveryPublicKey: Type.Union([Type.String(), Type.Null()]),
  receiptKeyId: Type.String(),
  documentMaxBytes: Type.Integer({ description: 'largest supporting document accepted, in bytes of the file' }),
});

export function intakeRoutes(parent: FastifyInstance, ctx: ServiceContext): void {
  const app = parent.withTypeProvider<TypeBoxTypeProvider>();
  const open = { audience: audience.public };

  app.get(
    '/api/v1/orgs/:slug/intake',
    { config: open, schema: { params: StrictObject({ slug: Slug }), response: { 200: IntakeSchema } } },
    async (request) => {
      const intake = await describeIntake(ctx, request.params.slug);
      return {
        organisation: intake.organisation,
        texts: intake.settings.texts,
        categories: intake.categories.map(({ code, label }) => ({ code, label })),
        admissibilityReviewWorkingDays: intake.settings.admissibilityReviewDays,
        recipients: intake.recipients.map((recipient) => ({ ...recipient, publicKey: toBase64Url(recipient.publicKey) })),
        recoveryPublicKey: intake.settings.recoveryPublicKey ? toBase64Url(intake.settings.recoveryPublicKey) : null,
        receiptKeyId: intake.receiptKeyId,
        documentMaxBytes: intake.settings.documentMaxBytes,
      };
    },
  );

  app.post(
    '/api/v1/challenges',
    {
      config: open,
      schema: {
        body: StrictObject({ purpose: Type.Union(CHALLENGE_PURPOSES.map((purpose) => Type.Literal(purpose))) }),
        response: { 201: Type.Object({ challenge: Type.String(), bits: Type.Integer(), expiresAt: Type.String() }) },
      },
    },
    async (request, reply) => {
      const issued = await issueChallenge(ctx, request.body.purpose);
      return reply.status(201).send({ challenge: toBase64Url(issued.challenge), bits: issued.bits, expiresAt: issued.expiresAt.toISOString() });
    },
  );

  const reportMax = ctx.config.intake.reportMaxBytes;
  app.post(
    '/api/v1/orgs/:slug/reports',
    {
      config: open,
      // Room for the largest report in base64url plus the keys around it; the service gives the precise 413.
      bodyLimit: Math.ceil((reportMax * 4) / 3) + 64 * 1024,
      schema: {
        params: StrictObject({ slug: Slug }),
        body: StrictObject({
          caseId: ClientUuid,
          category: CategoryCode,
          identityMode: Type.Union([Type.Literal('anonymous'), Type.Literal('confidential')]),
          report: Base64Url(1, reportMax + 1024, 'v1 envelope of the report under the case key'),
          grants: Type.Array(StrictObject({ recipient: Type.Union([Uuid, Type.Literal(RECOVERY_RECIPIENT)]), sealedKey: Base64Url(1, 128) }), {
            minItems: 1,
            maxItems: MAX_RECIPIENTS,
          }),
          excluded: Type.Optional(Type.Array(Uuid, { maxItems: MAX_RECIPIENTS, uniqueItems: true })),
          mailbox: StrictObject({ lookupId: Base64Url(16, 16), authenticator: Base64Url(32, 32), wrappedCaseKey: Base64Url(1, 128) }),
          proofOfWork: ProofOfWorkSchema,
        }),
        response: {
          201: Type.Object({
            caseId: Type.String(),
            caseReference: Type.String(),
            receivedAt: Type.String(),
            receipt: Type.Union([ReceiptSchema, Type.Null()], { description: 'null when the organisation acknowledges by hand: the receipt then comes to the mailbox' }),
            ackDueOn: Type.String(),
          }),
        },
      },
    },
    async (request, reply) => {
      const body = request.body;
      const filed = await fileReport(ctx, request.params.slug, {
        caseId: body.caseId,
        category: body.category,
        identityMode: body.identityMode,
        report: decodeField('report', body.report),
        grants: body.grants.map((grant, index) => ({ recipient: grant.recipient, sealedKey: decodeField(`grants[${index}].sealedKey`, grant.sealedKey) })),
        excluded: body.excluded ?? [],
        mailbox: {
          lookupId: decodeField('mailbox.lookupId', body.mailbox.lookupId),
          authenticator: decodeField('mailbox.authenticator', body.mailbox.authenticator),
          wrappedCaseKey: decodeField('mailbox.wrappedCaseKey', body.mailbox.wrappedCaseKey),
        },
        proofOfWork: { challenge: decodeField('proofOfWork.challenge', body.proofOfWork.challenge), nonce: decodeField('proofOfWork.nonce', body.proofOfWork.nonce) },
      });
      return reply
        .status(201)
        .send({ caseId: filed.caseId, caseReference: filed.caseReference, receivedAt: filed.receivedAt.toISOString(), receipt: filed.receipt, ackDueOn: filed.ackDueOn });
    },
  );
}
