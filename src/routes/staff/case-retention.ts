// R3: the day the proceedings that followed a case ended, recorded by a referent holding the case
// or the organisation's DPO; the case is then purged on that day's run.
import { Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { audience, staffOf } from '../../plugins/audience.ts';
import { recordProceedingsEnded } from '../../services/case-retention.ts';
import type { ServiceContext } from '../../services/context.ts';
import { StrictObject, Uuid } from '../schemas.ts';
import { presentRetention, RetentionSchema } from './cases.ts';

export function caseRetentionRoutes(parent: FastifyInstance, ctx: ServiceContext): void {
  const app = parent.withTypeProvider<TypeBoxTypeProvider>();
  app.put(
    '/api/v1/cases/:id/proceedings-end',
    {
      config: { audience: audience.staff('referent', 'dpo') },
      schema: {
        params: StrictObject({ id: Uuid }),
        body: StrictObject({ endedOn: Type.String({ format: 'date', description: 'YYYY-MM-DD, the day the proceedings ended (not in the future)' }) }),
        response: { 200: RetentionSchema },
      },
    },
    async (request) => presentRetention(await recordProceedingsEnded(ctx, staffOf(request), request.params.id, request.body.endedOn)),
  );
}
