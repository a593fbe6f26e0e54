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
import { HttpError, VigieHttp } from './http.ts';

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

  /** Step 1 of an activation: the invitation's organisation, account, KDF parameters and TOTP seed. */
  startActivation(code: string): Promise<ActivationStartAnswer> {
    return this.http.expect<ActivationStartAnswer>(200, 'POST', '/api/v1/staff/activation', { code });
  }

  /** Step 2: derives from the passphrase, makes the key pair, seals the private key, confirms TOTP. */
  async completeActivation(code: string, start: ActivationStartAnswer, input: { passphrase: string; totpCode: string; email?: string }): Promise<{ accountId: string; organisation: string; email: string }> {
    const salt = await newStaffSalt();
    const secrets = await deriveStaffSecrets(input.passphrase, salt, start.kdf);
    const pair = await generateStaffKeyPair();
    try {
      const sealedPrivateKey = await sealStaffPrivateKey(secrets.keyEncryptionKey, pair.privateKey, start.organisation.id, start.account.id);
      await this.http.expect(200, 'POST', '/api/v1/staff/activation/complete', {
        code,
        ...(start.account.email ? {} : { email: input.email }),
        salt: toBase64Url(salt),
        authValue: toBase64Url(secrets.authValue),
        publicKey: toBase64Url(pair.publicKey),
        sealedPrivateKey: toBase64Url(sealedPrivateKey),
        totpCode: input.totpCode,
      });
    } finally {
      // The key is on the server, sealed: this page logs in like any other before using it.
      pair.privateKey.fill(0);
      secrets.keyEncryptionKey.fill(0);
    }
    return { accountId: start.account.id, organisation: start.organisation.slug, email: start.account.email ?? input.email ?? '' };
  }

  /** Activates an invitation in one go, computing the TOTP code as an authenticator app would at `at`. */
  async activate(input: { code: string; passphrase: string; email?: string; at: Date }): Promise<{ accountId: string; totpSecret: string; organisation: string; email: string }> {
    const start = await this.startActivation(input.code);
    const done = await this.completeActivation(input.code, start, {
      passphrase: input.passphrase,
      totpCode: await totpCodeAt(start.totp.secret, input.at),
      ...(input.email === undefined ? {} : { email: input.email }),
    });
    return { ...done, totpSecret: start.totp.secret };
  }

  /** The auth value a passphrase yields for this account (after prelogin). */
  async deriveAuthValue(organisation: string, email: string, passphrase: string) {
    const pre = await this.http.expect<{ salt: string; kdf: StaffKdfParams }>(200, 'POST', '/api/v1/staff/prelogin', { organisation, email });
    return deriveStaffSecrets(passphrase, fromBase64Url(pre.salt), pre.kdf);
  }

  /** Login with a code typed from the authenticator: prelogin, key derivation, auth value + TOTP, then unlocks the private key. */
  async loginWithCode(input: { organisation: string; email: string; passphrase: string; totpCode: string }): Promise<StaffSelf> {
    const secrets = await this.deriveAuthValue(input.organisation, input.email, input.passphrase);
    try {
      const self = await this.http.expect<StaffSelf>(200, 'POST', '/api/v1/staff/session', {
        organisation: input.organisation,
        email: input.email,
        authValue: toBase64Url(secrets.authValue),
        totpCode: input.totpCode,
      });
      await this.#openPrivateKey(self, secrets.keyEncryptionKey);
      return self;
    } finally {
      secrets.keyEncryptionKey.fill(0);
    }
  }

  /** Full login, computing the TOTP code from the seed at `at` (Node tests and scripts). */
  async login(credentials: StaffCredentials, at: Date): Promise<StaffSelf> {
    return this.loginWithCode({ organisation: credentials.organisation, email: credentials.email, passphrase: credentials.passphrase, totpCode: await totpCodeAt(credentials.totpSecret, at) });
  }

  /** The session cookie is still valid but the key is not in memory (a reloaded page): the profile, or null when there is no session. */
  async currentSession(): Promise<StaffSelf | null> {
    const answer = await this.http.send<StaffSelf>('GET', '/api/v1/staff/me');
    if (answer.status === 401) return null;
    if (answer.status !== 200) throw new HttpError(answer.status, answer.body);
    return answer.body;
  }

  /** Opens the sealed private key of an open session with the passphrase (no new login, no TOTP). */
  async unlock(passphrase: string, self?: StaffSelf): Promise<StaffSelf> {
    const profile = self ?? (await this.http.expect<StaffSelf>(200, 'GET', '/api/v1/staff/me'));
    if (!profile.email) throw new Error('account has no e-mail');
    const secrets = await this.deriveAuthValue(profile.organisation.slug, profile.email, passphrase);
    secrets.authValue.fill(0);
    try {
      await this.#openPrivateKey(profile, secrets.keyEncryptionKey);
      return profile;
    } finally {
      secrets.keyEncryptionKey.fill(0);
    }
  }

  async #openPrivateKey(self: StaffSelf, keyEncryptionKey: Uint8Array): Promise<void> {
    if (!self.sealedPrivateKey) throw new Error('account has no sealed private key');
    this.privateKey = await openStaffPrivateKey(keyEncryptionKey, fromBase64Url(self.sealedPrivateKey), self.organisation.id, self.id);
    this.self = self;
  }

  async logout(): Promise<void> {
    await this.http.expect(204, 'DELETE', '/api/v1/staff/session');
    this.privateKey?.fill(0);
    this.privateKey = undefined;
    this.self = undefined;
  }

  /** The logged-in profile, fresh from the server (a 401 when the session has ended). */
  async profile(): Promise<StaffSelf> {
    return this.http.expect<StaffSelf>(200, 'GET', '/api/v1/staff/me');
  }

  /** Re-derives from the new passphrase and re-seals the same private key under it. */
  async changePassphrase(credentials: StaffCredentials, newPassphrase: string): Promise<void> {
    await this.changeOwnPassphrase(credentials.passphrase, newPassphrase);
  }

  /** The same from the logged-in profile: the current passphrase proves itself, the key is re-sealed under the new one. */
  async changeOwnPassphrase(currentPassphrase: string, newPassphrase: string): Promise<void> {
    if (!this.self || !this.privateKey) throw new Error('log in first');
    if (!this.self.email) throw new Error('account has no e-mail');
    const current = await this.deriveAuthValue(this.self.organisation.slug, this.self.email, currentPassphrase);
    current.keyEncryptionKey.fill(0);
    const salt = await newStaffSalt();
    const next = await deriveStaffSecrets(newPassphrase, salt, this.self.newPassphraseKdf);
    const sealed = await sealStaffPrivateKey(next.keyEncryptionKey, this.privateKey, this.self.organisation.id, this.self.id);
    next.keyEncryptionKey.fill(0);
    await this.http.expect(204, 'POST', '/api/v1/staff/me/passphrase', {
      currentAuthValue: toBase64Url(current.authValue),
      salt: toBase64Url(salt),
      authValue: toBase64Url(next.authValue),
      sealedPrivateKey: toBase64Url(sealed),
    });
    // The profile now answers with the new sealed key (an unlock after a reload needs it).
    this.self = { ...this.self, sealedPrivateKey: toBase64Url(sealed) };
  }
}
