// Receipt-signing public keys, for anyone verifying a receipt (old keys stay after rotation).
import { Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import { toBase64Url } from '../crypto/encoding.ts';
import { audience } from '../plugins/audience.ts';
import type { ServiceContext } from '../services/context.ts';
import { publishedReceiptKeys } from '../services/receipt-keys.ts';

export function receiptKeyRoutes(app: FastifyInstance, ctx: ServiceContext): void {
  app.get(
    '/api/v1/keys/receipt',
    {
      config: { audience: audience.public },
      schema: {
        response: {
          200: Type.Object({
            algorithm: Type.Literal('Ed25519'),
            keys: Type.Array(Type.Object({ keyId: Type.String(), publicKey: Type.String(), firstUsedAt: Type.String(), current: Type.Boolean() })),
          }),
        },
      },
    },
    async () => ({
      algorithm: 'Ed25519' as const,
      keys: (await publishedReceiptKeys(ctx.db, ctx.keys.receiptSigning)).map((key) => ({
        keyId: key.keyId,
        publicKey: toBase64Url(key.publicKey),
        firstUsedAt: key.firstUsedAt.toISOString(),
        current: key.current,
      })),
    }),
  );
}
