import { describe, expect, it } from 'vitest';
import { EncodingError, fromBase64Url, toBase64Url } from '../../src/crypto/encoding.ts';
import { EnvelopeError, associatedData, openEnvelope, sealEnvelope } from '../../src/crypto/envelope.ts';
import { deriveStaffSecrets, generateStaffKeyPair, newStaffSalt, openStaffPrivateKey, sealStaffPrivateKey } from '../../src/crypto/staff-keys.ts';

const cheap = { algorithm: 'argon2id13', opsLimit: 1, memLimitBytes: 8192 } as const;

describe('base64url', () => {
  it('round-trips and refuses padding, other alphabets and non-canonical forms', () => {
    const bytes = new Uint8Array([0, 250, 251, 252, 253, 254, 255]);
    expect(fromBase64Url(toBase64Url(bytes))).toEqual(bytes);
    for (const bad of ['AA==', 'A+/A', 'A', 'AB', 'ab c']) expect(() => fromBase64Url(bad)).toThrow(EncodingError);
  });
});

describe('envelope v1', () => {
  it('opens with the same key and context, refuses another context, a flipped bit, or another version', async () => {
    const key = new Uint8Array(32).fill(9);
    const ad = associatedData('report', 'org-1');
    const sealed = await sealEnvelope(key, new TextEncoder().encode('secret'), ad);
    expect(sealed[0]).toBe(1);
    expect(new TextDecoder().decode(await openEnvelope(key, sealed, ad))).toBe('secret');
    await expect(openEnvelope(key, sealed, associatedData('report', 'org-2'))).rejects.toThrow(EnvelopeError);
    const flipped = sealed.slice();
    flipped[30] = (flipped[30] ?? 0) ^ 1;
    await expect(openEnvelope(key, flipped, ad)).rejects.toThrow(/tampered/);
    const v2 = sealed.slice();
    v2[0] = 2;
    await expect(openEnvelope(key, v2, ad)).rejects.toThrow(/unknown envelope version 2/);
  });
});

describe('staff keys', () => {
  it('derive the same auth value from the same passphrase and salt, different from the wrapping key', async () => {
    const salt = await newStaffSalt();
    const a = await deriveStaffSecrets('passphrase', salt, cheap);
    const b = await deriveStaffSecrets('passphrase', salt, cheap);
    const c = await deriveStaffSecrets('passphrase!', salt, cheap);
    expect(a.authValue).toEqual(b.authValue);
    expect(a.authValue).not.toEqual(a.keyEncryptionKey);
    expect(a.authValue).not.toEqual(c.authValue);
  });

  it('seal the private key to its account: another account id or passphrase cannot open it', async () => {
    const salt = await newStaffSalt();
    const { keyEncryptionKey } = await deriveStaffSecrets('passphrase', salt, cheap);
    const pair = await generateStaffKeyPair();
    const sealed = await sealStaffPrivateKey(keyEncryptionKey, pair.privateKey, 'org', 'acc-1');
    expect(sealed).toHaveLength(73);
    expect(await openStaffPrivateKey(keyEncryptionKey, sealed, 'org', 'acc-1')).toEqual(pair.privateKey);
    await expect(openStaffPrivateKey(keyEncryptionKey, sealed, 'org', 'acc-2')).rejects.toThrow(EnvelopeError);
    const other = await deriveStaffSecrets('other', salt, cheap);
    await expect(openStaffPrivateKey(other.keyEncryptionKey, sealed, 'org', 'acc-1')).rejects.toThrow(EnvelopeError);
  });
});
