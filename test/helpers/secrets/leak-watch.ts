// Keeps the list of what must never leak during a story, as the story learns it, and looks for
// it everywhere: plaintext markers and the clients' secrets in every table, pg_dump and the
// document folder; those, the secrets the server may store but never log, the server's own keys,
// the client's address and its user agent in the captured logs.
import fs from 'node:fs';
import path from 'node:path';
import type { VigieHttp } from '../../../src/client/http.ts';
import type { OpenedCase } from '../../../src/client/staff-cases-client.ts';
import type { ActiveStaff } from '../factories.ts';
import type { TestApp } from '../test-app.ts';
import { byteShapes, encodedTextShapes, textShapes, type Needle } from './secret-shapes.ts';
import { findIn, folderDump, pgDump, tableDump } from './stored-state.ts';

export interface Leaks {
  /** Found in a table, the pg_dump or a stored file. */
  readonly stored: string[];
  readonly logged: string[];
  /** Log lines naming a client address. */
  readonly addresses: string[];
}

export class LeakWatch {
  readonly userAgent: string;
  readonly forwardedFor = '198.51.100.61';
  /** Plaintext markers, as text, hex and base64 at every alignment. */
  readonly #plaintext: Needle[] = [];
  /** Secrets no table may hold and no log line may carry. */
  readonly #secrets: Needle[] = [];
  /** Secrets the server may store (it needs them) but never log. */
  readonly #unloggable: Needle[] = [];

  constructor(
    readonly t: TestApp,
    readonly documentsDir: string,
    readonly run: string,
  ) {
    this.userAgent = `Mozilla/5.0 (X11; Linux x86_64) SecretStory-UA-${run}`;
  }

  /** The marker text for one field of a plaintext; it is searched for from now on. */
  marker(field: string): string {
    const text = this.markerText(field);
    this.#plaintext.push(...textShapes(`marker ${field}`, text), ...encodedTextShapes(`marker ${field}`, text));
    return text;
  }

  markerText(field: string): string {
    return `SECRETSTORY-${this.run}-${field}`;
  }

  secret(...needles: Needle[]): void {
    this.#secrets.push(...needles);
  }

  unloggable(...needles: Needle[]): void {
    this.#unloggable.push(...needles);
  }

  /** Every request of this client carries the distinctive user agent and a forwarded address. */
  disguise(http: VigieHttp): void {
    const raw = http.raw.bind(http);
    const traces = { 'user-agent': this.userAgent, 'x-forwarded-for': this.forwardedFor };
    http.raw = (method, target, init = {}) => raw(method, target, { ...init, headers: { ...init.headers, ...traces } });
  }

  /** What a staff member's browser holds: passphrase, auth value, key-encryption key, private key, TOTP seed, session cookie. */
  async rememberStaff(staff: ActiveStaff): Promise<void> {
    const { organisation, email, passphrase, totpSecret } = staff.credentials;
    const derived = await staff.client.deriveAuthValue(organisation, email, passphrase);
    this.secret(
      ...textShapes(`passphrase of ${email}`, passphrase),
      ...byteShapes(`auth value of ${email}`, derived.authValue),
      ...byteShapes(`key-encryption key of ${email}`, derived.keyEncryptionKey),
      ...byteShapes(`private key of ${email}`, staff.client.privateKey!),
    );
    // The server keeps the TOTP seed (encrypted at rest) and a hash of the session id.
    this.unloggable(...textShapes(`TOTP seed of ${email}`, totpSecret));
    for (const name of staff.client.http.cookieNames()) this.unloggable(...textShapes(`session cookie of ${email}`, staff.client.http.cookie(name)!));
  }

  rememberCaseKey(opened: OpenedCase, who: string): void {
    this.secret(...byteShapes(`case key as opened by ${who}`, opened.caseKey));
  }

  /** The key files in KEYS_DIR, and the receipt-signing secret key as loaded. */
  serverKeys(): Needle[] {
    const { keysDir } = this.t.config;
    const files = fs.readdirSync(keysDir).filter((name) => name.endsWith('.key'));
    if (files.length < 4) throw new Error(`expected the four server keys in ${keysDir}, found ${files.join(', ')}`);
    return [...files.flatMap((name) => byteShapes(`server key ${name}`, fs.readFileSync(path.join(keysDir, name)))), ...byteShapes('receipt-signing secret key', this.t.keys.receiptSigning.secretKey)];
  }

  async leaks(): Promise<Leaks> {
    const clientTraces = [...textShapes('user agent', this.userAgent), ...textShapes('forwarded address', this.forwardedFor)];
    const dump = pgDump(this.t.database);
    const stored = [...(await tableDump(this.t.database)), ...(dump ? [dump] : []), ...folderDump(this.documentsDir)];
    if (!stored.some((place) => place.place === 'table public.organisations' && place.text.length > 0)) throw new Error('the dump holds no organisation: nothing was searched');
    const logs = [{ place: 'logs', text: this.t.logs.join('') }];
    return {
      stored: findIn(stored, [...this.#plaintext, ...this.#secrets, ...this.serverKeys(), ...clientTraces]),
      logged: findIn(logs, [...this.#plaintext, ...this.#secrets, ...this.#unloggable, ...this.serverKeys(), ...clientTraces]),
      addresses: this.t.logs.filter((line) => !line.includes('Server listening at') && /127\.0\.0\.1|::1\b|::ffff:|198\.51\.100\./.test(line)).map((line) => line.slice(0, 300)),
    };
  }
}
