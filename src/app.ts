// buildApp(config, deps): the whole HTTP application, ready to inject or listen. Never listens.
import cookie from '@fastify/cookie';
import Fastify, { type FastifyInstance, type FastifyReply } from 'fastify';
import type { DestinationStream } from 'pino';
import type { DatabaseHandle } from '../db/index.ts';
import { systemClock, type Clock } from './clock.ts';
import type { Config } from './config.ts';
import type { ServerKeys } from './crypto/server/key-store.ts';
import { createLogger } from './logger.ts';
import { registerAudience } from './plugins/audience.ts';
import { problem, registerErrorHandling } from './plugins/errors.ts';
import { registerSecurityHeaders } from './plugins/security.ts';
import { clientErrorHandler, FRAMEWORK_ERROR_HEADERS } from './plugins/client-errors.ts';
import { registerWellFormedText } from './plugins/well-formed-text.ts';
import { adminAuditRoutes } from './routes/admin/audit.ts';
import { adminIntakeRoutes } from './routes/admin/intake.ts';
import { adminStaffRoutes } from './routes/admin/staff.ts';
import { registerApiDocs } from './routes/api-docs.ts';
import { healthRoutes } from './routes/health.ts';
import { homePageRoutes } from './routes/home-page.ts';
import { intakeRoutes } from './routes/intake/intake.ts';
import { mailboxRoutes } from './routes/mailbox/mailbox.ts';
import { reporterPageRoutes } from './routes/pages/reporter-pages.ts';
import { staffPageRoutes } from './routes/pages/staff-pages.ts';
import { webAssetRoutes } from './routes/pages/web-assets.ts';
import { receiptKeyRoutes } from './routes/receipt-keys.ts';
import { caseRetentionRoutes } from './routes/staff/case-retention.ts';
import { dpoRetentionRoutes } from './routes/dpo/retention.ts';
import { indicatorRoutes } from './routes/dpo/indicators.ts';
import { documentRoutes } from './routes/documents/document-routes.ts';
import { caseWorkflowRoutes } from './routes/staff/case-workflow.ts';
import { staffCaseRoutes } from './routes/staff/cases.ts';
import { staffActivationRoutes } from './routes/staff/activation.ts';
import { staffMeRoutes } from './routes/staff/me.ts';
import { staffSessionRoutes } from './routes/staff/session.ts';
import { createServiceContext, type ServiceContext } from './services/context.ts';
import { recordReceiptKey } from './services/receipt-keys.ts';
import { loadWebAssets, type WebAssets } from './web/web-assets.ts';

export interface AppDeps {
  readonly database: DatabaseHandle;
  readonly keys: ServerKeys;
  readonly clock?: Clock;
  /** Where log lines go (tests capture them); stdout by default. */
  readonly logDestination?: DestinationStream;
  /** The built browser bundle; read from dist/web by default. */
  readonly webAssets?: WebAssets;
}

export async function buildApp(config: Config, deps: AppDeps): Promise<FastifyInstance> {
  const logger = createLogger(config.logLevel, deps.logDestination);
  const app = Fastify({
    loggerInstance: logger,
    bodyLimit: config.bodyLimitBytes,
    requestTimeout: config.requestTimeoutMs,
    connectionTimeout: config.requestTimeoutMs,
    // The address of a caller is never looked at; no proxy header is trusted.
    trustProxy: false,
    // Node's parser refusals answer problem+json too; a request without Host reaches the router
    // (Node would answer it a bare 400 of its own).
    clientErrorHandler,
    http: { requireHostHeader: false },
    ajv: { customOptions: { removeAdditional: false, coerceTypes: false, allErrors: false } },
    // "/o/ville/" is "/o/ville". Path parameters of any length that fits in a request reach the
    // route, whose schema refuses them with the usual headers (the router's own 414 has none).
    routerOptions: { ignoreTrailingSlash: true, maxParamLength: 16_384 },
    // What the router refuses before any hook runs (a malformed path): a problem+json with a
    // fixed, strictest header set, since helmet's hooks do not run for these.
    frameworkErrors: (error, _request, rawReply) => {
      const reply = rawReply as FastifyReply;
      const status = error.statusCode ?? 400;
      void reply
        .status(status)
        .headers(FRAMEWORK_ERROR_HEADERS)
        .type('application/problem+json; charset=utf-8')
        .send(problem(status, 'Invalid request', 'The request path is malformed.', 'invalid_request'));
    },
  });
  const webAssets = deps.webAssets ?? loadWebAssets();
  const ctx: ServiceContext = createServiceContext({ database: deps.database, clock: deps.clock ?? systemClock, config, keys: deps.keys, logger });

  registerErrorHandling(app);
  registerWellFormedText(app);
  await registerSecurityHeaders(app, config);
  await app.register(cookie);
  registerAudience(app, ctx);
  await registerApiDocs(app);

  healthRoutes(app, deps.database);
  homePageRoutes(app, webAssets);
  webAssetRoutes(app, webAssets);
  reporterPageRoutes(app, ctx, webAssets);
  staffPageRoutes(app, ctx, webAssets);
  staffActivationRoutes(app, ctx);
  staffSessionRoutes(app, ctx);
  staffMeRoutes(app, ctx);
  adminStaffRoutes(app, ctx);
  adminIntakeRoutes(app, ctx);
  adminAuditRoutes(app, ctx);
  receiptKeyRoutes(app, ctx);
  intakeRoutes(app, ctx);
  mailboxRoutes(app, ctx);
  staffCaseRoutes(app, ctx);
  caseWorkflowRoutes(app, ctx);
  caseRetentionRoutes(app, ctx);
  dpoRetentionRoutes(app, ctx);
  indicatorRoutes(app, ctx);
  await documentRoutes(app, ctx);

  // Publish the current receipt-signing key; keys used before a rotation stay published.
  await recordReceiptKey(ctx.db, deps.keys.receiptSigning, ctx.clock.now());

  await app.ready();
  return app;
}
