// The OpenAPI document built from the route schemas (no UI: it would need inline scripts).
import swagger from '@fastify/swagger';
import type { FastifyInstance } from 'fastify';
import { audience } from '../plugins/audience.ts';

/** Registers the collector; call before any route so every route is documented. */
export async function registerApiDocs(app: FastifyInstance): Promise<void> {
  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Vigie API',
        version: '1',
        description: 'Internal-alert case management. Binary values are base64url without padding; errors are application/problem+json. See SECURITY.md for the protocol.',
      },
    },
  });
  app.get('/api/docs', { config: { audience: audience.public }, schema: { hide: true } }, () => app.swagger());
}
