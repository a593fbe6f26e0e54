// Rotating the receipt-signing seed in a keys folder: a new key, the old seed kept aside under a
// name the key store ignores, the other three keys untouched.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { KeyStoreError, loadOrCreateKeys, rotateReceiptSigningKey } from '../../src/crypto/server/key-store.ts';

const dirs: string[] = [];
function tempKeysDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'vigie-rotation-'));
  dirs.push(dir);
  return path.join(dir, 'keys');
}
afterEach(() => {
  for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

describe('rotateReceiptSigningKey', () => {
  it('retires the seed under its key id and makes a new key that loadOrCreateKeys then loads', async () => {
    // Given a keys folder from a first start
    const keysDir = tempKeysDir();
    const before = (await loadOrCreateKeys(keysDir)).keys;
    const oldSeed = fs.readFileSync(path.join(keysDir, 'receipt-signing.key'));

    // When the receipt key is rotated
    const rotated = await rotateReceiptSigningKey(keysDir);

    // Then the old seed is kept aside, 0600, and the new one is a fresh 0600 seed
    expect(rotated.oldKeyId).toBe(before.receiptSigning.keyId);
    expect(rotated.newKeyId).not.toBe(rotated.oldKeyId);
    const retired = path.join(keysDir, `receipt-signing.key.retired-${rotated.oldKeyId}`);
    expect(rotated.retiredPath).toBe(retired);
    expect(fs.readFileSync(retired)).toEqual(oldSeed);
    expect(fs.statSync(retired).mode & 0o777).toBe(0o600);
    const current = path.join(keysDir, 'receipt-signing.key');
    expect(fs.statSync(current).mode & 0o777).toBe(0o600);
    expect(fs.statSync(current).size).toBe(32);

    // And the next start loads the new key, ignoring the retired file, with the other keys unchanged
    const after = await loadOrCreateKeys(keysDir);
    expect(after.created).toBe(false);
    expect(after.keys.receiptSigning.keyId).toBe(rotated.newKeyId);
    expect(after.keys.sessionSecret).toEqual(before.sessionSecret);
    expect(after.keys.pepper).toEqual(before.pepper);
    expect(after.keys.dataKey).toEqual(before.dataKey);
  });

  it('refuses when there is no receipt key to rotate, and creates nothing', async () => {
    const keysDir = tempKeysDir();
    fs.mkdirSync(keysDir);
    await expect(rotateReceiptSigningKey(keysDir)).rejects.toThrow(/receipt-signing.key does not exist: there is no receipt-signing key to rotate/);
    expect(fs.readdirSync(keysDir)).toEqual([]);
  });

  it('never overwrites a retired seed: a key restored after its rotation is refused', async () => {
    // Given a key that was rotated, then restored from a copy
    const keysDir = tempKeysDir();
    await loadOrCreateKeys(keysDir);
    const current = path.join(keysDir, 'receipt-signing.key');
    const original = fs.readFileSync(current);
    const { retiredPath } = await rotateReceiptSigningKey(keysDir);
    fs.writeFileSync(current, original, { mode: 0o600 });

    // When it is rotated again, then nothing moves
    await expect(rotateReceiptSigningKey(keysDir)).rejects.toThrow(KeyStoreError);
    await expect(rotateReceiptSigningKey(keysDir)).rejects.toThrow(/already exists: this key was retired before/);
    expect(fs.readFileSync(current)).toEqual(original);
    expect(fs.readFileSync(retiredPath)).toEqual(original);
  });

  it('refuses a seed other users can read, as a start would', async () => {
    const keysDir = tempKeysDir();
    await loadOrCreateKeys(keysDir);
    fs.chmodSync(path.join(keysDir, 'receipt-signing.key'), 0o644);
    await expect(rotateReceiptSigningKey(keysDir)).rejects.toThrow(/can be read by other users/);
    expect(fs.readdirSync(keysDir).filter((f) => f.includes('retired'))).toEqual([]);
  });
});
