// Deny by default: every route declares who may call it in `config.audience`; a route
// without one stops start-up. Staff sessions are resolved here, centrally, before any
// handler runs, and carry the organisation every service query is scoped to.
import type { FastifyInstance, FastifyRequest, RouteOptions } from 'fastify';
import type { StaffRole } from '../../db/schema.ts';
import { ForbiddenError, UnauthenticatedError } from '../domain/errors.ts';
import type { ServiceContext } from '../services/context.ts';
import { authenticateMailboxSession, type ReporterPrincipal } from '../services/mailbox-sessions.ts';
import { authenticateStaffSession, type StaffPrincipal } from '../services/staff-sessions.ts';

export type Audience =
  | { readonly kind: 'public' }
  | { readonly kind: 'reporter' }
  | { readonly kind: 'staff'; readonly roles: readonly StaffRole[] | 'any' };

export const audience = {
  /** Anyone, without a session (health, intake, pages, login). */
  public: { kind: 'public' } as Audience,
  /** A reporter logged in to their mailbox (one case). */
  reporter: { kind: 'reporter' } as Audience,
  /** Any logged-in staff member, whatever their roles. */
  anyStaff: { kind: 'staff', roles: 'any' } as Audience,
  staff: (...roles: StaffRole[]): Audience => ({ kind: 'staff', roles }),
};

declare module 'fastify' {
  interface FastifyContextConfig {
    audience?: Audience;
  }
  interface FastifyRequest {
    staff: StaffPrincipal | null;
    reporter: ReporterPrincipal | null;
  }
}

export function staffCookieName(secure: boolean): string {
  return secure ? '__Host-vigie_staff' : 'vigie_staff';
}

export function mailboxCookieName(secure: boolean): string {
  return secure ? '__Host-vigie_mailbox' : 'vigie_mailbox';
}

/** The reporter of a mailbox route; the audience hook guarantees it is there. */
export function reporterOf(request: FastifyRequest): ReporterPrincipal {
  if (!request.reporter) throw new UnauthenticatedError('A mailbox session is required.');
  return request.reporter;
}

/** The principal of a staff route; the audience hook guarantees it is there. */
export function staffOf(request: FastifyRequest): StaffPrincipal {
  if (!request.staff) throw new UnauthenticatedError('A staff session is required.');
  return request.staff;
}

/** A route as declared: what the authorization matrix and the fuzzer are generated from. */
export interface DeclaredRoute {
  readonly method: string;
  readonly url: string;
  readonly audience: Audience;
  readonly schema: RouteOptions['schema'];
}

const catalogues = new WeakMap<FastifyInstance, DeclaredRoute[]>();

/** Every route registered on `app` (HEAD routes Fastify adds for GET routes left out). */
export function declaredRoutes(app: FastifyInstance): readonly DeclaredRoute[] {
  return catalogues.get(app) ?? [];
}

export function registerAudience(app: FastifyInstance, ctx: ServiceContext): void {
  app.decorateRequest('staff', null);
  app.decorateRequest('reporter', null);
  const catalogue: DeclaredRoute[] = [];
  catalogues.set(app, catalogue);
  app.addHook('onRoute', (route) => {
    if (!route.config?.audience) {
      throw new Error(`Route ${String(route.method)} ${route.url} declares no audience; every route must (deny by default).`);
    }
    for (const method of [route.method].flat()) {
      if (method === 'HEAD' && catalogue.some((r) => r.method === 'GET' && r.url === route.url)) continue;
      catalogue.push({ method, url: route.url, audience: route.config.audience, schema: route.schema });
    }
  });
  const cookieName = staffCookieName(ctx.config.secureCookies);
  const reporterCookie = mailboxCookieName(ctx.config.secureCookies);
  app.addHook('onRequest', async (request) => {
    const declared = request.routeOptions.config.audience;
    if (!declared) return; // 404 handler: nothing to protect.
    if (declared.kind === 'public') return;
    if (declared.kind === 'reporter') {
      const value = request.cookies[reporterCookie];
      const reporter = value ? await authenticateMailboxSession(ctx, value) : null;
      if (!reporter) throw new UnauthenticatedError('Your mailbox session has ended. Enter your mailbox token again.', 'mailbox_session_required');
      request.reporter = reporter;
      return;
    }
    const cookie = request.cookies[cookieName];
    const principal = cookie ? await authenticateStaffSession(ctx, cookie) : null;
    if (!principal) throw new UnauthenticatedError('Your session has ended or you are not logged in. Log in again.', 'session_required');
    if (declared.roles !== 'any' && !declared.roles.some((role) => principal.roles.includes(role))) {
      throw new ForbiddenError(`This needs one of the roles: ${declared.roles.join(', ')}.`, 'role_required');
    }
    request.staff = principal;
  });
}
