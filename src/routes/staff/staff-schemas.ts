import { Type } from '@sinclair/typebox';
import { Language, StaffRoleSchema } from '../schemas.ts';

export const KdfParamsSchema = Type.Object({
  algorithm: Type.Literal('argon2id13'),
  opsLimit: Type.Integer(),
  memLimitBytes: Type.Integer(),
});

export const OrganisationRef = Type.Object({ id: Type.String(), slug: Type.String(), name: Type.String() });

/** What a staff member learns about their own account after login or from /me. */
export const StaffSelfSchema = Type.Object({
  id: Type.String(),
  email: Type.Union([Type.String(), Type.Null()]),
  displayName: Type.String(),
  roles: Type.Array(StaffRoleSchema),
  language: Language,
  organisation: OrganisationRef,
  publicKey: Type.Union([Type.String(), Type.Null()]),
  sealedPrivateKey: Type.Union([Type.String(), Type.Null()]),
  /** Parameters to use when choosing a new passphrase. */
  newPassphraseKdf: KdfParamsSchema,
});
