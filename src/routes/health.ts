import { Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import type { DatabaseHandle } from '../../db/index.ts';
import { audience } from '../plugins/audience.ts';

/** Liveness and database reachability, for load balancers and operators. */
export function healthRoutes(app: FastifyInstance, database: DatabaseHandle): void {
  app.get(
    '/health',
    {
      config: { audience: audience.public },
      schema: {
        response: {
          200: Type.Object({ status: Type.Literal('ok'), database: Type.Literal('ok') }),
          503: Type.Object({ status: Type.Literal('degraded'), database: Type.Literal('unreachable') }),
        },
      },
    },
    async (request, reply) => {
      try {
        await database.ping();
        return { status: 'ok' as const, database: 'ok' as const };
      } catch (error) {
        request.log.warn({ err: { type: (error as Error).name } }, 'database unreachable');
        return reply.status(503).send({ status: 'degraded' as const, database: 'unreachable' as const });
      }
    },
  );
}
