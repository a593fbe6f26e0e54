// Account activation from an invitation code.
import { Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { audience } from '../../plugins/audience.ts';
import type { ServiceContext } from '../../services/context.ts';
import { completeActivation, startActivation } from '../../services/staff-activation.ts';
import { SEALED_PRIVATE_KEY_BYTES, STAFF_SALT_BYTES } from '../../crypto/staff-keys.ts';
import { Base64Url, Email, StaffRoleSchema, StrictObject, TotpCode, decodeField } from '../schemas.ts';
import { KdfParamsSchema, OrganisationRef } from './staff-schemas.ts';

const InvitationCode = Base64Url(32, 32, 'one-time invitation code');

export function staffActivationRoutes(parent: FastifyInstance, ctx: ServiceContext): void {
  const app = parent.withTypeProvider<TypeBoxTypeProvider>();

  app.post(
    '/api/v1/staff/activation',
    {
      config: { audience: audience.public },
      schema: {
        body: StrictObject({ code: InvitationCode }),
        response: {
          200: Type.Object({
            organisation: OrganisationRef,
            account: Type.Object({ id: Type.String(), email: Type.Union([Type.String(), Type.Null()]), displayName: Type.String(), roles: Type.Array(StaffRoleSchema) }),
            kdf: KdfParamsSchema,
            totp: Type.Object({ secret: Type.String(), uri: Type.String() }),
          }),
        },
      },
    },
    (request) => startActivation(ctx, request.body.code),
  );

  app.post(
    '/api/v1/staff/activation/complete',
    {
      config: { audience: audience.public },
      schema: {
        body: StrictObject({
          code: InvitationCode,
          email: Type.Optional(Email),
          salt: Base64Url(STAFF_SALT_BYTES, STAFF_SALT_BYTES),
          authValue: Base64Url(32, 32),
          publicKey: Base64Url(32, 32),
          sealedPrivateKey: Base64Url(SEALED_PRIVATE_KEY_BYTES, SEALED_PRIVATE_KEY_BYTES),
          totpCode: TotpCode,
        }),
        response: { 200: Type.Object({ accountId: Type.String() }) },
      },
    },
    (request) =>
      completeActivation(ctx, {
        code: request.body.code,
        email: request.body.email,
        totpCode: request.body.totpCode,
        salt: decodeField('salt', request.body.salt),
        authValue: decodeField('authValue', request.body.authValue),
        publicKey: decodeField('publicKey', request.body.publicKey),
        sealedPrivateKey: decodeField('sealedPrivateKey', request.body.sealedPrivateKey),
      }),
  );
}
