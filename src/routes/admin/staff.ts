// Administration of staff accounts (role admin, own organisation only).
import { Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { audience, staffOf } from '../../plugins/audience.ts';
import type { ServiceContext } from '../../services/context.ts';
import { disableStaff, inviteStaff, listStaff, reissueInvitation, setStaffRoles, type StaffSummary } from '../../services/staff-admin.ts';
import type { IssuedInvitation } from '../../services/staff-invitations.ts';
import { DisplayName, Email, Language, StaffRoleSchema, StrictObject, Uuid } from '../schemas.ts';

const StaffSummarySchema = Type.Object({
  id: Type.String(),
  email: Type.Union([Type.String(), Type.Null()]),
  displayName: Type.String(),
  roles: Type.Array(StaffRoleSchema),
  status: Type.Union([Type.Literal('invited'), Type.Literal('active'), Type.Literal('disabled')]),
  language: Language,
  createdAt: Type.String(),
  activatedAt: Type.Union([Type.String(), Type.Null()]),
  disabledAt: Type.Union([Type.String(), Type.Null()]),
});

const Roles = Type.Array(StaffRoleSchema, { minItems: 1, maxItems: 4, uniqueItems: true });

const InvitationSchema = Type.Object({ accountId: Type.String(), invitationCode: Type.String(), activationUrl: Type.String(), expiresAt: Type.String() });

function presentInvitation(issued: IssuedInvitation) {
  return { accountId: issued.accountId, invitationCode: issued.code, activationUrl: issued.activationUrl, expiresAt: issued.expiresAt.toISOString() };
}

function present(summary: StaffSummary) {
  return {
    ...summary,
    createdAt: summary.createdAt.toISOString(),
    activatedAt: summary.activatedAt?.toISOString() ?? null,
    disabledAt: summary.disabledAt?.toISOString() ?? null,
  };
}

export function adminStaffRoutes(parent: FastifyInstance, ctx: ServiceContext): void {
  const app = parent.withTypeProvider<TypeBoxTypeProvider>();
  const admin = { audience: audience.staff('admin') };

  app.get('/api/v1/admin/staff', { config: admin, schema: { response: { 200: Type.Object({ staff: Type.Array(StaffSummarySchema) }) } } }, async (request) => ({
    staff: (await listStaff(ctx, staffOf(request))).map(present),
  }));

  app.post(
    '/api/v1/admin/staff',
    {
      config: admin,
      schema: {
        body: StrictObject({ email: Email, displayName: DisplayName, roles: Roles, language: Type.Optional(Language) }),
        response: { 201: InvitationSchema },
      },
    },
    async (request, reply) => {
      const issued = await inviteStaff(ctx, staffOf(request), { ...request.body, language: request.body.language ?? 'fr' });
      return reply.status(201).send(presentInvitation(issued));
    },
  );

  app.post(
    '/api/v1/admin/staff/:id/invitation',
    { config: admin, schema: { params: StrictObject({ id: Uuid }), response: { 201: InvitationSchema } } },
    async (request, reply) => reply.status(201).send(presentInvitation(await reissueInvitation(ctx, staffOf(request), request.params.id))),
  );

  app.put(
    '/api/v1/admin/staff/:id/roles',
    { config: admin, schema: { params: StrictObject({ id: Uuid }), body: StrictObject({ roles: Roles }), response: { 200: StaffSummarySchema } } },
    async (request) => present(await setStaffRoles(ctx, staffOf(request), request.params.id, request.body.roles)),
  );

  app.post(
    '/api/v1/admin/staff/:id/disable',
    { config: admin, schema: { params: StrictObject({ id: Uuid }), response: { 200: StaffSummarySchema } } },
    async (request) => present(await disableStaff(ctx, staffOf(request), request.params.id)),
  );
}
