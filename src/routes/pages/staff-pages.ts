// The staff area's document: /staff and any path under it get the same shell; the staff app in the
// browser routes, logs in and decrypts. French unless ?lang=en. Nothing of a case or a person here.
import { Type } from '@sinclair/typebox';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { languageOf } from '../../i18n/reporter-pages.ts';
import { audience } from '../../plugins/audience.ts';
import type { ServiceContext } from '../../services/context.ts';
import { staffShell } from '../../web/pages/staff-shell.ts';
import type { WebAssets } from '../../web/web-assets.ts';

export function staffPageRoutes(app: FastifyInstance, ctx: ServiceContext, assets: WebAssets): void {
  const shellAssets = { stylesheet: assets.url('staff-styles'), script: assets.url('staff-app'), preload: assets.chunkUrls() };
  const options = { config: { audience: audience.public }, schema: { hide: true, params: Type.Object({ '*': Type.Optional(Type.String({ maxLength: 2000 })) }) } };
  const handler = (request: FastifyRequest): string => {
    const query = request.query as Record<string, unknown> | undefined;
    const language = languageOf(query?.['lang']);
    const path = request.url.split('?')[0]!;
    return staffShell(language, path, shellAssets, ctx.config.sessionIdleMinutes);
  };
  app.get('/staff', options, (request, reply) => reply.type('text/html; charset=utf-8').send(handler(request)));
  app.get('/staff/*', options, (request, reply) => reply.type('text/html; charset=utf-8').send(handler(request)));
}
