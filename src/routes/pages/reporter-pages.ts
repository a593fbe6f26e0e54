// The reporter's pages, per organisation: /o/:slug (landing), /o/:slug/report (form, review,
// confirmation), /o/:slug/mailbox (token, then mailbox). French unless ?lang=en. They set no
// cookie and carry nothing of a reporter: the form and mailbox content exist only in the page.
import { Type } from '@sinclair/typebox';
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { TIME_ZONES } from '../../domain/calendar.ts';
import { NotFoundError } from '../../domain/errors.ts';
import { languageOf, type Language } from '../../i18n/reporter-pages.ts';
import { audience } from '../../plugins/audience.ts';
import type { ServiceContext } from '../../services/context.ts';
import { describeIntake } from '../../services/intake-description.ts';
import type { PageAssets } from '../../web/pages/layout.ts';
import { landingPage } from '../../web/pages/landing-page.ts';
import { mailboxPage } from '../../web/pages/mailbox-page.ts';
import { notFoundPage } from '../../web/pages/not-found-page.ts';
import { reportPage } from '../../web/pages/report-page.ts';
import type { WebAssets } from '../../web/web-assets.ts';

const PageParams = Type.Object({ slug: Type.String({ maxLength: 200 }) });
// Pages ignore query parameters (a shared link may carry some): only lang=en counts, anything
// else, repeated or malformed, means French. So the query has no schema to fail.
function languageOfQuery(query: unknown): Language {
  return languageOf(typeof query === 'object' && query !== null ? (query as Record<string, unknown>)['lang'] : undefined);
}

function sendPage(reply: FastifyReply, status: number, page: string): FastifyReply {
  return reply.status(status).type('text/html; charset=utf-8').send(page);
}

export function reporterPageRoutes(parent: FastifyInstance, ctx: ServiceContext, assets: WebAssets): void {
  const app = parent.withTypeProvider<TypeBoxTypeProvider>();
  const stylesheet = assets.url('styles');
  const plain: PageAssets = { stylesheet };
  const scripted = (entry: 'report-page' | 'mailbox-page'): PageAssets => ({
    stylesheet,
    script: assets.url(entry),
    preload: assets.chunkUrls(),
    worker: assets.url('proof-of-work-worker'),
  });
  const options = { config: { audience: audience.public }, schema: { hide: true, params: PageParams } };

  /** Renders a page, or the not-found page when the organisation does not exist. */
  async function page(reply: FastifyReply, path: string, language: Language, render: () => Promise<string>): Promise<FastifyReply> {
    try {
      return sendPage(reply, 200, await render());
    } catch (error) {
      if (error instanceof NotFoundError) return sendPage(reply, 404, notFoundPage(path, language, plain));
      throw error;
    }
  }

  app.get('/o/:slug', options, async (request, reply) => {
    const language = languageOfQuery(request.query);
    return page(reply, request.url.split('?')[0]!, language, async () => landingPage(await describeIntake(ctx, request.params.slug), language, plain));
  });

  app.get('/o/:slug/report', options, async (request, reply) => {
    const language = languageOfQuery(request.query);
    return page(reply, request.url.split('?')[0]!, language, async () => reportPage(await describeIntake(ctx, request.params.slug), language, scripted('report-page')));
  });

  app.get('/o/:slug/mailbox', options, async (request, reply) => {
    const language = languageOfQuery(request.query);
    return page(reply, request.url.split('?')[0]!, language, async () => {
      const intake = await describeIntake(ctx, request.params.slug);
      return mailboxPage(intake.organisation, TIME_ZONES[intake.settings.calendarRegion], language, scripted('mailbox-page'), ctx.config.intake.mailboxIdleMinutes);
    });
  });
}
