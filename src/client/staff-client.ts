// Reference staff client: does in Node exactly what the staff pages do in the browser,
// with the same src/crypto functions. Used by tests, benchmarks and scripts.
import { fromBase64Url, toBase64Url } from '../crypto/encoding.ts';
import {
  deriveStaffSecrets,
  generateStaffKeyPair,
  newStaffSalt,
  openStaffPrivateKey,
  sealStaffPrivateKey,
  type StaffKdfParams,
} from '../crypto/staff-keys.ts';
import { totpCodeAt } from '../crypto/totp.ts';
import { VigieHttp } from './http.ts';

export interface ActivationStartAnswer {
  organisation: { id: string; slug: string; name: string };
  account: { id: string; email: string | null; displayName: string; roles: string[] };
  kdf: StaffKdfParams;
  totp: { secret: string; uri: string };
}

export interface StaffSelf {
  id: string;
  email: string | null;
  displayName: string;
  roles: string[];
  language: 'fr' | 'en';
  organisation: { id: string; slug: string; name: string };
  publicKey: string | null;
  sealedPrivateKey: string | null;
  newPassphraseKdf: StaffKdfParams;
}

export interface StaffCredentials {
  readonly organisation: string;
  readonly email: string;
  readonly passphrase: string;
  readonly totpSecret: string;
}

export class StaffClient {
  readonly http: VigieHttp;
  self: StaffSelf | undefined;
  privateKey: Uint8Array | undefined;

  constructor(baseUrl: string) {
    this.http = new VigieHttp(baseUrl);
  }

  /** Activates an invitation: enrols TOTP, makes the key pair, uploads the sealed private key. */
  async activate(input: { code: string; passphrase: string; email?: string; at: Date }): Promise<{ accountId: string; totpSecret: string; organisation: string; email: string }> {
    const start = await this.http.expect<ActivationStartAnswer>(200, 'POST', '/api/v1/staff/activation', { code: input.code });
    const salt = await newStaffSalt();
    const secrets = await deriveStaffSecrets(input.passphrase, salt, start.kdf);
    const pair = await generateStaffKeyPair();
    const sealedPrivateKey = await sealStaffPrivateKey(secrets.keyEncryptionKey, pair.privateKey, start.organisation.id, start.account.id);
    await this.http.expect(200, 'POST', '/api/v1/staff/activation/complete', {
      code: input.code,
      ...(start.account.email ? {} : { email: input.email }),
      salt: toBase64Url(salt),
      authValue: toBase64Url(secrets.authValue),
      publicKey: toBase64Url(pair.publicKey),
      sealedPrivateKey: toBase64Url(sealedPrivateKey),
      totpCode: await totpCodeAt(start.totp.secret, input.at),
    });
    return { accountId: start.account.id, totpSecret: start.totp.secret, organisation: start.organisation.slug, email: start.account.email ?? input.email ?? '' };
  }

  /** The auth value a passphrase yields for this account (after prelogin). */
  async deriveAuthValue(organisation: string, email: string, passphrase: string) {
    const pre = await this.http.expect<{ salt: string; kdf: StaffKdfParams }>(200, 'POST', '/api/v1/staff/prelogin', { organisation, email });
    return deriveStaffSecrets(passphrase, fromBase64Url(pre.salt), pre.kdf);
  }

  /** Full login: prelogin, key derivation, auth value + TOTP, then unlocks the private key. */
  async login(credentials: StaffCredentials, at: Date): Promise<StaffSelf> {
    const secrets = await this.deriveAuthValue(credentials.organisation, credentials.email, credentials.passphrase);
    const self = await this.http.expect<StaffSelf>(200, 'POST', '/api/v1/staff/session', {
      organisation: credentials.organisation,
      email: credentials.email,
      authValue: toBase64Url(secrets.authValue),
      totpCode: await totpCodeAt(credentials.totpSecret, at),
    });
    if (!self.sealedPrivateKey) throw new Error('account has no sealed private key');
    this.privateKey = await openStaffPrivateKey(secrets.keyEncryptionKey, fromBase64Url(self.sealedPrivateKey), self.organisation.id, self.id);
    this.self = self;
    return self;
  }

  async logout(): Promise<void> {
    await this.http.expect(204, 'DELETE', '/api/v1/staff/session');
    this.privateKey = undefined;
    this.self = undefined;
  }

  /** Re-derives from the new passphrase and re-seals the same private key under it. */
  async changePassphrase(credentials: StaffCredentials, newPassphrase: string): Promise<void> {
    if (!this.self || !this.privateKey) throw new Error('log in first');
    const current = await this.deriveAuthValue(credentials.organisation, credentials.email, credentials.passphrase);
    const salt = await newStaffSalt();
    const next = await deriveStaffSecrets(newPassphrase, salt, this.self.newPassphraseKdf);
    const sealed = await sealStaffPrivateKey(next.keyEncryptionKey, this.privateKey, this.self.organisation.id, this.self.id);
    await this.http.expect(204, 'POST', '/api/v1/staff/me/passphrase', {
      currentAuthValue: toBase64Url(current.authValue),
      salt: toBase64Url(salt),
      authValue: toBase64Url(next.authValue),
      sealedPrivateKey: toBase64Url(sealed),
    });
  }
}
