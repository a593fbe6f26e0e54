// The logged-in staff member's own account.
import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { toBase64Url } from '../../crypto/encoding.ts';
import { SEALED_PRIVATE_KEY_BYTES, STAFF_SALT_BYTES } from '../../crypto/staff-keys.ts';
import { audience, staffOf } from '../../plugins/audience.ts';
import type { ServiceContext } from '../../services/context.ts';
import { changePassphrase, getStaffProfile } from '../../services/staff-profile.ts';
import { Base64Url, StrictObject, decodeField } from '../schemas.ts';
import { Type } from '@sinclair/typebox';
import { NOTIFICATION_KINDS } from '../../../db/schema.ts';
import { myNotifications, setNotificationMode } from '../../services/notifications/my-notifications.ts';

const Mode = Type.Union([Type.Literal('immediate'), Type.Literal('digest')]);
const NotificationsSchema = Type.Object({
  mode: Mode,
  mailOn: Type.Boolean({ description: 'false: no SMTP_URL, notifications are only listed here' }),
  recent: Type.Array(Type.Object({ id: Type.String(), kind: Type.Union(NOTIFICATION_KINDS.map((kind) => Type.Literal(kind))), createdAt: Type.String(), sentAt: Type.Union([Type.String(), Type.Null()]) })),
});
import { StaffSelfSchema } from './staff-schemas.ts';

export function staffMeRoutes(parent: FastifyInstance, ctx: ServiceContext): void {
  const app = parent.withTypeProvider<TypeBoxTypeProvider>();

  app.get('/api/v1/staff/me', { config: { audience: audience.anyStaff }, schema: { response: { 200: StaffSelfSchema } } }, async (request) => {
    const profile = await getStaffProfile(ctx, staffOf(request));
    return {
      ...profile,
      publicKey: profile.publicKey && toBase64Url(profile.publicKey),
      sealedPrivateKey: profile.sealedPrivateKey && toBase64Url(profile.sealedPrivateKey),
      newPassphraseKdf: { algorithm: 'argon2id13' as const, opsLimit: ctx.config.staffKdf.opsLimit, memLimitBytes: ctx.config.staffKdf.memLimitBytes },
    };
  });

  app.post(
    '/api/v1/staff/me/passphrase',
    {
      config: { audience: audience.anyStaff },
      schema: {
        body: StrictObject({
          currentAuthValue: Base64Url(32, 32),
          salt: Base64Url(STAFF_SALT_BYTES, STAFF_SALT_BYTES),
          authValue: Base64Url(32, 32),
          sealedPrivateKey: Base64Url(SEALED_PRIVATE_KEY_BYTES, SEALED_PRIVATE_KEY_BYTES),
        }),
      },
    },
    async (request, reply) => {
      await changePassphrase(ctx, staffOf(request), {
        currentAuthValue: decodeField('currentAuthValue', request.body.currentAuthValue),
        salt: decodeField('salt', request.body.salt),
        authValue: decodeField('authValue', request.body.authValue),
        sealedPrivateKey: decodeField('sealedPrivateKey', request.body.sealedPrivateKey),
      });
      return reply.status(204).send();
    },
  );

  app.get('/api/v1/staff/me/notifications', { config: { audience: audience.anyStaff }, schema: { response: { 200: NotificationsSchema } } }, async (request) => {
    const mine = await myNotifications(ctx, staffOf(request));
    return { ...mine, recent: mine.recent.map((n) => ({ ...n, createdAt: n.createdAt.toISOString(), sentAt: n.sentAt?.toISOString() ?? null })) };
  });

  app.put(
    '/api/v1/staff/me/notifications',
    { config: { audience: audience.anyStaff }, schema: { body: StrictObject({ mode: Mode }) } },
    async (request, reply) => {
      await setNotificationMode(ctx, staffOf(request), request.body.mode);
      return reply.status(204).send();
    },
  );
}
