// Does a flood of logins starve the rest of the service? 100 concurrent staff logins with the
// production argon2id parameters, while GET /health is polled; prints both latencies.
// Usage: npm run bench:login [-- --logins 100]   (DATABASE_URL selects PostgreSQL)
import { parseArgs } from 'node:util';
import { StaffClient } from '../../src/client/staff-client.ts';
import { loadConfig } from '../../src/config.ts';
import { toBase64Url } from '../../src/crypto/encoding.ts';
import { totpCodeAt } from '../../src/crypto/totp.ts';
import { createOrganisation } from '../../src/services/organisations.ts';
import { inviteReferent, percentile, printFigures, startBenchApp } from './bench-kit.ts';

const { values } = parseArgs({ options: { logins: { type: 'string', default: '100' } } });
const logins = Number(values.logins);
// Read through the one configuration reader, like everything else.
const databaseUrl = loadConfig().databaseUrl;

// Server side: production defaults (no AUTH_HASH_* override). Client side: the cheapest KDF,
// because the client's derivation runs in each browser, not on the server being measured.
const bench = await startBenchApp({ STAFF_KDF_OPSLIMIT: '1', STAFF_KDF_MEMLIMIT: '8192', ...(databaseUrl ? { DATABASE_URL: databaseUrl } : {}) });
const { services, clock } = bench;
try {
  const slug = `bench-login-${Date.now().toString(36)}`;
  await createOrganisation(services, { slug, name: 'Bench', adminEmail: `admin@${slug}.fr`, adminName: 'Admin' });
  const [org] = await services.db.query.organisations.findMany({ where: (o, { eq }) => eq(o.slug, slug) });
  const accounts: { client: StaffClient; email: string; passphrase: string; totpSecret: string }[] = [];
  for (let i = 0; i < logins; i++) {
    const email = `staff${i}@${slug}.fr`;
    const invitation = await inviteReferent(services, org!.id, email, `Staff ${i}`);
    const client = new StaffClient(bench.baseUrl);
    const activated = await client.activate({ code: invitation.code, passphrase: `passphrase ${i}`, at: clock.now() });
    accounts.push({ client, email, passphrase: `passphrase ${i}`, totpSecret: activated.totpSecret });
  }
  clock.advance(30_000);
  // Prepare every request body first, so the burst measures the server, not the client's KDF.
  const bodies = await Promise.all(
    accounts.map(async (a) => ({
      organisation: slug,
      email: a.email,
      authValue: toBase64Url((await a.client.deriveAuthValue(slug, a.email, a.passphrase)).authValue),
      totpCode: await totpCodeAt(a.totpSecret, clock.now()),
    })),
  );

  const healthLatencies: number[] = [];
  let burstOver = false;
  const poll = (async () => {
    while (!burstOver) {
      const started = performance.now();
      const response = await fetch(`${bench.baseUrl}/health`);
      await response.arrayBuffer();
      healthLatencies.push(performance.now() - started);
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
  })();
  const loginLatencies: number[] = [];
  const burstStarted = performance.now();
  const statuses = await Promise.all(
    bodies.map(async (body) => {
      const started = performance.now();
      const response = await fetch(`${bench.baseUrl}/api/v1/staff/session`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
      await response.arrayBuffer();
      loginLatencies.push(performance.now() - started);
      return response.status;
    }),
  );
  const burstSeconds = (performance.now() - burstStarted) / 1000;
  burstOver = true;
  await poll;

  const ok = statuses.filter((s) => s === 200).length;
  const healthP99 = percentile(healthLatencies, 99);
  printFigures(`Login flood (${databaseUrl ? 'PostgreSQL' : 'PGlite'}; argon2id m=${bench.config.authHash.memoryKib} KiB t=${bench.config.authHash.iterations}, ${bench.config.authHash.concurrency} at a time)`, [
    { figure: 'concurrent logins', value: `${ok}/${logins} accepted`, target: `${logins}/${logins}`, met: ok === logins },
    { figure: 'login burst duration', value: `${burstSeconds.toFixed(2)} s (${(ok / burstSeconds).toFixed(1)} logins/s)`, target: '-', met: null },
    { figure: 'login latency p50 / p99', value: `${percentile(loginLatencies, 50).toFixed(0)} / ${percentile(loginLatencies, 99).toFixed(0)} ms`, target: '- (queued by design)', met: null },
    { figure: 'GET /health during the flood p50', value: `${percentile(healthLatencies, 50).toFixed(1)} ms (${healthLatencies.length} samples)`, target: '-', met: null },
    { figure: 'GET /health during the flood p99', value: `${healthP99.toFixed(1)} ms`, target: '< 100 ms', met: healthP99 < 100, comparedWith: "RAIL's 100 ms response budget" },
  ]);
} finally {
  await bench.close();
}
