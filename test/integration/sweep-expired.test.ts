// The sweep forgets expired proof-of-work records and ended sessions, and nothing still valid.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ReporterClient } from '../../src/client/reporter-client.ts';
import { sweepExpiredJob } from '../../src/jobs/sweep-expired.ts';
import { organisationWithReferents, sampleReport } from '../helpers/factories.ts';
import { intakeRowCounts } from '../helpers/intake-rows.ts';
import { startTestApp, type TestApp } from '../helpers/test-app.ts';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(async () => t.close());

describe('sweep-expired', () => {
  it('keeps what is live, then deletes it once expired (dry run first)', async () => {
    const { organisation } = await organisationWithReferents(t, 1);
    const reporter = new ReporterClient(t.baseUrl);
    const filed = await reporter.file(organisation.slug, sampleReport('SWEEP'));
    await reporter.openMailbox(filed.token);
    const before = await intakeRowCounts(t);
    expect(before.spent_challenges).toBe(2);
    expect(before.mailbox_sessions).toBe(1);

    expect((await sweepExpiredJob.run(t.services, { dryRun: false })).lines).toEqual([
      'deleted 0 spent proof-of-work challenges',
      'deleted 0 ended mailbox sessions',
      'deleted 0 ended staff sessions',
      'deleted 0 document upload(s) left unfinished for over 24 hours',
    ]);
    t.clock.advance(60 * 60_000);
    expect((await sweepExpiredJob.run(t.services, { dryRun: true })).lines).toEqual([
      'would delete 2 spent proof-of-work challenges',
      'would delete 1 ended mailbox sessions',
      'would delete 2 ended staff sessions',
      'would delete 0 document upload(s) left unfinished for over 24 hours',
    ]);
    expect(await intakeRowCounts(t)).toEqual(before);
    await sweepExpiredJob.run(t.services, { dryRun: false });
    const after = await intakeRowCounts(t);
    expect([after.spent_challenges, after.mailbox_sessions]).toEqual([0, 0]);
    expect(after.cases).toBe(1);
  });
});
