// Staff login: prelogin, session (login), logout.
import { Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { toBase64Url } from '../../crypto/encoding.ts';
import { audience, staffCookieName, staffOf } from '../../plugins/audience.ts';
import type { ServiceContext } from '../../services/context.ts';
import { login, logout, prelogin } from '../../services/staff-login.ts';
import { Base64Url, Email, Slug, StrictObject, TotpCode, decodeField } from '../schemas.ts';
import { KdfParamsSchema, StaffSelfSchema } from './staff-schemas.ts';

export function staffSessionRoutes(parent: FastifyInstance, ctx: ServiceContext): void {
  const app = parent.withTypeProvider<TypeBoxTypeProvider>();
  const cookieName = staffCookieName(ctx.config.secureCookies);

  app.post(
    '/api/v1/staff/prelogin',
    {
      config: { audience: audience.public },
      schema: {
        body: StrictObject({ organisation: Slug, email: Email }),
        response: { 200: Type.Object({ salt: Type.String(), kdf: KdfParamsSchema }) },
      },
    },
    async (request) => {
      const result = await prelogin(ctx, request.body.organisation, request.body.email);
      return { salt: toBase64Url(result.salt), kdf: result.kdf };
    },
  );

  app.post(
    '/api/v1/staff/session',
    {
      config: { audience: audience.public },
      schema: {
        body: StrictObject({ organisation: Slug, email: Email, authValue: Base64Url(32, 32), totpCode: TotpCode }),
        response: { 200: StaffSelfSchema },
      },
    },
    async (request, reply) => {
      const result = await login(ctx, { ...request.body, authValue: decodeField('authValue', request.body.authValue) });
      void reply.setCookie(cookieName, result.cookieValue, { httpOnly: true, secure: ctx.config.secureCookies, sameSite: 'strict', path: '/' });
      return {
        id: result.account.id,
        email: result.account.email,
        displayName: result.account.displayName,
        roles: result.account.roles,
        language: result.account.language,
        organisation: result.organisation,
        publicKey: toBase64Url(result.account.publicKey),
        sealedPrivateKey: toBase64Url(result.account.sealedPrivateKey),
        newPassphraseKdf: { algorithm: 'argon2id13' as const, opsLimit: ctx.config.staffKdf.opsLimit, memLimitBytes: ctx.config.staffKdf.memLimitBytes },
      };
    },
  );

  app.delete('/api/v1/staff/session', { config: { audience: audience.anyStaff } }, async (request, reply) => {
    await logout(ctx, staffOf(request));
    void reply.clearCookie(cookieName, { httpOnly: true, secure: ctx.config.secureCookies, sameSite: 'strict', path: '/' });
    void reply.header('clear-site-data', '"cache", "cookies", "storage"');
    return reply.status(204).send();
  });
}
