// An organisation's admin manages what reporters see: texts, review delay, calendar region,
// categories, and the recovery key's public half.
import { Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { CALENDAR_REGIONS } from '../../../db/schema.ts';
import { toBase64Url } from '../../crypto/encoding.ts';
import { audience, staffOf } from '../../plugins/audience.ts';
import type { ServiceContext } from '../../services/context.ts';
import {
  addCategory,
  categoriesOf,
  intakeSettingsOf,
  MAX_ADMISSIBILITY_REVIEW_DAYS,
  MAX_COMMITTEE_QUORUM,
  MAX_DOCUMENT_MAX_BYTES,
  MIN_DOCUMENT_MAX_BYTES,
  setRecoveryPublicKey,
  updateCategory,
  updateIntakeSettings,
  type IntakeSettings,
} from '../../services/intake-settings.ts';
import { COMMITTEE_MAJORITIES } from '../../domain/committee-tally.ts';
import { Base64Url, Bilingual, BilingualText, CategoryCode, decodeField, StrictObject } from '../schemas.ts';

const TEXT_MAX = 4000;
const Region = Type.Union(CALENDAR_REGIONS.map((region) => Type.Literal(region)));

const SettingsSchema = Type.Object({
  texts: Type.Object({ whoCanReport: BilingualText, whatHappensNext: BilingualText, rights: BilingualText }),
  customTexts: Type.Array(Type.String()),
  admissibilityReviewWorkingDays: Type.Integer(),
  calendarRegion: Type.String(),
  recoveryPublicKey: Type.Union([Type.String(), Type.Null()]),
  autoAcknowledge: Type.Boolean(),
  deadlines: Type.Object({ ackWorkingDays: Type.Integer(), feedbackMonths: Type.Integer(), meetingWorkingDays: Type.Integer() }),
  offersMeetings: Type.Boolean(),
  committee: Type.Object({ quorum: Type.Integer(), majority: Type.String() }),
  retention: Type.Object({ noFollowUpMonths: Type.Integer(), followUpMaxMonths: Type.Integer() }),
  documentMaxBytes: Type.Integer({ description: 'largest supporting document accepted, in bytes' }),
  categories: Type.Array(Type.Object({ code: Type.String(), label: BilingualText, archived: Type.Boolean() })),
});

const CategorySchema = Type.Object({ code: Type.String(), label: BilingualText, archived: Type.Boolean() });

export function adminIntakeRoutes(parent: FastifyInstance, ctx: ServiceContext): void {
  const app = parent.withTypeProvider<TypeBoxTypeProvider>();
  const admin = { audience: audience.staff('admin') };

  async function present(organisationId: string, settings?: IntakeSettings) {
    const current = settings ?? (await intakeSettingsOf(ctx.db, organisationId));
    return {
      texts: current.texts,
      customTexts: current.customTexts,
      admissibilityReviewWorkingDays: current.admissibilityReviewDays,
      calendarRegion: current.calendarRegion,
      recoveryPublicKey: current.recoveryPublicKey ? toBase64Url(current.recoveryPublicKey) : null,
      autoAcknowledge: current.autoAcknowledge,
      deadlines: current.deadlines,
      offersMeetings: current.offersMeetings,
      committee: current.committee,
      retention: current.retention,
      documentMaxBytes: current.documentMaxBytes,
      categories: await categoriesOf(ctx.db, organisationId, { includeArchived: true }),
    };
  }

  app.get('/api/v1/admin/intake', { config: admin, schema: { response: { 200: SettingsSchema } } }, async (request) => present(staffOf(request).organisationId));

  app.patch(
    '/api/v1/admin/intake',
    {
      config: admin,
      schema: {
        body: Type.Object(
          {
            texts: Type.Optional(
              StrictObject({
                whoCanReport: Type.Optional(Type.Union([Bilingual(TEXT_MAX), Type.Null()])),
                whatHappensNext: Type.Optional(Type.Union([Bilingual(TEXT_MAX), Type.Null()])),
                rights: Type.Optional(Type.Union([Bilingual(TEXT_MAX), Type.Null()])),
              }),
            ),
            admissibilityReviewWorkingDays: Type.Optional(Type.Integer({ minimum: 1, maximum: MAX_ADMISSIBILITY_REVIEW_DAYS })),
            calendarRegion: Type.Optional(Region),
            autoAcknowledge: Type.Optional(Type.Boolean()),
            // Shorter than the law only: the service refuses anything longer, with the legal maximum.
            deadlines: Type.Optional(
              StrictObject(
                {
                  ackWorkingDays: Type.Optional(Type.Integer({ maximum: 1000 })),
                  feedbackMonths: Type.Optional(Type.Integer({ maximum: 1000 })),
                  meetingWorkingDays: Type.Optional(Type.Integer({ maximum: 1000 })),
                },
              ),
            ),
            offersMeetings: Type.Optional(Type.Boolean()),
            documentMaxBytes: Type.Optional(Type.Integer({ minimum: MIN_DOCUMENT_MAX_BYTES, maximum: MAX_DOCUMENT_MAX_BYTES })),
            committee: Type.Optional(
              StrictObject({
                quorum: Type.Optional(Type.Integer({ minimum: 1, maximum: MAX_COMMITTEE_QUORUM })),
                majority: Type.Optional(Type.Union(COMMITTEE_MAJORITIES.map((m) => Type.Literal(m)))),
              }),
            ),
            // Shorter than the law only (2 months without follow-up, 72 at most with): the service refuses longer.
            retention: Type.Optional(
              StrictObject({
                noFollowUpMonths: Type.Optional(Type.Integer({ maximum: 1000 })),
                followUpMaxMonths: Type.Optional(Type.Integer({ maximum: 1000 })),
              }),
            ),
          },
          { additionalProperties: false, minProperties: 1 },
        ),
        response: { 200: SettingsSchema },
      },
    },
    async (request) => {
      const staff = staffOf(request);
      const { texts, admissibilityReviewWorkingDays, calendarRegion, autoAcknowledge, deadlines, offersMeetings, committee, retention, documentMaxBytes } = request.body;
      const settings = await updateIntakeSettings(ctx, staff, {
        ...(autoAcknowledge === undefined ? {} : { autoAcknowledge }),
        ...(deadlines ? { deadlines } : {}),
        ...(offersMeetings === undefined ? {} : { offersMeetings }),
        ...(documentMaxBytes === undefined ? {} : { documentMaxBytes }),
        ...(committee ? { committee } : {}),
        ...(retention ? { retention } : {}),
        ...(texts ? { texts } : {}),
        ...(admissibilityReviewWorkingDays === undefined ? {} : { admissibilityReviewDays: admissibilityReviewWorkingDays }),
        ...(calendarRegion === undefined ? {} : { calendarRegion }),
      });
      return present(staff.organisationId, settings);
    },
  );

  app.post(
    '/api/v1/admin/categories',
    { config: admin, schema: { body: StrictObject({ code: CategoryCode, label: Bilingual(200) }), response: { 201: CategorySchema } } },
    async (request, reply) => reply.status(201).send(await addCategory(ctx, staffOf(request), request.body)),
  );

  app.patch(
    '/api/v1/admin/categories/:code',
    {
      config: admin,
      schema: {
        params: StrictObject({ code: CategoryCode }),
        body: Type.Object(
          { label: Type.Optional(Bilingual(200)), position: Type.Optional(Type.Integer({ minimum: 1, maximum: 1000 })), archived: Type.Optional(Type.Boolean()) },
          { additionalProperties: false, minProperties: 1 },
        ),
        response: { 200: CategorySchema },
      },
    },
    async (request) => updateCategory(ctx, staffOf(request), request.params.code, request.body),
  );

  app.put(
    '/api/v1/admin/recovery-key',
    { config: admin, schema: { body: StrictObject({ publicKey: Base64Url(32, 32) }) } },
    async (request, reply) => {
      await setRecoveryPublicKey(ctx, staffOf(request), decodeField('publicKey', request.body.publicKey));
      return reply.status(204).send();
    },
  );
}
