// The workflow on a case: transitions, sharing, recusal, committee votes, identity disclosures,
// meetings. Routes hold HTTP only: the services check roles, states and the case's holders.
import { Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { FOLLOW_UP_KINDS, STAFF_ACTIONS, type CaseAction, type FollowUpKind } from '../../domain/case-workflow.ts';
import { VOTE_CHOICES, type VoteChoice } from '../../domain/committee-tally.ts';
import { audience, staffOf } from '../../plugins/audience.ts';
import { recordMeetingHeld } from '../../services/case-meetings.ts';
import { shareCase } from '../../services/case-sharing.ts';
import { transitionCase } from '../../services/case-transitions.ts';
import { castVote, recuseFromCase } from '../../services/committee.ts';
import type { ServiceContext } from '../../services/context.ts';
import { recordIdentityDisclosure } from '../../services/identity-disclosures.ts';
import { Base64Url, ClientUuid, StrictObject, Uuid, decodeField } from '../schemas.ts';

const SEALED_KEY_BYTES = 81;
const Params = StrictObject({ id: Uuid });
const Grant = StrictObject({ recipient: Uuid, sealedKey: Base64Url(SEALED_KEY_BYTES, SEALED_KEY_BYTES, 'the case key sealed for the recipient (0x01 || crypto_box_seal)') });
const literalUnion = (values: readonly string[]) => Type.Union(values.map((value) => Type.Literal(value)));

export function caseWorkflowRoutes(parent: FastifyInstance, ctx: ServiceContext): void {
  const app = parent.withTypeProvider<TypeBoxTypeProvider>();
  // Declared as narrowly as the services allow: only referents act on a case's workflow, share it,
  // disclose an identity or record a meeting; only the committee votes; either may recuse.
  const referents = { audience: audience.staff('referent') };
  const committee = { audience: audience.staff('committee') };
  const holders = { audience: audience.staff('referent', 'committee') };
  const ciphertextMax = ctx.config.intake.messageMaxBytes + 16 * 1024;
  const bodyLimit = Math.ceil((ciphertextMax * 4) / 3) + 64 * 1024;
  const EncryptedText = StrictObject({ id: ClientUuid, ciphertext: Base64Url(1, ciphertextMax, 'a v1 envelope under the case key') });

  app.post(
    '/api/v1/cases/:id/transitions',
    {
      config: referents,
      bodyLimit,
      schema: {
        params: Params,
        body: StrictObject({
          action: literalUnion(STAFF_ACTIONS),
          reason: Type.Optional(EncryptedText),
          grants: Type.Optional(Type.Array(Grant, { maxItems: 100, description: 'send_to_committee: the key sealed for each committee member who may read the case' })),
        }),
        response: { 200: Type.Object({ state: Type.String(), closedAt: Type.Union([Type.String(), Type.Null()]), outcome: Type.Union([Type.String(), Type.Null()]) }) },
      },
    },
    async (request) => {
      const { action, reason, grants } = request.body;
      const result = await transitionCase(ctx, staffOf(request), request.params.id, {
        action: action as CaseAction,
        ...(reason ? { reason: { id: reason.id, ciphertext: decodeField('reason.ciphertext', reason.ciphertext) } } : {}),
        ...(grants ? { grants: grants.map((g) => ({ recipient: g.recipient, sealedKey: decodeField('grants.sealedKey', g.sealedKey) })) } : {}),
      });
      return { state: result.state, closedAt: result.closedAt?.toISOString() ?? null, outcome: result.outcome };
    },
  );

  app.post(
    '/api/v1/cases/:id/shares',
    { config: referents, schema: { params: Params, body: Grant, response: { 201: Type.Object({ sharedAt: Type.String() }) } } },
    async (request, reply) => {
      const shared = await shareCase(ctx, staffOf(request), request.params.id, { recipient: request.body.recipient, sealedKey: decodeField('sealedKey', request.body.sealedKey) });
      return reply.status(201).send({ sharedAt: shared.sharedAt.toISOString() });
    },
  );

  app.post(
    '/api/v1/cases/:id/recusal',
    { config: holders, schema: { params: Params, body: StrictObject({}), response: { 201: Type.Object({ recusedAt: Type.String() }) } } },
    async (request, reply) => {
      const done = await recuseFromCase(ctx, staffOf(request), request.params.id);
      return reply.status(201).send({ recusedAt: done.recusedAt.toISOString() });
    },
  );

  app.post(
    '/api/v1/cases/:id/votes',
    {
      config: committee,
      bodyLimit,
      schema: {
        params: Params,
        body: StrictObject({
          id: ClientUuid,
          choice: literalUnion(VOTE_CHOICES),
          followUpKind: Type.Optional(literalUnion(FOLLOW_UP_KINDS)),
          reason: Base64Url(1, ciphertextMax, 'the reason, a v1 envelope under the case key'),
        }),
        response: { 201: Type.Object({ status: Type.String(), outcome: Type.Optional(Type.String()), followUpKind: Type.Optional(Type.Union([Type.String(), Type.Null()])) }) },
      },
    },
    async (request, reply) => {
      const { id, choice, followUpKind, reason } = request.body;
      const status = await castVote(ctx, staffOf(request), request.params.id, { id, choice: choice as VoteChoice, followUpKind: (followUpKind ?? null) as FollowUpKind | null, reasonCiphertext: decodeField('reason', reason) });
      return reply.status(201).send(status.status === 'decided' ? { status: status.status, outcome: status.outcome, followUpKind: status.followUpKind } : { status: status.status });
    },
  );

  app.post(
    '/api/v1/cases/:id/identity-disclosures',
    {
      config: referents,
      bodyLimit,
      schema: {
        params: Params,
        body: StrictObject({
          id: ClientUuid,
          legalBasis: literalUnion(['consent', 'judicial_authority']),
          consentGiven: Type.Boolean(),
          details: Base64Url(1, ciphertextMax, 'to whom and why, a v1 envelope under the case key'),
        }),
        response: { 201: Type.Object({ recordedAt: Type.String() }) },
      },
    },
    async (request, reply) => {
      const { id, legalBasis, consentGiven, details } = request.body;
      const recorded = await recordIdentityDisclosure(ctx, staffOf(request), request.params.id, {
        id,
        legalBasis: legalBasis as 'consent' | 'judicial_authority',
        consentGiven,
        detailsCiphertext: decodeField('details', details),
      });
      return reply.status(201).send({ recordedAt: recorded.recordedAt.toISOString() });
    },
  );

  app.post(
    '/api/v1/cases/:id/meeting-held',
    { config: referents, schema: { params: Params, body: StrictObject({}), response: { 201: Type.Object({ heldAt: Type.String() }) } } },
    async (request, reply) => {
      const held = await recordMeetingHeld(ctx, staffOf(request), request.params.id);
      return reply.status(201).send({ heldAt: held.heldAt.toISOString() });
    },
  );
}
