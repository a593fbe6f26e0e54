// Indicators for management (LEGAL.md L16): DPO and admins, JSON or CSV.
import { Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { audience, staffOf } from '../../plugins/audience.ts';
import type { ServiceContext } from '../../services/context.ts';
import { indicatorsCsv, indicatorsFor } from '../../services/indicators.ts';
import { CategoryCode, StrictObject } from '../schemas.ts';
import { sendCsv } from '../csv-reply.ts';

const Month = Type.String({ pattern: '^[0-9]{4}-(0[1-9]|1[0-2])$', description: 'YYYY-MM (months of receipt, in the organisation’s time zone)' });
const Query = StrictObject({ from: Month, to: Month, category: Type.Optional(CategoryCode) });
const Distribution = Type.Object({ cases: Type.Integer(), median: Type.Union([Type.Integer(), Type.Null()]), p90: Type.Union([Type.Integer(), Type.Null()]) });
const Count = Type.Integer();

const IndicatorsSchema = Type.Object({
  period: Type.Object({ fromMonth: Type.String(), toMonth: Type.String(), category: Type.Union([Type.String(), Type.Null()]) }),
  received: Count,
  inadmissible: Count,
  closedWithoutFollowUp: Count,
  closedWithFollowUp: Type.Object({ total: Count, byKind: Type.Record(Type.String(), Count) }),
  open: Count,
  daysToAcknowledgement: Distribution,
  daysToClosure: Distribution,
  feedbackWithinDelay: Type.Object({ due: Count, onTime: Count, share: Type.Union([Type.Number(), Type.Null()]) }),
  byMonth: Type.Array(Type.Object({ month: Type.String(), received: Count, inadmissible: Count, closedWithoutFollowUp: Count, closedWithFollowUp: Count, open: Count })),
});

export function indicatorRoutes(parent: FastifyInstance, ctx: ServiceContext): void {
  const app = parent.withTypeProvider<TypeBoxTypeProvider>();
  const managers = { audience: audience.staff('dpo', 'admin') };
  const periodOf = (query: { from: string; to: string; category?: string }) => ({ fromMonth: query.from, toMonth: query.to, category: query.category ?? null });

  app.get('/api/v1/indicators', { config: managers, schema: { querystring: Query, response: { 200: IndicatorsSchema } } }, async (request) =>
    indicatorsFor(ctx, staffOf(request), periodOf(request.query)),
  );

  app.get('/api/v1/indicators.csv', { config: managers, schema: { querystring: Query } }, async (request, reply) => {
    const indicators = await indicatorsFor(ctx, staffOf(request), periodOf(request.query));
    return sendCsv(reply, `vigie-indicators-${request.query.from}-${request.query.to}.csv`, indicatorsCsv(indicators));
  });
}
