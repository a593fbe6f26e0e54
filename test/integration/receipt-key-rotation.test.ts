// Rotating the receipt-signing key between two starts of the same deployment: the new key signs,
// the old one stays published, and a receipt given before the rotation still verifies offline.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { eq } from 'drizzle-orm';
import { afterEach, describe, expect, it } from 'vitest';
import { acquireDataDirLock } from '../../db/data-dir-lock.ts';
import { openDatabase } from '../../db/index.ts';
import { receiptSigningKeys } from '../../db/schema.ts';
import { ReporterClient } from '../../src/client/reporter-client.ts';
import { rotateReceiptSigningKey } from '../../src/crypto/server/key-store.ts';
import { organisationWithReferents, sampleReport } from '../helpers/factories.ts';
import { runScript, saveJson, verifyReceiptCli } from '../helpers/receipt-cli.ts';
import { CHEAP_CRYPTO_ENV, startTestApp } from '../helpers/test-app.ts';
import { createTestDatabase } from '../helpers/test-database.ts';

interface PublishedKeys {
  algorithm: 'Ed25519';
  keys: { keyId: string; publicKey: string; firstUsedAt: string; current: boolean }[];
}

const dirs: string[] = [];
function tempDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'vigie-rotation-'));
  dirs.push(dir);
  return dir;
}
afterEach(() => {
  for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

describe('receipt-signing key rotation', () => {
  it('publishes both keys after a restart, signs with the new one, and old receipts still verify', async () => {
    const dir = tempDir();
    const keysDir = path.join(dir, 'keys');
    const database = await createTestDatabase();
    try {
      // Given a server that started with key A and gave a receipt
      const first = await startTestApp({}, { database, keysDir });
      const keyA = first.keys.receiptSigning.keyId;
      const { organisation } = await organisationWithReferents(first, 1);
      const before = await new ReporterClient(first.baseUrl).file(organisation.slug, sampleReport('MARQUEUR-before'));
      expect(before.receipt!.keyId).toBe(keyA);
      await first.close();

      // When the operator rotates the key while it is stopped, then starts it again with key B
      const { oldKeyId, newKeyId: keyB } = await rotateReceiptSigningKey(keysDir);
      expect(oldKeyId).toBe(keyA);
      const second = await startTestApp({}, { database, keysDir });
      try {
        expect(second.keys.receiptSigning.keyId).toBe(keyB);

        // Then both keys are published, B current
        const reporter = new ReporterClient(second.baseUrl);
        const published = await reporter.http.expect<PublishedKeys>(200, 'GET', '/api/v1/keys/receipt');
        expect(published.keys.map((k) => [k.keyId, k.current]).sort()).toEqual([[keyA, false], [keyB, true]].sort());

        // And new receipts are signed with B
        const after = await reporter.file(organisation.slug, sampleReport('MARQUEUR-after'));
        expect(after.receipt!.keyId).toBe(keyB);

        // And both receipts verify offline with the keys saved after the rotation
        const keysFile = saveJson(dir, 'keys.json', published);
        const old = await verifyReceiptCli(saveJson(dir, 'before.json', before.receipt), '--keys', keysFile);
        expect(old).toMatchObject({ code: 0, stderr: '' });
        expect(old.stdout).toContain(before.caseReference);
        expect(old.stdout).toContain(keyA);
        const fresh = await verifyReceiptCli(saveJson(dir, 'after.json', after.receipt), '--keys', keysFile);
        expect(fresh).toMatchObject({ code: 0, stdout: expect.stringContaining(after.caseReference) as unknown });
      } finally {
        await second.close();
      }
    } finally {
      await database.drop();
    }
  });
});

describe('npm run keys:rotate-receipt', () => {
  function env(dir: string) {
    return { ...process.env, ...CHEAP_CRYPTO_ENV, DATABASE_URL: '', DATA_DIR: path.join(dir, 'data'), KEYS_DIR: path.join(dir, 'keys'), LOG_LEVEL: 'warn' };
  }

  it('rotates the key, keeps the old one recorded in the database, and tells the operator to start the server', async () => {
    const dir = tempDir();
    const rotated = await runScript('rotate-receipt-key.ts', [], env(dir));
    expect(rotated).toMatchObject({ code: 0, stderr: '' });
    const [, oldKeyId, newKeyId] = /Receipt-signing key rotated: ([A-Za-z0-9_-]{11}) -> ([A-Za-z0-9_-]{11})/.exec(rotated.stdout) ?? [];
    expect(oldKeyId).toBeDefined();
    expect(newKeyId).not.toBe(oldKeyId);
    expect(rotated.stdout).toContain(`Start the server once: it records the new key ${newKeyId}`);
    expect(fs.existsSync(path.join(dir, 'keys', `receipt-signing.key.retired-${oldKeyId}`))).toBe(true);

    const database = await openDatabase({ databaseUrl: undefined, dataDir: path.join(dir, 'data') });
    try {
      const recorded = await database.db.select().from(receiptSigningKeys).where(eq(receiptSigningKeys.keyId, oldKeyId!));
      expect(recorded).toHaveLength(1);
    } finally {
      await database.close();
    }
  });

  it('refuses while the server holds the embedded database, and leaves the keys untouched', async () => {
    const dir = tempDir();
    fs.mkdirSync(path.join(dir, 'data'));
    const release = acquireDataDirLock(path.join(dir, 'data'));
    try {
      const refused = await runScript('rotate-receipt-key.ts', [], env(dir));
      expect(refused.code).toBe(1);
      expect(refused.stderr).toMatch(/in use by another Vigie process \(pid \d+\)\. Stop the server first/);
      expect(fs.readdirSync(path.join(dir, 'keys')).filter((f) => f.includes('retired'))).toEqual([]);
    } finally {
      release();
    }
  });
});
