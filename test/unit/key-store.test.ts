import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { KeyStoreError, loadOrCreateKeys } from '../../src/crypto/server/key-store.ts';

const dirs: string[] = [];
function tempDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'vigie-keystore-'));
  dirs.push(dir);
  return path.join(dir, 'keys');
}
afterEach(() => {
  for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

describe('key store', () => {
  it('makes four 0600 key files on first start, then loads the same keys', async () => {
    const dir = tempDir();
    const first = await loadOrCreateKeys(dir);
    expect(first.created).toBe(true);
    for (const file of ['receipt-signing.key', 'session.key', 'pepper.key', 'data.key']) {
      const stat = fs.statSync(path.join(dir, file));
      expect(stat.mode & 0o777).toBe(0o600);
      expect(stat.size).toBe(32);
    }
    const second = await loadOrCreateKeys(dir);
    expect(second.created).toBe(false);
    expect(second.keys.receiptSigning.keyId).toBe(first.keys.receiptSigning.keyId);
    expect(second.keys.sessionSecret).toEqual(first.keys.sessionSecret);
    expect(first.keys.receiptSigning.keyId).toMatch(/^[A-Za-z0-9_-]{11}$/);
  });

  it('refuses a key of the wrong length', async () => {
    const dir = tempDir();
    await loadOrCreateKeys(dir);
    fs.writeFileSync(path.join(dir, 'session.key'), Buffer.alloc(31), { mode: 0o600 });
    await expect(loadOrCreateKeys(dir)).rejects.toThrow(/session.key holds 31 bytes; the session secret must be exactly 32 bytes/);
  });

  it('refuses a key file other users can read', async () => {
    const dir = tempDir();
    await loadOrCreateKeys(dir);
    fs.chmodSync(path.join(dir, 'pepper.key'), 0o644);
    await expect(loadOrCreateKeys(dir)).rejects.toThrow(/pepper.key can be read by other users \(mode 644\)\. Run: chmod 600/);
  });

  it('refuses to regenerate a single missing key after the first start', async () => {
    const dir = tempDir();
    await loadOrCreateKeys(dir);
    fs.rmSync(path.join(dir, 'data.key'));
    await expect(loadOrCreateKeys(dir)).rejects.toThrow(KeyStoreError);
    await expect(loadOrCreateKeys(dir)).rejects.toThrow(/Missing key file\(s\).*data.key.*restore/);
    expect(fs.existsSync(path.join(dir, 'data.key'))).toBe(false);
  });
});
