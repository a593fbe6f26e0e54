// Deny by default: a route that declares no audience stops the application from starting.
import Fastify from 'fastify';
import cookie from '@fastify/cookie';
import { describe, expect, it } from 'vitest';
import { registerAudience } from '../../src/plugins/audience.ts';
import type { ServiceContext } from '../../src/services/context.ts';
import { testConfig } from '../helpers/test-app.ts';

describe('audience declarations', () => {
  it('refuse a route without one at start-up', async () => {
    const app = Fastify();
    await app.register(cookie);
    registerAudience(app, { config: testConfig() } as ServiceContext);
    expect(() => app.get('/undeclared', () => 'open')).toThrow(/declares no audience/);
    app.get('/declared', { config: { audience: { kind: 'public' } } }, () => 'ok');
    await app.ready();
    expect((await app.inject('/declared')).statusCode).toBe(200);
    await app.close();
  });
});
