// Shared TypeBox pieces for route schemas.
import { Type, type TSchema } from '@sinclair/typebox';
import { STAFF_ROLES } from '../../db/schema.ts';
import { fromBase64Url } from '../crypto/encoding.ts';
import { InvalidInputError } from '../domain/errors.ts';

/** base64url without padding, bounded by the decoded byte length. */
export const Base64Url = (minBytes: number, maxBytes: number, description?: string) =>
  Type.String({
    pattern: '^[A-Za-z0-9_-]*$',
    minLength: Math.ceil((minBytes * 4) / 3),
    maxLength: Math.ceil((maxBytes * 4) / 3),
    ...(description ? { description } : {}),
  });

/** Decodes a validated base64url field, naming it in the 400 if it is not canonical. */
export function decodeField(name: string, value: string): Uint8Array {
  try {
    return fromBase64Url(value);
  } catch {
    throw new InvalidInputError(`${name} is not valid base64url.`, 'invalid_encoding');
  }
}

export const Email = Type.String({ minLength: 3, maxLength: 254, pattern: '^[^\\s@]+@[^\\s@]+$' });
export const Slug = Type.String({ minLength: 1, maxLength: 64, pattern: '^[a-z0-9](?:[a-z0-9-]{0,62}[a-z0-9])?$' });
export const StaffRoleSchema = Type.Union(STAFF_ROLES.map((role) => Type.Literal(role)));
export const Language = Type.Union([Type.Literal('fr'), Type.Literal('en')]);
export const TotpCode = Type.String({ pattern: '^[0-9]{6}$' });
export const Uuid = Type.String({ format: 'uuid' });
export const DisplayName = Type.String({ minLength: 1, maxLength: 120 });

export const StrictObject = <T extends Record<string, TSchema>>(properties: T) => Type.Object(properties, { additionalProperties: false });

export const Bilingual = (maxLength: number) => StrictObject({ fr: Type.String({ minLength: 1, maxLength }), en: Type.String({ minLength: 1, maxLength }) });

/** A French and English text in a response. */
export const BilingualText = Type.Object({ fr: Type.String(), en: Type.String() });

export const ReceiptSchema = Type.Object({
  payload: Type.String({ description: 'The exact UTF-8 JSON text that was signed.' }),
  signature: Type.String({ description: 'Ed25519 detached signature over the payload bytes, base64url.' }),
  keyId: Type.String(),
});

export const ProofOfWorkSchema = StrictObject({ challenge: Base64Url(43, 43), nonce: Base64Url(8, 8) });

export const CategoryCode = Type.String({ minLength: 1, maxLength: 64, pattern: '^[a-z0-9](?:[a-z0-9-]{0,62}[a-z0-9])?$' });

/**
 * An id the client draws itself (random UUID v4, lower case) and binds into a ciphertext's
 * associated data: one spelling only, so what the server stores is what the client encrypted.
 */
export const ClientUuid = Type.String({ pattern: '^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$', description: 'random UUID v4 in lower case' });
